import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { rolesByScope, type Role } from '@steward/permissions';
import { events, organizations, roleAssignments, users } from '../src/db/schema/index.js';
import type { DatabaseHandle } from '../src/db/connection.js';
import { loadActorFacts } from '../src/authz/facts.js';
import { AppError } from '../src/errors.js';
import { assignRole, removeMember, type TeamKind } from '../src/modules/teams/service.js';
import { createTestDatabase } from './support/database.js';

// Random sequences of grants, changes and removals by random people, straight through the team
// service on a real database: whatever succeeds, SPEC §6 holds afterwards.

const origin = { requestId: null, ipAddress: null, userAgent: null };
const PEOPLE = 6;

type Op = {
  actor: number;
  target: number;
  kind: TeamKind;
  what: 'assign' | 'remove';
  role: Role;
  expires: boolean;
};

const ladders: Record<TeamKind, Role[]> = {
  event: ['event_admin', 'responder', 'reporter'],
  organization: ['org_admin', 'org_viewer'],
};

const op: fc.Arbitrary<Op> = fc.constantFrom<TeamKind>('event', 'organization').chain((kind) =>
  fc.record({
    // Managers act more often than others, so that sequences change teams as well as bounce.
    actor: fc.constantFrom(0, 0, 1, 1, 2, 3, 4, 5),
    target: fc.integer({ min: 0, max: PEOPLE - 1 }),
    kind: fc.constant(kind),
    what: fc.constantFrom<'assign' | 'remove'>('assign', 'assign', 'remove'),
    // Mostly the team's own roles; now and then one that must never be given here.
    role: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...ladders[kind]) },
      {
        weight: 1,
        arbitrary: fc.constantFrom<Role>('system_admin', 'publisher', 'chapter_leader'),
      },
    ),
    expires: fc.boolean(),
  }),
);

describe('team changes keep SPEC §6, whatever the sequence', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  async function world() {
    const db = database.db;
    const tag = randomUUID().slice(0, 8);
    const ids = Array.from({ length: PEOPLE }, () => randomUUID());
    const emails = ids.map((_, i) => `p${i}-${tag}@example.org`);
    await db.insert(users).values(ids.map((id, i) => ({ id, name: `P${i}`, email: emails[i]! })));
    const [org] = await db
      .insert(organizations)
      .values({ name: `O ${tag}`, slug: `o-${tag}` })
      .returning();
    const [ev] = await db
      .insert(events)
      .values({ organizationId: org!.id, name: `E ${tag}`, slug: `e-${tag}` })
      .returning();
    // Person 0 runs the organization, person 1 the event, person 2 responds; the rest are nobody.
    await db.insert(roleAssignments).values([
      { userId: ids[0]!, role: 'org_admin', scopeType: 'organization', scopeId: org!.id },
      { userId: ids[1]!, role: 'event_admin', scopeType: 'event', scopeId: ev!.id },
      { userId: ids[2]!, role: 'responder', scopeType: 'event', scopeId: ev!.id },
    ]);
    return { ids, emails, orgId: org!.id, eventId: ev!.id };
  }

  const live = () =>
    or(isNull(roleAssignments.expiresAt), gt(roleAssignments.expiresAt, sql`now()`));

  async function holders(scopeId: string) {
    return database.db
      .select({
        userId: roleAssignments.userId,
        role: roleAssignments.role,
        scopeType: roleAssignments.scopeType,
      })
      .from(roleAssignments)
      .where(and(eq(roleAssignments.scopeId, scopeId), live()));
  }

  /** Whether the person could manage this team before the step, read straight from the rows. */
  async function couldManage(userId: string, kind: TeamKind, w: Awaited<ReturnType<typeof world>>) {
    const orgRoles = (await holders(w.orgId)).filter((h) => h.userId === userId).map((h) => h.role);
    if (orgRoles.includes('org_admin')) return true;
    if (kind === 'organization') return false;
    const eventRoles = (await holders(w.eventId))
      .filter((h) => h.userId === userId)
      .map((h) => h.role);
    return eventRoles.includes('event_admin');
  }

  it('never leaves a scope without its admin, never grants outside a scope, never by a non-manager', async () => {
    let changes = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 10 }), async (ops) => {
        const w = await world();
        for (const o of ops) {
          const actorId = w.ids[o.actor]!;
          const targetId = w.ids[o.target]!;
          const scopeId = o.kind === 'event' ? w.eventId : w.orgId;
          const manager = await couldManage(actorId, o.kind, w);
          const facts = await loadActorFacts(database.db, actorId);
          const ctx = { actor: { userId: actorId }, origin };
          let ok = true;
          try {
            if (o.what === 'assign') {
              await assignRole(
                database.db,
                ctx,
                facts,
                o.kind,
                scopeId,
                // By email: adds someone new, or changes a member's role.
                { email: w.emails[o.target]! },
                {
                  role: o.role,
                  expiresAt: o.expires ? new Date(Date.now() + 3_600_000).toISOString() : null,
                },
                'http://localhost',
              );
            } else {
              await removeMember(
                database.db,
                ctx,
                facts,
                o.kind,
                scopeId,
                targetId,
                null,
                'http://localhost',
              );
            }
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            ok = false;
          }
          // Only someone who manages the team changes it.
          if (ok) expect(manager, JSON.stringify(o)).toBe(true);
          if (ok) changes += 1;

          const inEvent = await holders(w.eventId);
          const inOrg = await holders(w.orgId);
          // The last admins stay.
          expect(inEvent.some((h) => h.role === 'event_admin')).toBe(true);
          expect(inOrg.some((h) => h.role === 'org_admin')).toBe(true);
          // Roles only in their own scope; system roles never here.
          for (const h of inEvent) expect(rolesByScope.event).toContain(h.role);
          for (const h of inOrg) expect(rolesByScope.organization).toContain(h.role);
          // One role on a team's ladder per person.
          for (const list of [inEvent.filter((h) => h.role !== 'checkiner'), inOrg]) {
            const people = list.map((h) => h.userId);
            expect(new Set(people).size).toBe(people.length);
          }
        }
      }),
      { numRuns: 25 },
    );
    // The sequences did change teams, not only bounce off.
    expect(changes).toBeGreaterThan(10);
  });
});
