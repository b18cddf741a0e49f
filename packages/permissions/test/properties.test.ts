import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  actions,
  decide,
  type Action,
  type ActorFacts,
  type EventFacts,
  type OrganizationFacts,
  type ReportFacts,
  type Resource,
  type RoleAssignmentFact,
} from '../src/index.js';
import { reference, referenceActions } from './reference.js';

// Property tests: random worlds of organizations, chapters, events, users, assignments and
// settings, checked against the naive reference in reference.ts and against the promises SPEC
// makes about isolation, revocation, expiry and the two domains.

const NOW = Date.parse('2026-06-01T12:00:00Z');
const USERS = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5'];
const ORGS = ['o0', 'o1'];
const CHAPTERS = [
  { id: 'c0', org: 'o0' },
  { id: 'c1', org: 'o0' },
  { id: 'c2', org: 'o1' },
];
const EVENTS = ['e0', 'e1', 'e2', 'e3'];
const REGIONS = ['g0'];

// --- Arbitraries ---------------------------------------------------------------------------------

const user = fc.constantFrom(...USERS);
const expiry = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.integer({ min: -5_000, max: 5_000 }).map((d) => NOW + d) },
);

type Held = RoleAssignmentFact & { user: string };
const assignment: fc.Arbitrary<Held> = fc
  .record({
    user,
    pick: fc.constantFrom(
      ['system_admin', 'system'],
      ['publisher', 'system'],
      ['org_admin', 'organization'],
      ['org_viewer', 'organization'],
      ['chapter_leader', 'chapter'],
      ['event_admin', 'event'],
      ['responder', 'event'],
      ['reporter', 'event'],
      ['checkiner', 'event'],
      ['region_leader', 'region'],
    ),
    org: fc.constantFrom(...ORGS),
    chapter: fc.constantFrom(...CHAPTERS.map((c) => c.id)),
    event: fc.constantFrom(...EVENTS),
    region: fc.constantFrom(...REGIONS),
    expiresAt: expiry,
  })
  .map(({ user, pick: [role, scopeType], org, chapter, event, region, expiresAt }) => ({
    user,
    role,
    scopeType,
    scopeId: { system: null, organization: org, chapter, event, region }[scopeType] ?? null,
    expiresAt,
  })) as fc.Arbitrary<Held>;

const orgSettings = fc.record({
  eventCreation: fc.constantFrom('admins', 'anyone'),
  eventApproval: fc.constantFrom('required', 'not_required'),
  leadersSeeIncidents: fc.boolean(),
  requireMfaForAdmins: fc.boolean(),
}) as fc.Arbitrary<OrganizationFacts['settings']>;

const eventShape = fc.record({
  org: fc.constantFrom(...ORGS),
  chapterPick: fc.integer({ min: 0, max: 2 }), // 0: no chapter, else one of the org's chapters
  status: fc.constantFrom('draft', 'pending_approval', 'active', 'archived'),
  suspended: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, fc.constant(true)),
  spam: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, fc.constant(true)),
  rsvpOpen: fc.boolean(),
  createdBy: fc.option(user),
  hasIncidentData: fc.boolean(),
  settings: fc.record({
    responderScope: fc.constantFrom('all', 'assigned'),
    respondersCanAssign: fc.boolean(),
    reportIntake: fc.constantFrom('members', 'signed_in', 'anonymous'),
    showTeamPublicly: fc.boolean(),
  }),
});

const reportShape = fc.record({
  event: fc.integer({ min: 0, max: EVENTS.length - 1 }),
  author: fc.option(user, { freq: 5 }),
  assignees: fc.uniqueArray(user, { maxLength: 3 }),
  anonymous: fc.boolean(),
  internalWriter: user,
  externalWriter: user,
  uploader: user,
});

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;
type Actor = ActorFacts & { attending: readonly string[] };

export interface World {
  actors: Actor[];
  assignments: Held[];
  attending: [string, string][];
  organizations: OrganizationFacts[];
  events: EventFacts[];
  resources: Resource[];
}

const worldArb: fc.Arbitrary<World> = fc
  .record({
    orgs: fc.tuple(orgSettings, orgSettings),
    events: fc.tuple(eventShape, eventShape, eventShape, eventShape),
    assignments: fc.array(assignment, { maxLength: 14 }),
    attending: fc.uniqueArray(fc.tuple(user, fc.constantFrom(...EVENTS)), {
      maxLength: 5,
      selector: ([u, e]) => `${u}/${e}`,
    }),
    reports: fc.array(reportShape, { minLength: 1, maxLength: 5 }),
    chapterEventCount: fc.constantFrom(0, 1),
  })
  .map((w) => buildWorld(w));

function buildWorld(w: {
  orgs: [OrganizationFacts['settings'], OrganizationFacts['settings']];
  events: ValueOf<typeof eventShape>[];
  assignments: Held[];
  attending: [string, string][];
  reports: ValueOf<typeof reportShape>[];
  chapterEventCount: number;
}): World {
  const organizations = ORGS.map((id, i) => ({ id, name: `Org ${id}`, settings: w.orgs[i]! }));
  const orgById = new Map(organizations.map((o) => [o.id, o]));
  const events: EventFacts[] = w.events.map((e, i) => {
    const chapters = CHAPTERS.filter((c) => c.org === e.org);
    const chapter = e.chapterPick === 0 ? null : (chapters[e.chapterPick - 1] ?? null);
    return {
      id: EVENTS[i]!,
      organization: orgById.get(e.org)!,
      chapter: chapter ? { id: chapter.id } : null,
      status: e.status as EventFacts['status'],
      suspended: e.suspended,
      spam: e.spam,
      rsvpOpen: e.rsvpOpen,
      createdBy: e.createdBy,
      hasIncidentData: e.hasIncidentData,
      settings: e.settings as EventFacts['settings'],
    };
  });
  const resources: Resource[] = [];
  for (const o of organizations) resources.push({ type: 'organization', ...o });
  for (const c of CHAPTERS) {
    resources.push({
      type: 'chapter',
      id: c.id,
      organization: orgById.get(c.org)!,
      eventCount: w.chapterEventCount,
    });
  }
  for (const e of events) resources.push({ type: 'event', ...e });
  w.reports.forEach((r, i) => {
    const report: ReportFacts = {
      id: `r${i}`,
      event: events[r.event]!,
      authorId: r.author,
      assigneeIds: r.assignees,
      anonymous: r.anonymous,
    };
    resources.push(
      { type: 'report', ...report },
      { type: 'comment', id: `ci${i}`, report, writerId: r.internalWriter, visibility: 'internal' },
      { type: 'comment', id: `ce${i}`, report, writerId: r.externalWriter, visibility: 'external' },
      { type: 'evidence', id: `ev${i}`, report, uploaderId: r.uploader },
    );
  });
  const actors = [null, ...USERS].map((id) => actorOf(id, w.assignments, w.attending));
  return {
    actors,
    assignments: w.assignments,
    attending: w.attending,
    organizations,
    events,
    resources,
  };
}

function actorOf(id: string | null, assignments: Held[], attending: [string, string][]): Actor {
  return {
    userId: id,
    assignments: assignments
      .filter((a) => a.user === id)
      .map(({ role, scopeType, scopeId, expiresAt }) => ({ role, scopeType, scopeId, expiresAt })),
    attending: attending.filter(([u]) => u === id).map(([, e]) => e),
  } satisfies ActorFacts;
}

/** Every (action, resource) pair the reference covers that applies in this world. */
function* questions(world: World): Generator<[Action, Resource]> {
  for (const action of referenceActions) {
    const on = actions[action].on;
    for (const r of world.resources) {
      if (typeof on === 'string' ? on === r.type : on.includes(r.type)) yield [action, r];
    }
  }
}

const orgOfResource = (r: Resource): string | null => {
  switch (r.type) {
    case 'organization':
      return r.id;
    case 'chapter':
      return r.organization.id;
    case 'event':
      return r.organization.id;
    case 'report':
      return r.event.organization.id;
    case 'comment':
    case 'evidence':
      return r.report.event.organization.id;
    default:
      return null;
  }
};

/** Whether an assignment reaches into the organization (org, its chapters, its events). */
function reaches(a: RoleAssignmentFact, orgId: string, world: World): boolean {
  if (a.scopeType === 'organization') return a.scopeId === orgId;
  if (a.scopeType === 'chapter') return CHAPTERS.find((c) => c.id === a.scopeId)?.org === orgId;
  if (a.scopeType === 'event')
    return world.events.find((e) => e.id === a.scopeId)?.organization.id === orgId;
  return false;
}

const describeDecision = (actor: ActorFacts, action: Action, r: Resource, now = NOW) =>
  `${actor.userId ?? 'anon'} ${action} on ${r.type} ${'id' in r ? r.id : ''}: ` +
  decide(actor, action, r, now).reason;

const runs = { numRuns: 150 };
// Thousands of decisions per run: generous time on a loaded machine (this measures nothing).
const slow = { timeout: 120_000 };

describe('property: decide() agrees with the naive reference', slow, () => {
  it('on every actor, action and resource of random worlds', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        for (const actor of world.actors) {
          for (const [action, r] of questions(world)) {
            const got = decide(actor, action, r, NOW).allowed;
            const want = reference(actor, action, r, NOW);
            if (got !== want) {
              throw new Error(`expected ${want}, got ${describeDecision(actor, action, r)}`);
            }
          }
        }
      }),
      runs,
    );
  });
});

describe('property: isolation, revocation, expiry and the two domains', slow, () => {
  it('no grant crosses an organization boundary', () => {
    // Roles held in another organization never change a decision here.
    fc.assert(
      fc.property(worldArb, fc.array(assignment, { maxLength: 6 }), (world, extra) => {
        for (const actor of world.actors) {
          for (const [action, r] of questions(world)) {
            const org = orgOfResource(r)!;
            const elsewhere = extra.filter(
              (a) =>
                ['organization', 'chapter', 'event'].includes(a.scopeType) &&
                !reaches(a, org, world),
            );
            if (!elsewhere.length) continue;
            const more = { ...actor, assignments: [...actor.assignments, ...elsewhere] };
            expect(decide(more, action, r, NOW).allowed, describeDecision(more, action, r)).toBe(
              decide(actor, action, r, NOW).allowed,
            );
          }
        }
      }),
      runs,
    );
  });

  it('revoking never grants', () => {
    fc.assert(
      fc.property(worldArb, fc.nat(), (world, which) => {
        for (const actor of world.actors) {
          const n = actor.assignments.length + actor.attending.length;
          if (n === 0) continue;
          const k = which % n;
          // Remove one assignment, or one RSVP.
          const less: ActorFacts =
            k < actor.assignments.length
              ? { ...actor, assignments: actor.assignments.filter((_, i) => i !== k) }
              : {
                  ...actor,
                  attending: actor.attending.filter((_, i) => i !== k - actor.assignments.length),
                };
          for (const [action, r] of questions(world)) {
            if (decide(less, action, r, NOW).allowed) {
              expect(
                decide(actor, action, r, NOW).allowed,
                describeDecision(actor, action, r),
              ).toBe(true);
            }
          }
        }
      }),
      runs,
    );
  });

  it('expiry ends access at the exact instant', () => {
    fc.assert(
      fc.property(worldArb, assignment, (world, held) => {
        const expiresAt = NOW + 1_000;
        for (const actor of world.actors) {
          if (actor.userId === null) continue;
          const role = { ...held, user: actor.userId, expiresAt };
          const withRole = { ...actor, assignments: [...actor.assignments, role] };
          const forever = {
            ...actor,
            assignments: [...actor.assignments, { ...role, expiresAt: null }],
          };
          for (const [action, r] of questions(world)) {
            // An instant before: exactly as if it never expired. At the instant: as if never held.
            expect(decide(withRole, action, r, expiresAt - 1).allowed).toBe(
              decide(forever, action, r, expiresAt - 1).allowed,
            );
            expect(
              decide(withRole, action, r, expiresAt).allowed,
              describeDecision(withRole, action, r, expiresAt),
            ).toBe(decide(actor, action, r, expiresAt).allowed);
          }
        }
      }),
      runs,
    );
  });

  it('no setting gives incident data to a role that SPEC denies it to', () => {
    // Whatever the settings: someone who is not on the event's team, not a leader above it, not
    // the author and not an assignee sees no incident data.
    const incidentActions = referenceActions.filter((a) => actions[a].incidentData);
    fc.assert(
      fc.property(worldArb, (world) => {
        for (const actor of world.actors) {
          for (const [action, r] of questions(world)) {
            if (!incidentActions.includes(action)) continue;
            const report = r.type === 'report' ? r : 'report' in r ? r.report : null;
            if (!report) continue;
            const me = actor.userId;
            const onTeam = actor.assignments.some(
              (a) =>
                (a.scopeType === 'event' &&
                  a.scopeId === report.event.id &&
                  (a.role === 'event_admin' || a.role === 'responder')) ||
                (a.role === 'org_admin' && a.scopeId === report.event.organization.id) ||
                (a.role === 'chapter_leader' && a.scopeId === report.event.chapter?.id),
            );
            const related =
              me !== null && (report.authorId === me || report.assigneeIds.includes(me));
            if (onTeam || related) continue;
            expect(decide(actor, action, r, NOW).allowed, describeDecision(actor, action, r)).toBe(
              false,
            );
          }
        }
      }),
      runs,
    );
  });

  it('system_admin and publisher never change a conduct decision', () => {
    const conductActions = referenceActions.filter((a) => actions[a].domain === 'conduct');
    const system: RoleAssignmentFact[] = [
      { role: 'system_admin', scopeType: 'system', scopeId: null, expiresAt: null },
      { role: 'publisher', scopeType: 'system', scopeId: null, expiresAt: null },
    ];
    fc.assert(
      fc.property(worldArb, fc.subarray(system, { minLength: 1 }), (world, added) => {
        for (const actor of world.actors) {
          const without = {
            ...actor,
            assignments: actor.assignments.filter((a) => a.scopeType !== 'system'),
          };
          const withSystem = { ...without, assignments: [...without.assignments, ...added] };
          for (const [action, r] of questions(world)) {
            if (!conductActions.includes(action)) continue;
            expect(
              decide(withSystem, action, r, NOW).allowed,
              describeDecision(withSystem, action, r),
            ).toBe(decide(without, action, r, NOW).allowed);
          }
        }
      }),
      runs,
    );
  });
});
