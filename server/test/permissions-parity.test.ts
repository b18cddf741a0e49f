import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, or } from 'drizzle-orm';
import {
  actionNames,
  actions,
  decide,
  listPlan,
  type Action,
  type ResourceOf,
  type Role,
  type Scope,
} from '@steward/permissions';
import {
  chapters,
  comments,
  events,
  evidence,
  organizations,
  reportAssignees,
  reports,
  roleAssignments,
  users,
} from '../src/db/schema/index.js';
import type { DatabaseHandle } from '../src/db/connection.js';
import { loadActorFacts, loadEventFacts } from '../src/authz/facts.js';
import { eventColumns, planWhere } from '../src/authz/list-filter.js';
import { createTestDatabase } from './support/database.js';
import { approvalQueue, listEvents, myEvents } from '../src/modules/events/lists.js';
import { myRoleIn } from '../src/modules/events/present.js';
import { loadReport } from '../src/modules/reports/access.js';
import { eventQueue, myReports, reportColumns } from '../src/modules/reports/lists.js';

// Parity: for random worlds stored in a real database, the SQL made from each actor's list plan
// returns exactly the events decide() allows, action by action.

/** A small deterministic PRNG, so a failing seed can be replayed. */
function prng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const chance = (p: number) => next() < p;
  return { next, pick, chance };
}

const NOW = Date.now();

async function buildWorld(db: DatabaseHandle['db'], seed: number) {
  const r = prng(seed);
  const tag = randomUUID().slice(0, 8);
  const userIds = Array.from({ length: 7 }, () => randomUUID());
  await db
    .insert(users)
    .values(userIds.map((id, i) => ({ id, name: `User ${i}`, email: `u${i}-${tag}@example.org` })));

  const orgs = Array.from({ length: r.pick([2, 3]) }, (_, i) => ({
    id: randomUUID(),
    name: `Org ${i}`,
    slug: `org-${i}-${tag}`,
    eventCreation: r.pick(['admins', 'anyone']),
    eventApproval: r.pick(['required', 'not_required']),
    leadersSeeIncidents: r.chance(0.5),
  }));
  await db.insert(organizations).values(orgs);
  const chapterRows = orgs.flatMap((o, i) =>
    Array.from({ length: r.pick([0, 1, 2]) }, (_, j) => ({
      id: randomUUID(),
      organizationId: o.id,
      name: `Chapter ${i}.${j}`,
      slug: `ch-${j}`,
    })),
  );
  if (chapterRows.length) await db.insert(chapters).values(chapterRows);

  const eventRows = Array.from({ length: 10 }, (_, i) => {
    const org = r.pick(orgs);
    const inOrg = chapterRows.filter((c) => c.organizationId === org.id);
    return {
      id: randomUUID(),
      organizationId: org.id,
      chapterId: inOrg.length && r.chance(0.6) ? r.pick(inOrg).id : null,
      name: `Event ${i}`,
      slug: `ev-${i}-${tag}`,
      status: r.pick(['draft', 'pending_approval', 'active', 'active', 'archived']),
      suspended: r.chance(0.2),
      spam: r.chance(0.15),
      rsvpOpen: r.chance(0.5),
      createdBy: r.chance(0.5) ? r.pick(userIds) : null,
      responderScope: r.pick(['all', 'assigned']),
      respondersCanAssign: r.chance(0.5),
      reportIntake: r.pick(['members', 'signed_in', 'anonymous']),
      showTeamPublicly: r.chance(0.3),
    };
  });
  await db.insert(events).values(eventRows);

  const scopes: { type: Scope; ids: string[]; roles: Role[] }[] = [
    { type: 'system', ids: [], roles: ['system_admin', 'publisher'] },
    { type: 'organization', ids: orgs.map((o) => o.id), roles: ['org_admin', 'org_viewer'] },
    { type: 'chapter', ids: chapterRows.map((c) => c.id), roles: ['chapter_leader'] },
    {
      type: 'event',
      ids: eventRows.map((e) => e.id),
      roles: ['event_admin', 'responder', 'reporter', 'checkiner'],
    },
  ];
  const assignments = new Map<string, typeof roleAssignments.$inferInsert>();
  for (const userId of userIds) {
    for (let k = 0; k < r.pick([0, 1, 2, 3]); k++) {
      const scope = r.pick(scopes.filter((s) => s.type === 'system' || s.ids.length > 0));
      if (scope.type === 'system' && !r.chance(0.3)) continue;
      const role = r.pick(scope.roles);
      const scopeId = scope.type === 'system' ? null : r.pick(scope.ids);
      const expiresAt = r.chance(0.2)
        ? new Date(NOW + (r.chance(0.5) ? -3_600_000 : 3_600_000))
        : null;
      assignments.set(`${userId}|${role}|${scopeId}`, {
        userId,
        role,
        scopeType: scope.type,
        scopeId,
        expiresAt,
      });
      // Often the same role at a second place of the same kind: the SQL makes such clauses one
      // (authz/list-filter.ts), which must not lose either place.
      if (scope.type !== 'system' && r.chance(0.5)) {
        const other = r.pick(scope.ids);
        assignments.set(`${userId}|${role}|${other}`, {
          userId,
          role,
          scopeType: scope.type,
          scopeId: other,
          expiresAt: r.chance(0.2) ? new Date(NOW - 3_600_000) : null,
        });
      }
    }
  }
  if (assignments.size) await db.insert(roleAssignments).values([...assignments.values()]);
  return { userIds, eventIds: eventRows.map((e) => e.id) };
}

// Every action on events whose grants the planner can express (deleting needs incident data).
const listable: Action[] = actionNames.filter(
  (a) => actions[a].on === 'event' && a !== 'event.delete',
);

describe('list plan ↔ decide parity', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`agrees on every event for every actor and action (seed ${seed})`, async () => {
      const db = database.db;
      const world = await buildWorld(db, seed);
      const facts = await loadEventFacts(db, world.eventIds);
      let compared = 0;
      for (const userId of [...world.userIds, null]) {
        const actor = await loadActorFacts(db, userId);
        for (const action of listable) {
          const plan = listPlan(actor, action, NOW);
          const rows = await db
            .select({ id: events.id })
            .from(events)
            .innerJoin(organizations, eq(events.organizationId, organizations.id))
            .where(and(inArray(events.id, world.eventIds), planWhere(plan, eventColumns)));
          const fromSql = rows.map((row) => row.id).sort();
          const fromDecide = world.eventIds
            .filter(
              (id) => decide(actor, action, { type: 'event', ...facts.get(id)! }, NOW).allowed,
            )
            .sort();
          expect(fromSql, `${action} for ${userId ?? 'anonymous'} (seed ${seed})`).toEqual(
            fromDecide,
          );
          compared += world.eventIds.length;
        }
      }
      expect(compared).toBeGreaterThan(0);
    });
  }
});

// The list endpoints themselves (not only planWhere): what each returns of a random world is
// exactly what decide() allows, for every actor.
describe('event lists ↔ decide parity', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  for (const seed of [11, 12, 13]) {
    it(`the event list, approval queue and switcher agree with decide (seed ${seed})`, async () => {
      const db = database.db;
      const world = await buildWorld(db, seed);
      const facts = await loadEventFacts(db, world.eventIds);
      const now = new Date();
      const worldIds: readonly string[] = world.eventIds;
      const inWorld = (ids: string[]) => ids.filter((id) => worldIds.includes(id)).sort();
      const allowed = (actor: Awaited<ReturnType<typeof loadActorFacts>>, action: Action) =>
        world.eventIds.filter(
          (id) => decide(actor, action, { type: 'event', ...facts.get(id)! }, now).allowed,
        );
      const page = { page: 1, pageSize: 100 };
      for (const userId of world.userIds) {
        const actor = await loadActorFacts(db, userId);
        const label = `${userId} (seed ${seed})`;

        const listed = await listEvents(db, actor, page);
        expect(inWorld(listed.items.map((e) => e.id)), `events for ${label}`).toEqual(
          allowed(actor, 'event.view').sort(),
        );

        const queue = await approvalQueue(db, actor, page);
        expect(inWorld(queue.items.map((e) => e.id)), `queue for ${label}`).toEqual(
          allowed(actor, 'event.publish')
            .filter((id) => facts.get(id)!.status === 'pending_approval')
            .sort(),
        );

        const mine = await myEvents(db, actor, undefined);
        const switcher = mine.organizations.flatMap((g) => g.events.map((e) => e.id));
        expect(inWorld(switcher), `switcher for ${label}`).toEqual(
          allowed(actor, 'event.view')
            .filter((id) => myRoleIn(actor, facts.get(id)!, now.getTime()) !== null)
            .sort(),
        );
      }
    });
  }
});

/** Reports, assignees, comments and evidence in a world's events, by random people. */
async function addIncidents(
  db: DatabaseHandle['db'],
  world: { userIds: string[]; eventIds: string[] },
  seed: number,
) {
  const r = prng(seed * 7919);
  const reportRows = Array.from({ length: 24 }, (_, i) => {
    const anonymous = r.chance(0.2);
    return {
      id: randomUUID(),
      eventId: r.pick(world.eventIds),
      number: i + 1,
      authorId: anonymous ? null : r.pick(world.userIds),
      anonymous,
      title: `Report ${i}`,
      description: 'What happened',
      type: 'other',
      idempotencyKey: randomUUID(),
      state: r.pick(['submitted', 'acknowledged', 'investigating', 'resolved', 'closed']),
      deletedAt: r.chance(0.1) ? new Date(NOW) : null,
    };
  });
  await db.insert(reports).values(reportRows);
  const assigned = new Map<string, { reportId: string; userId: string }>();
  for (const report of reportRows) {
    for (let k = 0; k < r.pick([0, 0, 1, 2]); k++) {
      const userId = r.pick(world.userIds);
      assigned.set(`${report.id}|${userId}`, { reportId: report.id, userId });
    }
  }
  if (assigned.size) await db.insert(reportAssignees).values([...assigned.values()]);
  const commentRows = reportRows.flatMap((report) =>
    Array.from({ length: r.pick([0, 1, 3]) }, () => ({
      reportId: report.id,
      writerId: r.pick(world.userIds),
      visibility: r.pick(['internal', 'external']),
      body: 'A comment',
      deletedAt: r.chance(0.1) ? new Date(NOW) : null,
    })),
  );
  if (commentRows.length) await db.insert(comments).values(commentRows);
  const evidenceRows = reportRows
    .filter(() => r.chance(0.4))
    .map((report) => ({
      reportId: report.id,
      uploaderId: r.pick(world.userIds),
      fileName: 'photo.png',
      contentType: 'image/png',
      size: 1,
      sha256: 'x',
      storageKey: randomUUID(),
    }));
  if (evidenceRows.length) await db.insert(evidence).values(evidenceRows);
  return { reportIds: reportRows.map((x) => x.id) };
}

// Every action on reports: the list plan's SQL over reports (and over the comments and evidence
// hanging off them) returns exactly what decide() allows; so do the report lists themselves.
const reportActions: Action[] = actionNames.filter((a) => actions[a].on === 'report');

describe('reports, comments and evidence ↔ decide parity', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  for (const seed of [21, 22, 23, 24]) {
    it(`agrees on every report, comment and piece of evidence (seed ${seed})`, async () => {
      const db = database.db;
      const world = await buildWorld(db, seed);
      const { reportIds } = await addIncidents(db, world, seed);
      const loaded = new Map<string, ResourceOf<'report'>>();
      for (const id of reportIds) {
        const report = await loadReport(db, id);
        if (report) loaded.set(id, report.resource);
      }
      const live = [...loaded.keys()].sort();
      const allComments = await db
        .select()
        .from(comments)
        .where(inArray(comments.reportId, reportIds));
      // Both answers must occur, or the comparison proves nothing.
      const tally = { allowed: 0, denied: 0 };
      const allEvidence = await db
        .select()
        .from(evidence)
        .where(inArray(evidence.reportId, reportIds));
      for (const userId of [...world.userIds, null]) {
        const actor = await loadActorFacts(db, userId);
        const label = `${userId ?? 'anonymous'} (seed ${seed})`;
        const may = (action: Action, id: string) => {
          const allowed = decide(actor, action, loaded.get(id)!, NOW).allowed;
          tally[allowed ? 'allowed' : 'denied'] += 1;
          return allowed;
        };
        for (const action of reportActions) {
          const rows = await db
            .select({ id: reports.id })
            .from(reports)
            .innerJoin(events, eq(reports.eventId, events.id))
            .innerJoin(organizations, eq(events.organizationId, organizations.id))
            .where(
              and(
                inArray(reports.id, live),
                planWhere(listPlan(actor, action, NOW), reportColumns),
              ),
            );
          expect(rows.map((x) => x.id).sort(), `${action} for ${label}`).toEqual(
            live.filter((id) => may(action, id)),
          );
        }

        // Comments: external ones with the report, internal ones with internal.view.
        const view = planWhere(listPlan(actor, 'report.view', NOW), reportColumns);
        const internal = planWhere(
          listPlan(actor, 'report.comment.internal.view', NOW),
          reportColumns,
        );
        const seenComments = await db
          .select({ id: comments.id })
          .from(comments)
          .innerJoin(reports, eq(comments.reportId, reports.id))
          .innerJoin(events, eq(reports.eventId, events.id))
          .innerJoin(organizations, eq(events.organizationId, organizations.id))
          .where(
            and(
              inArray(reports.id, live),
              or(and(eq(comments.visibility, 'external'), view), internal),
            ),
          );
        expect(seenComments.map((c) => c.id).sort(), `comments for ${label}`).toEqual(
          allComments
            .filter(
              (c) =>
                loaded.has(c.reportId) &&
                (c.visibility === 'external'
                  ? may('report.view', c.reportId)
                  : may('report.comment.internal.view', c.reportId)),
            )
            .map((c) => c.id)
            .sort(),
        );

        // Evidence: exactly with the report (SPEC §9).
        const seenEvidence = await db
          .select({ id: evidence.id })
          .from(evidence)
          .innerJoin(reports, eq(evidence.reportId, reports.id))
          .innerJoin(events, eq(reports.eventId, events.id))
          .innerJoin(organizations, eq(events.organizationId, organizations.id))
          .where(and(inArray(reports.id, live), view));
        expect(seenEvidence.map((e) => e.id).sort(), `evidence for ${label}`).toEqual(
          allEvidence
            .filter((e) => loaded.has(e.reportId) && may('report.view', e.reportId))
            .map((e) => e.id)
            .sort(),
        );

        // The lists themselves: each event's queue, with its visible comment counts, and
        // the caller's own reports.
        for (const eventId of world.eventIds) {
          const queue = await eventQueue(db, actor, eventId, {
            sort: 'newest',
            page: 1,
            pageSize: 100,
          });
          const expected = live.filter(
            (id) => loaded.get(id)!.event.id === eventId && may('report.view', id),
          );
          expect(queue.items.map((i) => i.id).sort(), `queue of ${eventId} for ${label}`).toEqual(
            expected,
          );
          for (const item of queue.items) {
            const count = allComments.filter(
              (c) =>
                c.reportId === item.id &&
                !c.deletedAt &&
                (c.visibility === 'external' || may('report.comment.internal.view', item.id)),
            ).length;
            expect(item.commentCount, `comments on ${item.id} for ${label}`).toBe(count);
          }
        }
        const mine = await myReports(db, actor, { page: 1, pageSize: 100 });
        expect(mine.items.map((i) => i.id).sort(), `my reports for ${label}`).toEqual(
          live.filter((id) => loaded.get(id)!.authorId === userId && may('report.view', id)),
        );
      }
      expect(tally.allowed).toBeGreaterThan(50);
      expect(tally.denied).toBeGreaterThan(50);
    });
  }
});
