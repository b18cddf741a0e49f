// `npm run bench:policy`: Steward's permission engine against node-casbin and CASL, on one
// generated policy, in one process. See docs/PERFORMANCE.md for what it measures and why.
//
// The three engines answer the same questions from the same generated data:
//   - Steward: decide(actor, action, resource, now).allowed with ActorFacts and Resource objects.
//   - casbin: one Enforcer (RBAC with domains, `g = _, _, _`, role inheritance inside each domain,
//     author/assignee as ABAC on the request object), policies added with addPolicies /
//     addGroupingPolicies, queried with enforceSync.
//   - CASL: one MongoAbility per user, built before timing; only ability.can() is timed.
//
// Compared actions (the rules casbin and CASL express exactly, under the default settings):
//   report.view      event_admin (also org_admin / chapter_leader above it), responder, author,
//                    assignee; never system roles (conduct data)
//   report.delete    event_admin (incl. inherited)
//   event.update     event_admin (incl. inherited), system_admin
//   event.team.view  responder and above (incl. inherited)
//   event.checkin    event_admin (incl. inherited), checkiner, system_admin
// Narrowed on purpose: every event is active (no spam, suspension or archive gates), no
// assignment expires, and all settings are the defaults (responderScope `all`,
// leadersSeeIncidents on). Those states and settings are what Steward's engine exists for, but
// expressing them in casbin's matcher would no longer be "casbin as usually configured"; the
// comparison stays on the plain RBAC + relationship rules all three can say exactly.
import { hrtime } from 'node:process';
import { createMongoAbility, subject, type MongoAbility, type RawRuleOf } from '@casl/ability';
import { newEnforcer, newModelFromString, type Enforcer } from 'casbin';
import {
  decide,
  defaultEventSettings,
  defaultOrganizationSettings,
  type Action,
  type ActorFacts,
  type EventFacts,
  type OrganizationFacts,
  type ReportFacts,
  type Resource,
  type RoleAssignmentFact,
} from '@steward/permissions';

// ---------------------------------------------------------------------------------------------
// Sizes and the seeded PRNG (mulberry32): the same policy and queries on every run.

const USERS = 10_000;
const EVENTS = 1_000;
const ORGS = 50;
const QUERIES = 200_000;
const WARMUP_PASSES = 2;
const ROUNDS = 3;
const AGREEMENT_SAMPLE = 2_000;
const NOW = Date.parse('2026-11-23T12:00:00Z');

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(20261123);
const int = (n: number): number => Math.floor(rand() * n);
const between = (lo: number, hi: number): number => lo + int(hi - lo + 1);
const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;

// ---------------------------------------------------------------------------------------------
// The generated world, engine-neutral.

type EventRole = 'event_admin' | 'responder' | 'reporter' | 'checkiner';
interface Assignment {
  user: number;
  role: RoleAssignmentFact['role'];
  scopeType: RoleAssignmentFact['scopeType'];
  scopeId: string | null;
}
interface GenEvent {
  id: string;
  org: number;
  chapter: string | null;
  /** Users with any role here, org admins and chapter leaders above: the "related" users. */
  related: number[];
}
interface GenReport {
  id: string;
  event: number;
  author: number;
  assignees: number[];
}

const userId = (u: number): string => `u${u}`;
const orgIds = Array.from({ length: ORGS }, (_, i) => `o${i}`);
const chaptersByOrg: string[][] = [];
const chapterOrg = new Map<string, number>();
for (let o = 0; o < ORGS; o++) {
  const list = Array.from({ length: between(2, 5) }, (_, c) => `o${o}c${c}`);
  chaptersByOrg.push(list);
  for (const c of list) chapterOrg.set(c, o);
}

const assignments: Assignment[] = [];
const seen = new Set<string>();
function assign(
  user: number,
  role: Assignment['role'],
  scopeType: Assignment['scopeType'],
  scopeId: string | null,
): boolean {
  const key = `${user}|${role}|${scopeId ?? '-'}`;
  if (seen.has(key)) return false;
  seen.add(key);
  assignments.push({ user, role, scopeType, scopeId });
  return true;
}

const orgAdmins: number[][] = orgIds.map(() => []);
const chapterLeaders = new Map<string, number[]>();
for (let o = 0; o < ORGS; o++) {
  for (let k = 0; k < 2; k++) {
    const u = int(USERS);
    if (assign(u, 'org_admin', 'organization', orgIds[o]!)) orgAdmins[o]!.push(u);
  }
  for (const c of chaptersByOrg[o]!) {
    const leaders: number[] = [];
    for (let k = between(1, 2); k > 0; k--) {
      const u = int(USERS);
      if (assign(u, 'chapter_leader', 'chapter', c)) leaders.push(u);
    }
    chapterLeaders.set(c, leaders);
  }
}
const systemAdmins: number[] = [];
for (let k = 0; k < 5; k++) {
  const u = int(USERS);
  if (assign(u, 'system_admin', 'system', null)) systemAdmins.push(u);
  assign(int(USERS), 'publisher', 'system', null);
}

const events: GenEvent[] = [];
const respondersOf: number[][] = [];
const reportersOf: number[][] = [];
const perEvent: [EventRole, number, number][] = [
  ['event_admin', 1, 2],
  ['responder', 3, 5],
  ['checkiner', 1, 3],
  ['reporter', 18, 26],
];
for (let e = 0; e < EVENTS; e++) {
  const org = int(ORGS);
  const chapter = rand() < 0.75 ? pick(chaptersByOrg[org]!) : null;
  const id = `e${e}`;
  const related = [...orgAdmins[org]!, ...(chapter ? chapterLeaders.get(chapter)! : [])];
  const responders: number[] = [];
  const reporters: number[] = [];
  for (const [role, lo, hi] of perEvent) {
    for (let k = between(lo, hi); k > 0; k--) {
      const u = int(USERS);
      if (!assign(u, role, 'event', id)) continue;
      related.push(u);
      if (role === 'responder') responders.push(u);
      if (role === 'reporter') reporters.push(u);
    }
  }
  events.push({ id, org, chapter, related });
  respondersOf.push(responders);
  reportersOf.push(reporters);
}

const reports: GenReport[] = [];
for (let e = 0; e < EVENTS; e++) {
  for (let k = between(1, 5); k > 0; k--) {
    const author = rand() < 0.7 && reportersOf[e]!.length ? pick(reportersOf[e]!) : int(USERS);
    const assignees = new Set<number>();
    for (let n = between(0, 2); n > 0; n--) {
      // Mostly responders, sometimes anyone: an assignee keeps access whatever their role.
      assignees.add(rand() < 0.8 && respondersOf[e]!.length ? pick(respondersOf[e]!) : int(USERS));
    }
    reports.push({ id: `r${reports.length}`, event: e, author, assignees: [...assignees] });
  }
}

// ---------------------------------------------------------------------------------------------
// The queries: the same list for every engine. Half ask about someone related to the resource
// (so a good share are allowed), half about a random user.

const eventActions = ['event.update', 'event.team.view', 'event.checkin'] as const;
const reportActions = ['report.view', 'report.view', 'report.delete'] as const;
type BenchAction = (typeof eventActions)[number] | (typeof reportActions)[number];
interface Query {
  user: number;
  action: BenchAction;
  kind: 'event' | 'report';
  index: number;
}
function makeQuery(): Query {
  const onReport = rand() < 0.5;
  const index = onReport ? int(reports.length) : int(EVENTS);
  const ev = events[onReport ? reports[index]!.event : index]!;
  let user: number;
  const r = rand();
  if (r < 0.5) user = int(USERS);
  else if (onReport && r < 0.65) {
    const rep = reports[index]!;
    user = rep.assignees.length && rand() < 0.5 ? pick(rep.assignees) : rep.author;
  } else if (r < 0.68 && systemAdmins.length) user = pick(systemAdmins);
  else user = pick(ev.related);
  return {
    user,
    action: onReport ? pick(reportActions) : pick(eventActions),
    kind: onReport ? 'report' : 'event',
    index,
  };
}
const queries: Query[] = Array.from({ length: QUERIES }, makeQuery);
const sample: Query[] = Array.from({ length: AGREEMENT_SAMPLE }, makeQuery);

// ---------------------------------------------------------------------------------------------
// Steward: facts and resources.

const actors: ActorFacts[] = Array.from({ length: USERS }, (_, u) => ({
  userId: userId(u),
  assignments: [] as RoleAssignmentFact[],
}));
for (const a of assignments) {
  (actors[a.user]!.assignments as RoleAssignmentFact[]).push({
    role: a.role,
    scopeType: a.scopeType,
    scopeId: a.scopeId,
    expiresAt: null,
  });
}
const organizations: OrganizationFacts[] = orgIds.map((id) => ({
  id,
  name: `Org ${id}`,
  settings: { ...defaultOrganizationSettings },
}));
const eventFacts: EventFacts[] = events.map((e, i) => ({
  id: e.id,
  name: `Event ${e.id}`,
  organization: organizations[e.org]!,
  chapter: e.chapter ? { id: e.chapter, name: `Chapter ${e.chapter}` } : null,
  status: 'active',
  suspended: false,
  spam: false,
  rsvpOpen: true,
  createdBy: userId(pick(events[i]!.related)),
  settings: { ...defaultEventSettings },
  hasIncidentData: true,
}));
const eventResources: Resource[] = eventFacts.map((e) => ({ type: 'event', ...e }));
const reportFacts: ReportFacts[] = reports.map((r) => ({
  id: r.id,
  event: eventFacts[r.event]!,
  authorId: userId(r.author),
  assigneeIds: r.assignees.map(userId),
  anonymous: false,
}));
const reportResources: Resource[] = reportFacts.map((r) => ({ type: 'report', ...r }));
const stewardResource = (q: Query): Resource =>
  q.kind === 'event' ? eventResources[q.index]! : reportResources[q.index]!;

// ---------------------------------------------------------------------------------------------
// casbin: RBAC with domains. Domains are event, organization and chapter ids (and `system`);
// inside each domain, event_admin inherits responder, and org_admin / chapter_leader inherit
// event_admin in their own domain. A request carries the event and the domains above it, so a
// role held in any of them counts; author and assignee are relations on the request object.

const casbinModel = `
[request_definition]
r = sub, ev, org, ch, obj, act

[policy_definition]
p = sub, act

[role_definition]
g = _, _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = r.act == p.act && (p.sub == 'author' && r.obj.author == r.sub || p.sub == 'assignee' && isAssignee(r.obj.assignees, r.sub) || g(r.sub, p.sub, r.ev) || g(r.sub, p.sub, r.org) || g(r.sub, p.sub, r.ch) || g(r.sub, p.sub, 'system'))
`;
const casbinPolicies: string[][] = [
  // Inherited roles are not repeated: responder covers event_admin and the leaders above it.
  ['responder', 'report.view'],
  ['author', 'report.view'],
  ['assignee', 'report.view'],
  ['event_admin', 'report.delete'],
  ['event_admin', 'event.update'],
  ['system_admin', 'event.update'],
  ['responder', 'event.team.view'],
  ['event_admin', 'event.checkin'],
  ['checkiner', 'event.checkin'],
  ['system_admin', 'event.checkin'],
];

async function buildCasbin(): Promise<Enforcer> {
  const enforcer = await newEnforcer(newModelFromString(casbinModel));
  enforcer.enableLog(false);
  await enforcer.addFunction('isAssignee', (...args: unknown[]) =>
    (args[0] as readonly string[]).includes(args[1] as string),
  );
  await enforcer.addPolicies(casbinPolicies);
  const grouping: string[][] = assignments.map((a) => [
    userId(a.user),
    a.role,
    a.scopeId ?? 'system',
  ]);
  for (const e of events) grouping.push(['event_admin', 'responder', e.id]);
  for (const o of orgIds)
    grouping.push(['org_admin', 'event_admin', o], ['event_admin', 'responder', o]);
  for (const c of chapterOrg.keys()) {
    grouping.push(['chapter_leader', 'event_admin', c], ['event_admin', 'responder', c]);
  }
  await enforcer.addGroupingPolicies(grouping);
  return enforcer;
}

interface CasbinObject {
  author: string;
  assignees: readonly string[];
}
type CasbinRequest = [
  sub: string,
  ev: string,
  org: string,
  ch: string,
  obj: CasbinObject,
  act: string,
];
const noRelations: CasbinObject = { author: '', assignees: [] };
const casbinEvent = events.map((e) => [e.id, orgIds[e.org]!, e.chapter ?? '-'] as const);
const casbinReportObject: CasbinObject[] = reports.map((r) => ({
  author: userId(r.author),
  assignees: r.assignees.map(userId),
}));
const casbinRequest = (q: Query): CasbinRequest => {
  const e = q.kind === 'event' ? q.index : reports[q.index]!.event;
  const [ev, org, ch] = casbinEvent[e]!;
  const obj = q.kind === 'event' ? noRelations : casbinReportObject[q.index]!;
  return [userId(q.user), ev, org, ch, obj, q.action];
};

// ---------------------------------------------------------------------------------------------
// CASL: one ability per user, rules with conditions on flat subjects.

type CaslAbility = MongoAbility;
interface EventSubject {
  id: string;
  orgId: string;
  chapterId: string | null;
}
interface ReportSubject extends EventSubject {
  eventId: string;
  authorId: string;
  assigneeIds: readonly string[];
}
const caslEvents = events.map((e) =>
  subject('Event', { id: e.id, orgId: orgIds[e.org]!, chapterId: e.chapter } as EventSubject),
);
const caslReports = reports.map((r) => {
  const e = events[r.event]!;
  return subject('Report', {
    id: r.id,
    eventId: e.id,
    orgId: orgIds[e.org]!,
    chapterId: e.chapter,
    authorId: userId(r.author),
    assigneeIds: r.assignees.map(userId),
  } as ReportSubject);
});
const caslSubject = (q: Query): EventSubject | ReportSubject =>
  q.kind === 'event' ? caslEvents[q.index]! : caslReports[q.index]!;

function caslRulesFor(u: number): RawRuleOf<CaslAbility>[] {
  const uid = userId(u);
  const rules: RawRuleOf<CaslAbility>[] = [
    { action: 'report.view', subject: 'Report', conditions: { authorId: uid } },
    { action: 'report.view', subject: 'Report', conditions: { assigneeIds: uid } },
  ];
  for (const a of actors[u]!.assignments) {
    const id = a.scopeId;
    // Where the role reaches: its own event, or every event of its organization / chapter.
    const onEvent =
      a.scopeType === 'event'
        ? { id }
        : a.scopeType === 'organization'
          ? { orgId: id }
          : { chapterId: id };
    const onReport =
      a.scopeType === 'event'
        ? { eventId: id }
        : a.scopeType === 'organization'
          ? { orgId: id }
          : { chapterId: id };
    switch (a.role) {
      case 'event_admin':
      case 'org_admin':
      case 'chapter_leader':
        rules.push(
          {
            action: ['event.update', 'event.team.view', 'event.checkin'],
            subject: 'Event',
            conditions: onEvent,
          },
          { action: ['report.view', 'report.delete'], subject: 'Report', conditions: onReport },
        );
        break;
      case 'responder':
        rules.push(
          { action: 'event.team.view', subject: 'Event', conditions: onEvent },
          { action: 'report.view', subject: 'Report', conditions: onReport },
        );
        break;
      case 'checkiner':
        rules.push({ action: 'event.checkin', subject: 'Event', conditions: onEvent });
        break;
      case 'system_admin':
        rules.push({ action: ['event.update', 'event.checkin'], subject: 'Event' });
        break;
      default:
        break; // reporter, publisher: nothing among the compared actions
    }
  }
  return rules;
}

// ---------------------------------------------------------------------------------------------
// Timing helpers. Each engine has its own loop so every call site stays monomorphic.

const now = (): bigint => hrtime.bigint();
const nsSince = (t0: bigint): number => Number(hrtime.bigint() - t0);

function percentile(values: Float64Array, p: number): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/** The cost of one hrtime.bigint() pair, measured in this run: subtracted from every sample. */
function timerOverhead(): number {
  const samples = new Float64Array(200_000);
  for (let i = 0; i < samples.length; i++) {
    const t0 = now();
    samples[i] = nsSince(t0);
  }
  return percentile(samples, 50);
}

interface Engine {
  name: string;
  /** Runs every query once; returns the number allowed (so no call can be optimized away). */
  throughput(): number;
  /** Times every query on its own into `out` (raw ns, timer overhead included). */
  latency(out: Float64Array): number;
  check(i: number): boolean;
}

function stewardEngine(): Engine {
  const actor = queries.map((q) => actors[q.user]!);
  const action = queries.map((q) => q.action as Action);
  const resource = queries.map(stewardResource);
  const n = queries.length;
  return {
    name: 'steward',
    throughput() {
      let allowed = 0;
      for (let i = 0; i < n; i++)
        if (decide(actor[i]!, action[i]!, resource[i]!, NOW).allowed) allowed++;
      return allowed;
    },
    latency(out) {
      let allowed = 0;
      for (let i = 0; i < n; i++) {
        const t0 = hrtime.bigint();
        const ok = decide(actor[i]!, action[i]!, resource[i]!, NOW).allowed;
        out[i] = Number(hrtime.bigint() - t0);
        if (ok) allowed++;
      }
      return allowed;
    },
    check: (i) =>
      decide(actors[sample[i]!.user]!, sample[i]!.action, stewardResource(sample[i]!), NOW).allowed,
  };
}

function casbinEngine(enforcer: Enforcer): Engine {
  const requests = queries.map(casbinRequest);
  const n = queries.length;
  return {
    name: 'casbin',
    throughput() {
      let allowed = 0;
      for (let i = 0; i < n; i++) if (enforcer.enforceSync(...requests[i]!)) allowed++;
      return allowed;
    },
    latency(out) {
      let allowed = 0;
      for (let i = 0; i < n; i++) {
        const req = requests[i]!;
        const t0 = hrtime.bigint();
        const ok = enforcer.enforceSync(...req);
        out[i] = Number(hrtime.bigint() - t0);
        if (ok) allowed++;
      }
      return allowed;
    },
    check: (i) => enforcer.enforceSync(...casbinRequest(sample[i]!)),
  };
}

function caslEngine(abilities: CaslAbility[]): Engine {
  const ability = queries.map((q) => abilities[q.user]!);
  const action = queries.map((q) => q.action as string);
  const subj = queries.map(caslSubject);
  const n = queries.length;
  return {
    name: 'casl',
    throughput() {
      let allowed = 0;
      for (let i = 0; i < n; i++) if (ability[i]!.can(action[i]!, subj[i]!)) allowed++;
      return allowed;
    },
    latency(out) {
      let allowed = 0;
      for (let i = 0; i < n; i++) {
        const a = ability[i]!;
        const act = action[i]!;
        const s = subj[i]!;
        const t0 = hrtime.bigint();
        const ok = a.can(act, s);
        out[i] = Number(hrtime.bigint() - t0);
        if (ok) allowed++;
      }
      return allowed;
    },
    check: (i) => abilities[sample[i]!.user]!.can(sample[i]!.action, caslSubject(sample[i]!)),
  };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const roleCounts = new Map<string, number>();
  for (const a of assignments) roleCounts.set(a.role, (roleCounts.get(a.role) ?? 0) + 1);
  console.log(
    `policy: ${USERS} users, ${EVENTS} events, ${ORGS} organizations, ${chapterOrg.size} chapters, ` +
      `${assignments.length} role assignments (${[...roleCounts].map(([r, c]) => `${r} ${c}`).join(', ')}), ` +
      `${reports.length} reports`,
  );

  let t0 = now();
  const enforcer = await buildCasbin();
  console.log(`casbin: enforcer built in ${(nsSince(t0) / 1e6).toFixed(0)} ms`);
  t0 = now();
  const abilities: CaslAbility[] = actors.map((_, u) => createMongoAbility(caslRulesFor(u)));
  console.log(`casl: ${abilities.length} abilities built in ${(nsSince(t0) / 1e6).toFixed(0)} ms`);

  const engines = [stewardEngine(), casbinEngine(enforcer), caslEngine(abilities)];
  const [steward, casbin, casl] = engines as [Engine, Engine, Engine];

  // Agreement: the three must give the same answer on every sampled question.
  let agree = 0;
  let allowedInSample = 0;
  const disagreements: string[] = [];
  const paths = new Map<string, number>();
  for (let i = 0; i < sample.length; i++) {
    const s = steward.check(i);
    const b = casbin.check(i);
    const c = casl.check(i);
    if (s === b && s === c) {
      agree++;
      if (s) {
        allowedInSample++;
        const q = sample[i]!;
        const hold = decide(actors[q.user]!, q.action, stewardResource(q), NOW).hold!;
        const via = hold.relation ?? hold.assignment?.role ?? 'attendee';
        paths.set(via, (paths.get(via) ?? 0) + 1);
      }
    } else if (disagreements.length < 10) {
      const q = sample[i]!;
      disagreements.push(
        `  ${userId(q.user)} ${q.action} ${q.kind} #${q.index}: steward=${s} casbin=${b} casl=${c}`,
      );
    }
  }
  console.log(
    `agreement: ${agree}/${sample.length} sampled decisions agree (${allowedInSample} allowed; ` +
      `via ${[...paths].map(([k, v]) => `${k} ${v}`).join(', ')})`,
  );
  if (agree !== sample.length) {
    console.error(`policy-bench: engines disagree on ${sample.length - agree} decisions:`);
    console.error(disagreements.join('\n'));
    process.exit(1);
  }

  // Warm-up: let the JIT settle on each engine's loop.
  const expected = new Map<string, number>();
  for (const e of engines) {
    for (let k = 0; k < WARMUP_PASSES; k++) expected.set(e.name, e.throughput());
  }
  const allowedCounts = [...expected.values()];
  if (new Set(allowedCounts).size !== 1) {
    throw new Error(`allowed counts differ on the timed queries: ${[...expected].join(', ')}`);
  }
  console.log(
    `queries: ${QUERIES} per pass, ${allowedCounts[0]} allowed; ${ROUNDS} rounds, interleaved`,
  );

  const allowedMask = queries.map(
    (q) => decide(actors[q.user]!, q.action, stewardResource(q), NOW).allowed,
  );
  const split = new Map<string, string>();

  const overhead = timerOverhead();
  console.log(`timer overhead (hrtime.bigint pair, median): ${overhead.toFixed(0)} ns`);

  const opsRuns = new Map<string, number[]>(engines.map((e) => [e.name, []]));
  const p99Runs = new Map<string, number[]>(engines.map((e) => [e.name, []]));
  const p50Runs = new Map<string, number[]>(engines.map((e) => [e.name, []]));
  const samples = new Float64Array(QUERIES);
  for (let round = 0; round < ROUNDS; round++) {
    for (const e of engines) {
      const start = now();
      e.throughput();
      opsRuns.get(e.name)!.push(QUERIES / (nsSince(start) / 1e9));
      e.latency(samples);
      p99Runs.get(e.name)!.push(Math.max(0, percentile(samples, 99) - overhead));
      p50Runs.get(e.name)!.push(Math.max(0, percentile(samples, 50) - overhead));
      if (round === ROUNDS - 1) {
        const yes = Float64Array.from(samples.filter((_, i) => allowedMask[i]));
        const no = Float64Array.from(samples.filter((_, i) => !allowedMask[i]));
        const ns = (v: Float64Array, p: number) =>
          Math.round(Math.max(0, percentile(v, p) - overhead));
        split.set(
          e.name,
          `allowed p50 ${ns(yes, 50)} / p99 ${ns(yes, 99)} ns, denied p50 ${ns(no, 50)} / p99 ${ns(no, 99)} ns`,
        );
      }
    }
  }

  const result = new Map<string, { ops: number; p50: number; p99: number }>();
  for (const e of engines) {
    const r = {
      ops: median(opsRuns.get(e.name)!),
      p50: median(p50Runs.get(e.name)!),
      p99: median(p99Runs.get(e.name)!),
    };
    result.set(e.name, r);
    console.log(
      `${e.name.padEnd(8)} ${Math.round(r.ops).toLocaleString('en-US').padStart(12)} ops/s` +
        `   p50 ${Math.round(r.p50).toString().padStart(6)} ns   p99 ${Math.round(r.p99).toString().padStart(6)} ns`,
    );
  }
  for (const e of engines) console.log(`${e.name.padEnd(8)} last round: ${split.get(e.name)}`);
  const s = result.get('steward')!;
  const vsCasbin = s.ops / result.get('casbin')!.ops;
  const vsCasl = s.ops / result.get('casl')!.ops;
  const p99 = Math.round(s.p99);
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  console.log(
    `targets: steward/casbin >= 20 ${met(vsCasbin >= 20)}, steward/casl >= 2 ${met(vsCasl >= 2)}, ` +
      `steward p99 < 2000 ns ${met(p99 < 2000)}`,
  );
  console.log(
    `policy-bench: steward/casbin=${vsCasbin.toFixed(2)} steward/casl=${vsCasl.toFixed(2)} p99_ns=${p99}`,
  );
}

await main();
