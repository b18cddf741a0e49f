import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { auditEntries, reportAssignees, reports, roleAssignments } from '../src/db/schema/index.js';
import { createTestApp, type TestContext } from './support/app.js';
import { roomyLimits } from './support/accounts.js';
import { activeEvent, addToTeam, submitReport } from './support/reports.js';
import {
  caller,
  event,
  member,
  organization,
  systemAdmin,
  uniqueSlug,
  type OrgFixture,
  type Signed,
} from './support/structure.js';

// SPEC §4 "Reports (conduct)", every cell, through HTTP. The table below is transcribed by hand
// from the SPEC (never computed from the engine), so that an engine or a route that drifts from
// it fails here. Allowed → 2xx. Denied → 403 where the caller may see the target (the report, or
// for an internal comment the team's side of it), else 404 with exactly the body of a missing
// one (SPEC §1). Signed out → 401 on every route that needs a session.

type Res = Awaited<ReturnType<ReturnType<typeof caller>>>;

const actorKeys = [
  'ea', // event_admin, explicit
  'oa', // org_admin: event_admin inherited from the organization (not the event's creator)
  'cl', // chapter_leader: event_admin inherited from the event's chapter
  'resp', // responder
  'asg', // assignee: a reporter of the event assigned to this one report
  'auth', // author of the report (a reporter of the event)
  'rep', // another reporter of the event
  'viewer', // org_viewer
  'chk', // checkiner
  'pub', // publisher, no event role
  'sys', // system_admin, no event role
  'xresp', // responder of another event of the same organization
  'xoa', // org_admin of another organization
  'anon', // signed out
] as const;
type ActorKey = (typeof actorKeys)[number];

// Legend (SPEC §4): ✔ allowed; ✔a allowed where responderScope is `all` (the default here; the
// `assigned` case has its own tests below); ✔s allowed while respondersCanAssign is on (the
// default; off has its own test); — denied. List cells: all | theirs (assigned to them) | own.
// writer / uploader: on their own comment / evidence file (the rows "edit a comment" and "delete
// evidence"), split below into "own" and "another's" rows. "r": the SPEC's — for the relation
// (being an assignee or author of some report gives no right to submit); this actor is also a
// reporter of the event, so the reporter's ✔ applies (the relation alone is tested below: an
// author removed from the event may not submit). org_viewer, checkiner, publisher and
// system_admin "hold none of these"; nor does anyone outside the event.
const SPEC_REPORTS = `
| action               | ea     | oa     | cl     | resp     | asg      | auth     | rep | viewer | chk | pub | sys | xresp | xoa | anon |
| submit               | ✔      | ✔      | ✔      | ✔        | r        | r        | ✔   | —      | —   | —   | —   | —     | —   | —    |
| view                 | ✔      | ✔      | ✔      | ✔a       | ✔        | ✔        | —   | —      | —   | —   | —   | —     | —   | —    |
| list                 | all    | all    | all    | all      | theirs   | own      | own | —      | —   | —   | —   | —     | —   | —    |
| reporterIdentity     | ✔      | ✔      | ✔      | ✔a       | ✔        | ✔        | —   | —      | —   | —   | —   | —     | —   | —    |
| editTitle            | ✔      | ✔      | ✔      | —        | —        | ✔        | —   | —      | —   | —   | —   | —     | —   | —    |
| editContact          | —      | —      | —      | —        | —        | ✔        | —   | —      | —   | —   | —   | —     | —   | —    |
| editDetails          | ✔      | ✔      | ✔      | ✔a       | ✔        | ✔        | —   | —      | —   | —   | —   | —     | —   | —    |
| editSeverity         | ✔      | ✔      | ✔      | ✔a       | ✔        | —        | —   | —      | —   | —   | —   | —     | —   | —    |
| changeState          | ✔      | ✔      | ✔      | ✔a       | ✔        | —        | —   | —      | —   | —   | —   | —     | —   | —    |
| assign               | ✔      | ✔      | ✔      | ✔s       | —        | —        | —   | —      | —   | —   | —   | —     | —   | —    |
| unassign             | ✔      | ✔      | ✔      | ✔s       | —        | —        | —   | —      | —   | —   | —   | —     | —   | —    |
| commentExternal      | ✔      | ✔      | ✔      | ✔a       | ✔        | ✔        | —   | —      | —   | —   | —   | —     | —   | —    |
| commentInternal      | ✔      | ✔      | ✔      | ✔a       | ✔        | —        | —   | —      | —   | —   | —   | —     | —   | —    |
| viewInternal         | ✔      | ✔      | ✔      | ✔a       | ✔        | —        | —   | —      | —   | —   | —   | —     | —   | —    |
| shareInternal        | ✔      | ✔      | ✔      | ✔a       | ✔        | —        | —   | —      | —   | —   | —   | —     | —   | —    |
| editOwnComment       | writer | writer | writer | writer   | writer   | writer   | —   | —      | —   | —   | —   | —     | —   | —    |
| editOthersComment    | —      | —      | —      | —        | —        | —        | —   | —      | —   | —   | —   | —     | —   | —    |
| deleteComment        | ✔      | ✔      | ✔      | —        | —        | —        | —   | —      | —   | —   | —   | —     | —   | —    |
| uploadEvidence       | ✔      | ✔      | ✔      | ✔a       | ✔        | ✔        | —   | —      | —   | —   | —   | —     | —   | —    |
| deleteOwnEvidence    | ✔      | ✔      | ✔      | uploader | uploader | uploader | —   | —      | —   | —   | —   | —     | —   | —    |
| deleteOthersEvidence | ✔      | ✔      | ✔      | —        | —        | —        | —   | —      | —   | —   | —   | —     | —   | —    |
| deleteReport         | ✔      | ✔      | ✔      | —        | —        | —        | —   | —      | —   | —   | —   | —     | —   | —    |
| exportCsv            | ✔      | ✔      | ✔      | —        | —        | —        | —   | —      | —   | —   | —   | —     | —   | —    |
| accessLog            | ✔      | ✔      | ✔      | —        | —        | —        | —   | —      | —   | —   | —   | —     | —   | —    |
`;

const cells = ['✔', '✔a', '✔s', '—', 'r', 'all', 'theirs', 'own', 'writer', 'uploader'] as const;
type Cell = (typeof cells)[number];

function parseTable(text: string): Record<string, Record<ActorKey, Cell>> {
  const [header, ...rows] = text
    .trim()
    .split('\n')
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  expect(header!.slice(1)).toEqual([...actorKeys]);
  const table: Record<string, Record<ActorKey, Cell>> = {};
  for (const [name, ...values] of rows) {
    expect(values, name).toHaveLength(actorKeys.length);
    for (const v of values) expect(cells, `${name}: ${v}`).toContain(v);
    table[name!] = Object.fromEntries(actorKeys.map((a, i) => [a, values[i]])) as Record<
      ActorKey,
      Cell
    >;
  }
  return table;
}

const table = parseTable(SPEC_REPORTS);
const allows = (cell: Cell) => cell !== '—';

const text = Buffer.from('What I saw, written down the same evening.\n');

describe('SPEC §4 Reports (conduct): every cell through the API', () => {
  let ctx: TestContext;
  let call: ReturnType<typeof caller>;
  let sys: Signed;
  let org: OrgFixture;
  let otherOrg: OrgFixture;
  let people: Record<Exclude<ActorKey, 'anon'>, Signed>;
  let helper: Signed;
  let ev: { id: string; slug: string };
  let otherEvent: { id: string };
  let reportId: string;
  let internalNote: string;
  let adminExternal: string;
  let authorExternal: string;

  const cookieOf = (a: ActorKey) => (a === 'anon' ? null : people[a].cookie);

  const ok = async (pending: Promise<Res>, status: number) => {
    const res = await pending;
    expect(res.statusCode, res.body).toBe(status);
    return res;
  };

  const upload = (cookie: string | null, id: string) =>
    call(cookie, 'POST', `/api/reports/${id}/evidence?name=a.txt`, text, {
      'content-type': 'text/plain',
    });

  /** A report by the author, assigned to the assignee: what the table's columns are about. */
  const freshReport = async () => {
    const { id } = await submitReport(ctx, ev.id, people.auth.cookie, {
      contactPreference: 'phone',
      contactDetails: '+49 30 5550100',
    });
    await ok(
      call(people.ea.cookie, 'POST', `/api/reports/${id}/assignees`, { userId: people.asg.id }),
      200,
    );
    return id;
  };

  const writeComment = async (cookie: string, visibility: 'internal' | 'external') => {
    const res = await ok(
      call(cookie, 'POST', `/api/reports/${reportId}/comments`, {
        body: `A ${visibility} comment`,
        visibility,
      }),
      201,
    );
    return (res.json() as { comment: { id: string } }).comment.id;
  };

  const uploadEvidence = async (cookie: string) => {
    const res = await ok(upload(cookie, reportId), 201);
    return (res.json() as { evidence: { id: string } }).evidence.id;
  };

  beforeAll(async () => {
    ctx = await createTestApp(roomyLimits);
    call = caller(ctx);
    sys = await systemAdmin(ctx);
    org = await organization(ctx, sys);
    otherOrg = await organization(ctx, sys);
    people = {
      ea: await member(ctx, 'Eve Eventadmin', { twoFactor: true }),
      oa: await member(ctx, 'Oscar Orgadmin', { twoFactor: true }),
      cl: await member(ctx, 'Cleo Chapterleader', { twoFactor: true }),
      resp: await member(ctx, 'Ron Responder'),
      asg: await member(ctx, 'Asa Assignee'),
      auth: await member(ctx, 'Ada Author'),
      rep: await member(ctx, 'Rae Reporter'),
      viewer: await member(ctx, 'Vic Viewer'),
      chk: await member(ctx, 'Cher Checkiner'),
      pub: await member(ctx, 'Pat Publisher'),
      sys,
      xresp: await member(ctx, 'Xan Otherevent'),
      xoa: otherOrg.orgAdmin,
    };
    helper = await member(ctx, 'Hal Helper');

    // Organization roles: a second org_admin (so that their event_admin is inherited only, not
    // the creator's explicit one) and an org_viewer.
    for (const [who, role] of [
      [people.oa, 'org_admin'],
      [people.viewer, 'org_viewer'],
    ] as const) {
      await ok(
        call(org.orgAdmin.cookie, 'POST', `/api/organizations/${org.id}/team`, {
          email: who.who.email,
          role,
        }),
        200,
      );
    }
    // The event sits in a chapter led by someone who did not create it.
    const chapter = await ok(
      call(org.orgAdmin.cookie, 'POST', `/api/organizations/${org.id}/chapters`, {
        name: 'North',
        slug: uniqueSlug('north'),
      }),
      201,
    );
    const chapterId = (chapter.json() as { chapter: { id: string } }).chapter.id;
    await ok(
      call(org.orgAdmin.cookie, 'PUT', `/api/chapters/${chapterId}/leaders`, {
        email: people.cl.who.email,
      }),
      200,
    );
    ev = await event(ctx, org, { chapterId });
    await ok(call(org.orgAdmin.cookie, 'POST', `/api/events/${ev.id}/activate`, {}), 200);
    await addToTeam(ctx, org, ev.id, people.ea, 'event_admin');
    await addToTeam(ctx, org, ev.id, people.resp, 'responder');
    for (const who of [people.asg, people.auth, people.rep, helper]) {
      await addToTeam(ctx, org, ev.id, who, 'reporter');
    }
    // No team route assigns checkiners (they come with check-in): the role is written directly.
    await ctx.database.db
      .insert(roleAssignments)
      .values({ userId: people.chk.id, role: 'checkiner', scopeType: 'event', scopeId: ev.id });
    otherEvent = await activeEvent(ctx, org);
    await addToTeam(ctx, org, otherEvent.id, people.xresp, 'responder');
    await ok(
      call(sys.cookie, 'PUT', `/api/admin/users/${people.pub.id}/system-roles/publisher`, {}),
      200,
    );

    reportId = await freshReport();
    // Reports that are not the author's: the other reporter's own, and the event admin's.
    await submitReport(ctx, ev.id, people.rep.cookie);
    await submitReport(ctx, ev.id, people.ea.cookie);
    internalNote = await writeComment(people.ea.cookie, 'internal');
    adminExternal = await writeComment(people.ea.cookie, 'external');
    authorExternal = await writeComment(people.auth.cookie, 'external');
  });
  afterAll(() => ctx.close());

  interface Row {
    /** What the caller must be able to see for a denial to be 403 rather than 404. */
    target: 'event' | 'report' | 'internal';
    /** This actor's attempt (on a fresh target where the action uses one up). */
    probe(a: ActorKey, cookie: string | null): Promise<Res>;
    /** The same request for something that does not exist, as an event admin. */
    missing?(cookie: string): Promise<Res>;
    /** For an allowed cell: anything wrong in the answer beyond its status. */
    allowed?(res: Res, a: ActorKey, cell: Cell): string | null | Promise<string | null>;
    /** Rows whose answer is 200 whatever the cell (lists filter instead of refusing). */
    judge?(res: Res, a: ActorKey, cell: Cell): Promise<string | null> | string | null;
  }

  const reportUrl = (id: string) => `/api/reports/${id}`;
  const patch = (body: object) => ({
    target: 'report' as const,
    probe: (_a: ActorKey, cookie: string | null) =>
      call(cookie, 'PATCH', reportUrl(reportId), body),
    missing: (cookie: string) => call(cookie, 'PATCH', reportUrl(randomUUID()), body),
  });

  /** The report ids of the event, straight from the database, for the list cells. */
  async function reportIdsFor(a: ActorKey, cell: Cell): Promise<Set<string>> {
    if (cell === '—') return new Set();
    const rows = await ctx.database.db
      .select({ id: reports.id, authorId: reports.authorId })
      .from(reports)
      .where(and(eq(reports.eventId, ev.id), isNull(reports.deletedAt)));
    if (cell === 'all') return new Set(rows.map((r) => r.id));
    const me = people[a as Exclude<ActorKey, 'anon'>].id;
    const own = rows.filter((r) => r.authorId === me).map((r) => r.id);
    if (cell === 'own') return new Set(own);
    const assigned = await ctx.database.db
      .select({ id: reportAssignees.reportId })
      .from(reportAssignees)
      .innerJoin(reports, eq(reports.id, reportAssignees.reportId))
      .where(
        and(eq(reportAssignees.userId, me), eq(reports.eventId, ev.id), isNull(reports.deletedAt)),
      );
    return new Set([...own, ...assigned.map((r) => r.id)]);
  }

  const rows: Record<string, Row> = {
    submit: {
      target: 'event',
      probe: (_a, cookie) =>
        call(cookie, 'POST', `/api/events/${ev.id}/reports`, {
          idempotencyKey: randomUUID(),
          title: 'Shouting at the registration desk',
          description: 'A volunteer was shouted at.',
          type: 'safety',
        }),
    },
    view: {
      target: 'report',
      probe: (_a, cookie) => call(cookie, 'GET', reportUrl(reportId)),
      missing: (cookie) => call(cookie, 'GET', reportUrl(randomUUID())),
      allowed: (res, a) => {
        const view = (res.json() as { report: { view: string } }).report.view;
        const wanted = a === 'auth' ? 'own' : 'team';
        return view === wanted ? null : `view ${view}, expected ${wanted}`;
      },
    },
    list: {
      target: 'event',
      probe: (_a, cookie) => call(cookie, 'GET', `/api/events/${ev.id}/reports?pageSize=100`),
      judge: async (res, a, cell) => {
        if (res.statusCode !== 200) return `status ${res.statusCode}, expected 200`;
        const body = res.json() as { items: { id: string }[]; total: number };
        const wanted = await reportIdsFor(a, cell);
        const got = body.items.map((i) => i.id);
        if (body.total !== wanted.size) return `total ${body.total}, expected ${wanted.size}`;
        const stray = got.filter((id) => !wanted.has(id));
        if (stray.length) return `listed reports it may not see: ${stray.join(', ')}`;
        if (wanted.size <= 100 && got.length !== wanted.size) return `listed ${got.length}`;
        if (cell !== '—' && !got.includes(reportId) && cell !== 'own') return 'report missing';
        return null;
      },
    },
    reporterIdentity: {
      target: 'report',
      probe: (_a, cookie) => call(cookie, 'GET', reportUrl(reportId)),
      missing: (cookie) => call(cookie, 'GET', reportUrl(randomUUID())),
      judge: (res, a, cell) => {
        if (res.statusCode !== 200) return null; // the generic 403/404 rules apply
        const r = (res.json() as { report: Record<string, unknown> }).report;
        const keys = ['contactPreference', 'contactDetails'].filter((k) => k in r);
        if (!allows(cell)) {
          return keys.length || 'reporter' in r ? `identity shown: ${Object.keys(r).join()}` : null;
        }
        if (r.contactDetails !== '+49 30 5550100' || r.contactPreference !== 'phone') {
          return `contact: ${String(r.contactPreference)} ${String(r.contactDetails)}`;
        }
        if (r.view === 'own') return a === 'auth' ? null : 'own view for a non-author';
        return (r.reporter as { id?: string } | null)?.id === people.auth.id
          ? null
          : `reporter ${JSON.stringify(r.reporter)}`;
      },
    },
    editTitle: patch({ title: 'A clearer title' }),
    editContact: {
      target: 'report',
      probe: async (_a, cookie) =>
        call(cookie, 'PATCH', reportUrl(await freshReport()), {
          contactPreference: 'in_person',
          contactDetails: 'At the info booth',
        }),
      missing: (cookie) =>
        call(cookie, 'PATCH', reportUrl(randomUUID()), { contactPreference: 'in_person' }),
    },
    editDetails: patch({
      type: 'other',
      location: 'Hall B, second row',
      incidentAt: '2025-05-04T10:30:00.000Z',
      parties: 'A person in a red jacket',
    }),
    editSeverity: {
      ...patch({ severity: 'high' }),
      probe: (a, cookie) =>
        call(cookie, 'PATCH', reportUrl(reportId), {
          severity: actorKeys.indexOf(a) % 2 ? 'high' : 'medium',
        }),
    },
    changeState: {
      target: 'report',
      probe: async (_a, cookie) =>
        call(cookie, 'POST', `${reportUrl(await freshReport())}/transitions`, {
          to: 'acknowledged',
        }),
      missing: (cookie) =>
        call(cookie, 'POST', `${reportUrl(randomUUID())}/transitions`, { to: 'acknowledged' }),
    },
    assign: {
      target: 'report',
      probe: async (_a, cookie) =>
        call(cookie, 'POST', `${reportUrl(await freshReport())}/assignees`, {
          userId: helper.id,
        }),
      missing: (cookie) =>
        call(cookie, 'POST', `${reportUrl(randomUUID())}/assignees`, { userId: helper.id }),
    },
    unassign: {
      target: 'report',
      probe: async (_a, cookie) => {
        const id = await freshReport();
        await ok(
          call(people.ea.cookie, 'POST', `${reportUrl(id)}/assignees`, { userId: helper.id }),
          200,
        );
        return call(cookie, 'DELETE', `${reportUrl(id)}/assignees/${helper.id}`);
      },
      missing: (cookie) =>
        call(cookie, 'DELETE', `${reportUrl(randomUUID())}/assignees/${helper.id}`),
    },
    commentExternal: {
      target: 'report',
      probe: (_a, cookie) =>
        call(cookie, 'POST', `${reportUrl(reportId)}/comments`, {
          body: 'Thank you, we are looking into it.',
          visibility: 'external',
        }),
      missing: (cookie) =>
        call(cookie, 'POST', `${reportUrl(randomUUID())}/comments`, {
          body: 'x',
          visibility: 'external',
        }),
    },
    commentInternal: {
      target: 'report',
      probe: (_a, cookie) =>
        call(cookie, 'POST', `${reportUrl(reportId)}/comments`, {
          body: 'Same person as in #2.',
          visibility: 'internal',
        }),
      missing: (cookie) =>
        call(cookie, 'POST', `${reportUrl(randomUUID())}/comments`, {
          body: 'x',
          visibility: 'internal',
        }),
    },
    // Internal comments are hidden, not refused: whoever sees the report but not the team's side
    // gets the comments without any internal one (SPEC §1: no sign that they exist).
    viewInternal: {
      target: 'report',
      probe: (_a, cookie) => call(cookie, 'GET', `${reportUrl(reportId)}/comments?pageSize=100`),
      missing: (cookie) => call(cookie, 'GET', `${reportUrl(randomUUID())}/comments`),
      judge: (res, a, cell) => {
        if (res.statusCode !== 200) return null;
        const items = (res.json() as { items: { id: string; visibility: string }[] }).items;
        const hasNote = items.some((c) => c.id === internalNote);
        if (allows(cell)) return hasNote ? null : 'the internal comment is missing';
        if (!allows(table.view![a])) return 'status 200 for someone who may not see the report';
        return hasNote || items.some((c) => c.visibility === 'internal')
          ? 'internal comments shown'
          : null;
      },
    },
    // The comment is internal: whoever may not see the team's side gets 404 (even the author).
    shareInternal: {
      target: 'internal',
      probe: async (_a, cookie) =>
        call(
          cookie,
          'POST',
          `/api/comments/${await writeComment(people.ea.cookie, 'internal')}/share`,
        ),
      missing: (cookie) => call(cookie, 'POST', `/api/comments/${randomUUID()}/share`),
    },
    editOwnComment: {
      target: 'report',
      probe: async (a, cookie) => {
        // Only someone who may comment has a comment of their own; the others try the admin's.
        const id = allows(table.commentExternal![a])
          ? await writeComment(cookie!, 'external')
          : adminExternal;
        return call(cookie, 'PATCH', `/api/comments/${id}`, { body: 'Corrected wording.' });
      },
      missing: (cookie) => call(cookie, 'PATCH', `/api/comments/${randomUUID()}`, { body: 'x' }),
    },
    editOthersComment: {
      target: 'report',
      probe: (a, cookie) =>
        call(cookie, 'PATCH', `/api/comments/${a === 'ea' ? authorExternal : adminExternal}`, {
          body: 'Not my words.',
        }),
      missing: (cookie) => call(cookie, 'PATCH', `/api/comments/${randomUUID()}`, { body: 'x' }),
    },
    deleteComment: {
      target: 'report',
      probe: async (_a, cookie) =>
        call(
          cookie,
          'DELETE',
          `/api/comments/${await writeComment(people.auth.cookie, 'external')}`,
        ),
      missing: (cookie) => call(cookie, 'DELETE', `/api/comments/${randomUUID()}`),
    },
    uploadEvidence: {
      target: 'report',
      probe: (_a, cookie) => upload(cookie, reportId),
      missing: (cookie) => upload(cookie, randomUUID()),
    },
    deleteOwnEvidence: {
      target: 'report',
      probe: async (a, cookie) => {
        const id = allows(table.uploadEvidence![a])
          ? await uploadEvidence(cookie!)
          : await uploadEvidence(people.ea.cookie);
        return call(cookie, 'DELETE', `/api/evidence/${id}`);
      },
      missing: (cookie) => call(cookie, 'DELETE', `/api/evidence/${randomUUID()}`),
    },
    deleteOthersEvidence: {
      target: 'report',
      probe: async (a, cookie) => {
        const id = await uploadEvidence(a === 'ea' ? people.auth.cookie : people.ea.cookie);
        return call(cookie, 'DELETE', `/api/evidence/${id}`);
      },
      missing: (cookie) => call(cookie, 'DELETE', `/api/evidence/${randomUUID()}`),
    },
    deleteReport: {
      target: 'report',
      probe: async (_a, cookie) =>
        call(cookie, 'DELETE', reportUrl(await freshReport()), { reason: 'A duplicate' }),
      missing: (cookie) => call(cookie, 'DELETE', reportUrl(randomUUID()), { reason: 'x' }),
    },
    exportCsv: {
      target: 'event',
      probe: (_a, cookie) => call(cookie, 'GET', `/api/events/${ev.id}/reports.csv`),
      allowed: (res) => (res.body.includes(people.auth.who.email) ? null : 'author not exported'),
    },
    accessLog: {
      target: 'report',
      probe: (_a, cookie) => call(cookie, 'GET', `${reportUrl(reportId)}/access-log`),
      missing: (cookie) => call(cookie, 'GET', `${reportUrl(randomUUID())}/access-log`),
    },
  };

  /** Whether `a` may see what a denial on this row is about (from the table's own rows). */
  const sees = (row: Row, a: ActorKey) =>
    row.target === 'event' ||
    allows(table[row.target === 'internal' ? 'viewInternal' : 'view']![a]);

  const errorOf = (res: Res) => {
    const { code, message } = (res.json() as { error: { code: string; message: string } }).error;
    return { code, message };
  };

  it('the table has one row per action and every row a test', () => {
    expect(Object.keys(rows).sort()).toEqual(Object.keys(table).sort());
  });

  for (const [name, spec] of Object.entries(table)) {
    it(`${name}: ${actorKeys.map((a) => `${a} ${spec[a]}`).join(', ')}`, async () => {
      const row = rows[name]!;
      const missing = row.missing ? errorOf(await row.missing(people.ea.cookie)) : null;
      if (missing) expect(missing.code).toBe('not_found');
      const wrong: string[] = [];
      for (const a of actorKeys) {
        const cell = spec[a];
        const res = await row.probe(a, cookieOf(a));
        const problem = await (async (): Promise<string | null> => {
          if (a === 'anon') {
            // Submission is open to people without an account where intake allows; here it
            // does not, and the API may say so as 401 or 403.
            const wanted = name === 'submit' ? [401, 403] : [401];
            return wanted.includes(res.statusCode) ? null : `expected ${wanted.join('/')}`;
          }
          if (row.judge) {
            const judged = await row.judge(res, a, cell);
            if (judged || res.statusCode === 200) return judged;
          }
          if (allows(cell)) {
            if (res.statusCode < 200 || res.statusCode >= 300) return 'expected 2xx';
            return (await row.allowed?.(res, a, cell)) ?? null;
          }
          const status = sees(row, a) ? 403 : 404;
          if (res.statusCode !== status) return `expected ${status}`;
          if (status === 404 && missing) {
            const got = errorOf(res);
            if (got.code !== missing.code || got.message !== missing.message) {
              return `404 body ${JSON.stringify(got)} differs from a missing one's ${JSON.stringify(missing)}`;
            }
          }
          return null;
        })();
        if (problem) {
          wrong.push(
            `${name} × ${a} (${cell}): ${res.statusCode} ${res.body.slice(0, 160)} — ${problem}`,
          );
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it('records every refused attempt in the audit log as denied, 404s and 403s alike', async () => {
    const denied = (actorId: string, action: string, targetId: string) =>
      ctx.database.db
        .select()
        .from(auditEntries)
        .where(
          and(
            eq(auditEntries.outcome, 'denied'),
            eq(auditEntries.actorId, actorId),
            eq(auditEntries.action, action),
            eq(auditEntries.targetId, targetId),
          ),
        );
    const contactReport = await freshReport();
    const attempts: [
      ActorKey,
      Parameters<typeof call>[1],
      string,
      object | undefined,
      string,
      string,
      number,
    ][] = [
      ['rep', 'GET', reportUrl(reportId), undefined, 'report.view', reportId, 404],
      ['sys', 'GET', reportUrl(reportId), undefined, 'report.view', reportId, 404],
      ['pub', 'PATCH', reportUrl(reportId), { severity: 'low' }, 'report.view', reportId, 404],
      ['xoa', 'GET', `${reportUrl(reportId)}/access-log`, undefined, 'report.view', reportId, 404],
      [
        'resp',
        'PATCH',
        reportUrl(reportId),
        { title: 'x' },
        'report.update.description',
        reportId,
        403,
      ],
      [
        'auth',
        'PATCH',
        reportUrl(reportId),
        { severity: 'low' },
        'report.update.severity',
        reportId,
        403,
      ],
      [
        'ea',
        'PATCH',
        reportUrl(contactReport),
        { contactDetails: 'x' },
        'report.update.contact',
        contactReport,
        403,
      ],
      [
        'resp',
        'GET',
        `${reportUrl(reportId)}/access-log`,
        undefined,
        'report.access_log.view',
        reportId,
        403,
      ],
      ['asg', 'DELETE', reportUrl(reportId), { reason: 'x' }, 'report.delete', reportId, 403],
      ['rep', 'GET', `/api/events/${ev.id}/reports.csv`, undefined, 'report.export', ev.id, 403],
    ];
    for (const [a, method, url, body, action, target, code] of attempts) {
      const actorId = people[a as Exclude<ActorKey, 'anon'>].id;
      const before = (await denied(actorId, action, target)).length;
      expect((await call(cookieOf(a), method, url, body)).statusCode, `${a} ${method} ${url}`).toBe(
        code,
      );
      const entries = await denied(actorId, action, target);
      expect(entries.length, `${a} ${action}`).toBe(before + 1);
      expect(entries.at(-1)).toMatchObject({ scopeType: 'event', scopeId: ev.id });
    }
  });

  it('system_admin and publisher reach no conduct data by any route', async () => {
    const evidenceId = await uploadEvidence(people.auth.cookie);
    for (const who of [people.sys, people.pub]) {
      for (const [method, url] of [
        ['GET', reportUrl(reportId)],
        ['GET', `${reportUrl(reportId)}/comments`],
        ['GET', `${reportUrl(reportId)}/evidence`],
        ['GET', `${reportUrl(reportId)}/access-log`],
        ['GET', `/api/evidence/${evidenceId}/download`],
        ['GET', `/api/comments/${internalNote}/revisions`],
        ['GET', `/api/comments/${adminExternal}/revisions`],
        ['POST', `/api/comments/${internalNote}/share`],
        ['DELETE', `/api/evidence/${evidenceId}`],
      ] as const) {
        const res = await call(who.cookie, method, url);
        expect(res.statusCode, `${who.who.name} ${method} ${url}`).toBe(404);
      }
      const listed = await ok(call(who.cookie, 'GET', `/api/events/${ev.id}/reports`), 200);
      expect(listed.json()).toMatchObject({ total: 0, items: [] });
      // The queue's tools are the response team's: refused before any report is looked at.
      await ok(
        call(who.cookie, 'POST', `/api/events/${ev.id}/reports/bulk`, {
          reportIds: [reportId],
          action: { kind: 'state', to: 'closed' },
        }),
        403,
      );
      const mine = await ok(call(who.cookie, 'GET', '/api/me/responder-dashboard'), 200);
      expect(mine.json()).toMatchObject({ events: [], assignedToMe: [] });
    }
    // A system admin who suspends the event (logistics) still sees none of its reports.
    const suspendedEvent = await activeEvent(ctx, org);
    await addToTeam(ctx, org, suspendedEvent.id, people.auth, 'reporter');
    const { id } = await submitReport(ctx, suspendedEvent.id, people.auth.cookie);
    await ok(call(sys.cookie, 'POST', `/api/events/${suspendedEvent.id}/suspend`, {}), 200);
    expect((await call(sys.cookie, 'GET', reportUrl(id))).statusCode).toBe(404);
  });
});

describe('settings, lifecycle and membership changes (SPEC §5, §6, §8)', () => {
  let ctx: TestContext;
  let call: ReturnType<typeof caller>;
  let sys: Signed;
  let org: OrgFixture;
  let eventAdmin: Signed;
  let responder: Signed;
  let reporter: Signed;
  let author: Signed;
  let outsider: Signed;

  const ok = async (pending: Promise<Res>, status: number) => {
    const res = await pending;
    expect(res.statusCode, res.body).toBe(status);
    return res;
  };
  const status = async (
    cookie: string | null,
    method: Parameters<typeof call>[1],
    url: string,
    body?: object,
  ) => (await call(cookie, method, url, body)).statusCode;
  const missingBody = async (cookie: string) =>
    (await call(cookie, 'GET', `/api/reports/${randomUUID()}`)).json().error as object;
  const errorBody = (res: Res) => {
    const { code, message } = (res.json() as { error: { code: string; message: string } }).error;
    return { code, message };
  };
  /** GET a report, expecting the very 404 of a report that does not exist. */
  const expectHidden = async (cookie: string, id: string) => {
    const res = await call(cookie, 'GET', `/api/reports/${id}`);
    expect(res.statusCode, res.body).toBe(404);
    const missing = (await missingBody(cookie)) as { code: string; message: string };
    expect(errorBody(res)).toEqual({ code: missing.code, message: missing.message });
  };
  const listIds = async (cookie: string, eventId: string) => {
    const res = await ok(call(cookie, 'GET', `/api/events/${eventId}/reports?pageSize=100`), 200);
    return (res.json() as { items: { id: string }[] }).items.map((i) => i.id).sort();
  };
  const assign = (cookie: string, reportId: string, userId: string) =>
    call(cookie, 'POST', `/api/reports/${reportId}/assignees`, { userId });

  /** An active event with these settings: the admin, a responder, an author and a reporter. */
  async function world(settings: Record<string, unknown> = {}) {
    const ev = await activeEvent(ctx, org, settings);
    await addToTeam(ctx, org, ev.id, eventAdmin, 'event_admin');
    await addToTeam(ctx, org, ev.id, responder, 'responder');
    await addToTeam(ctx, org, ev.id, author, 'reporter');
    await addToTeam(ctx, org, ev.id, reporter, 'reporter');
    return ev;
  }

  beforeAll(async () => {
    ctx = await createTestApp(roomyLimits);
    call = caller(ctx);
    sys = await systemAdmin(ctx);
    org = await organization(ctx, sys);
    eventAdmin = await member(ctx, 'Eve Eventadmin', { twoFactor: true });
    responder = await member(ctx, 'Ron Responder');
    reporter = await member(ctx, 'Rae Reporter');
    author = await member(ctx, 'Ada Author');
    outsider = await member(ctx, 'Otto Outsider');
  });
  afterAll(() => ctx.close());

  it("responderScope 'assigned': a responder sees, lists and changes only reports assigned to them", async () => {
    const ev = await world({ responderScope: 'assigned' });
    const mine = await submitReport(ctx, ev.id, author.cookie);
    const notMine = await submitReport(ctx, ev.id, author.cookie);
    await ok(assign(eventAdmin.cookie, mine.id, responder.id), 200);

    const seen = await ok(call(responder.cookie, 'GET', `/api/reports/${mine.id}`), 200);
    expect(seen.json().report).toMatchObject({ view: 'team', reporter: { id: author.id } });
    expect(await listIds(responder.cookie, ev.id)).toEqual([mine.id]);
    expect(await listIds(eventAdmin.cookie, ev.id)).toEqual([mine.id, notMine.id].sort());
    const move = (id: string) =>
      status(responder.cookie, 'POST', `/api/reports/${id}/transitions`, { to: 'acknowledged' });
    expect(await move(mine.id)).toBe(200);
    expect(
      await status(responder.cookie, 'PATCH', `/api/reports/${mine.id}`, { severity: 'low' }),
    ).toBe(200);

    await expectHidden(responder.cookie, notMine.id);
    expect(await move(notMine.id)).toBe(404);
    for (const [method, url, body] of [
      ['PATCH', `/api/reports/${notMine.id}`, { severity: 'low' }],
      ['PATCH', `/api/reports/${notMine.id}`, { location: 'Hall C' }],
      ['GET', `/api/reports/${notMine.id}/comments`, undefined],
      ['POST', `/api/reports/${notMine.id}/comments`, { body: 'x', visibility: 'external' }],
      ['POST', `/api/reports/${notMine.id}/comments`, { body: 'x', visibility: 'internal' }],
      ['GET', `/api/reports/${notMine.id}/evidence`, undefined],
      ['POST', `/api/reports/${notMine.id}/assignees`, { userId: responder.id }],
    ] as const) {
      expect(await status(responder.cookie, method, url, body), `${method} ${url}`).toBe(404);
    }
    // Unassigned, the report leaves their sight at once.
    await ok(
      call(eventAdmin.cookie, 'DELETE', `/api/reports/${mine.id}/assignees/${responder.id}`),
      200,
    );
    await expectHidden(responder.cookie, mine.id);
    expect(await listIds(responder.cookie, ev.id)).toEqual([]);
  });

  it('respondersCanAssign off: responders get 403 on assigning and unassigning, event admins may', async () => {
    const ev = await world({ respondersCanAssign: false });
    const { id } = await submitReport(ctx, ev.id, author.cookie);
    expect((await assign(responder.cookie, id, responder.id)).statusCode).toBe(403);
    await ok(assign(eventAdmin.cookie, id, reporter.id), 200);
    expect(
      await status(responder.cookie, 'DELETE', `/api/reports/${id}/assignees/${reporter.id}`),
    ).toBe(403);
    await ok(call(eventAdmin.cookie, 'DELETE', `/api/reports/${id}/assignees/${reporter.id}`), 200);
    // The rest of the responder's work is untouched.
    expect(
      await status(responder.cookie, 'POST', `/api/reports/${id}/transitions`, {
        to: 'acknowledged',
      }),
    ).toBe(200);
    // With it on (the default), the same responder may.
    const open = await world();
    const other = await submitReport(ctx, open.id, author.cookie);
    await ok(assign(responder.cookie, other.id, responder.id), 200);
  });

  it('leadersSeeIncidents off: org_admin and chapter_leader see no reports but still manage the event', async () => {
    const quiet = await organization(ctx, sys, { leadersSeeIncidents: false });
    const orgAdmin = await member(ctx, 'Quinn Orgadmin', { twoFactor: true });
    const leader = await member(ctx, 'Lena Leader', { twoFactor: true });
    await ok(
      call(quiet.orgAdmin.cookie, 'POST', `/api/organizations/${quiet.id}/team`, {
        email: orgAdmin.who.email,
        role: 'org_admin',
      }),
      200,
    );
    const chapter = await ok(
      call(quiet.orgAdmin.cookie, 'POST', `/api/organizations/${quiet.id}/chapters`, {
        name: 'South',
        slug: uniqueSlug('south'),
      }),
      201,
    );
    const chapterId = chapter.json().chapter.id as string;
    await ok(
      call(quiet.orgAdmin.cookie, 'PUT', `/api/chapters/${chapterId}/leaders`, {
        email: leader.who.email,
      }),
      200,
    );
    // Created by the first org admin, who thereby holds event_admin explicitly.
    const ev = await event(ctx, quiet, { chapterId });
    await ok(call(quiet.orgAdmin.cookie, 'POST', `/api/events/${ev.id}/activate`, {}), 200);
    await addToTeam(ctx, quiet, ev.id, author, 'reporter');
    const { id } = await submitReport(ctx, ev.id, author.cookie);

    for (const who of [orgAdmin, leader]) {
      await expectHidden(who.cookie, id);
      expect(await listIds(who.cookie, ev.id)).toEqual([]);
      expect(await status(who.cookie, 'GET', `/api/reports/${id}/comments`)).toBe(404);
      expect(
        await status(who.cookie, 'POST', `/api/reports/${id}/transitions`, { to: 'acknowledged' }),
      ).toBe(404);
      expect(await status(who.cookie, 'GET', `/api/events/${ev.id}/reports.csv`)).toBe(403);
      // Everything else of event_admin stays: details, the team.
      expect(
        await status(who.cookie, 'PATCH', `/api/events/${ev.id}`, {
          description: `Updated by ${who.who.name}`,
        }),
      ).toBe(200);
      expect(await status(who.cookie, 'GET', `/api/events/${ev.id}/team`)).toBe(200);
    }
    await ok(
      call(orgAdmin.cookie, 'POST', `/api/events/${ev.id}/team`, {
        email: responder.who.email,
        role: 'responder',
      }),
      200,
    );
    // The explicit event_admin (the creator) sees it; so does a leader given an explicit role.
    await ok(call(quiet.orgAdmin.cookie, 'GET', `/api/reports/${id}`), 200);
    await ok(call(responder.cookie, 'GET', `/api/reports/${id}`), 200);
    await addToTeam(ctx, quiet, ev.id, leader, 'responder');
    await ok(call(leader.cookie, 'GET', `/api/reports/${id}`), 200);
  });

  describe('reportIntake', () => {
    const body = () => ({
      idempotencyKey: randomUUID(),
      title: 'Followed to the hotel',
      description: 'Someone followed me after the party.',
      type: 'safety',
    });

    it('members (the default): a signed-in non-member gets 403, a signed-out visitor 401 or 403', async () => {
      const ev = await world();
      const url = `/api/events/${ev.id}/reports`;
      expect(await status(outsider.cookie, 'POST', url, body())).toBe(403);
      expect([401, 403]).toContain(await status(null, 'POST', url, body()));
      expect(await status(reporter.cookie, 'POST', url, body())).toBe(201);
    });

    it('signed_in: any signed-in person reports and then sees their own report; signed out may not', async () => {
      const ev = await world({ reportIntake: 'signed_in' });
      const url = `/api/events/${ev.id}/reports`;
      const res = await ok(call(outsider.cookie, 'POST', url, body()), 201);
      const id = res.json().report.id as string;
      expect(
        (await ok(call(outsider.cookie, 'GET', `/api/reports/${id}`), 200)).json().report.view,
      ).toBe('own');
      expect(await listIds(outsider.cookie, ev.id)).toEqual([id]);
      expect([401, 403]).toContain(await status(null, 'POST', url, body()));
      // Anonymity is for events that take anonymous reports.
      expect(await status(outsider.cookie, 'POST', url, { ...body(), anonymous: true })).toBe(400);
    });

    it('anonymous: a signed-out visitor reports, and the follow-up link reads and answers but edits nothing', async () => {
      const ev = await world({ reportIntake: 'anonymous' });
      const res = await ok(call(null, 'POST', `/api/events/${ev.id}/reports`, body()), 201);
      const id = res.json().report.id as string;
      const token = res.json().followUpToken as string;
      expect(token).toBeTruthy();
      const link = { 'x-follow-up-token': token };

      const team = await ok(call(eventAdmin.cookie, 'GET', `/api/reports/${id}`), 200);
      expect(team.json().report).toMatchObject({ anonymous: true, reporter: null });
      const external = (
        await ok(
          call(responder.cookie, 'POST', `/api/reports/${id}/comments`, {
            body: 'Could you tell us which hotel?',
            visibility: 'external',
          }),
          201,
        )
      ).json().comment.id as string;
      const internal = (
        await ok(
          call(responder.cookie, 'POST', `/api/reports/${id}/comments`, {
            body: 'Check the badge scans.',
            visibility: 'internal',
          }),
          201,
        )
      ).json().comment.id as string;

      const report = await ok(call(null, 'GET', '/api/follow-up', undefined, link), 200);
      expect(report.json().report).toMatchObject({ id, view: 'own', anonymous: true });
      const comments = await ok(call(null, 'GET', '/api/follow-up/comments', undefined, link), 200);
      const ids = (comments.json().items as { id: string }[]).map((c) => c.id);
      expect(ids).toContain(external);
      expect(ids).not.toContain(internal);
      await ok(
        call(null, 'POST', '/api/follow-up/comments', { body: 'The one by the station.' }, link),
        201,
      );
      const seen = await ok(call(eventAdmin.cookie, 'GET', `/api/reports/${id}/comments`), 200);
      expect(seen.json().items).toContainEqual(
        expect.objectContaining({ byReporter: true, body: 'The one by the station.' }),
      );

      // No way to edit: no follow-up route for it, and the report's own routes need a session.
      for (const method of ['PATCH', 'PUT', 'POST'] as const) {
        const edit = await call(null, method, '/api/follow-up', { title: 'Changed' }, link);
        expect(edit.statusCode, `${method} /api/follow-up`).toBe(404);
      }
      expect(
        (await call(null, 'PATCH', `/api/reports/${id}`, { title: 'Changed' }, link)).statusCode,
      ).toBe(401);
      expect(
        (await call(null, 'POST', `/api/reports/${id}/transitions`, { to: 'closed' }, link))
          .statusCode,
      ).toBe(401);
      // A signed-in person who chose anonymity is not its author either.
      const chosen = await submitReport(ctx, ev.id, reporter.cookie, { anonymous: true });
      expect(chosen.followUpToken).toBeTruthy();
      await expectHidden(reporter.cookie, chosen.id);
      expect(
        await status(reporter.cookie, 'PATCH', `/api/reports/${chosen.id}`, { title: 'Mine' }),
      ).toBe(404);
      const after = await ok(call(null, 'GET', '/api/follow-up', undefined, link), 200);
      expect(after.json().report.title).toBe('Followed to the hotel');
    });
  });

  it('an expired role stops counting on the next request', async () => {
    const ev = await world();
    const temp = await member(ctx, 'Tia Temporary');
    await addToTeam(ctx, org, ev.id, temp, 'responder', {
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const { id } = await submitReport(ctx, ev.id, author.cookie);
    await ok(call(temp.cookie, 'GET', `/api/reports/${id}`), 200);
    // The expiry moved into the past (a fixture: the team API takes only future expiries).
    await ctx.database.db
      .update(roleAssignments)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(and(eq(roleAssignments.userId, temp.id), eq(roleAssignments.scopeId, ev.id)));
    await expectHidden(temp.cookie, id);
    expect(await listIds(temp.cookie, ev.id)).toEqual([]);
  });

  it('an expiry a moment ahead, set through the team API, ends access at its instant', async () => {
    const ev = await world();
    const temp = await member(ctx, 'Tom Temporary');
    const { id } = await submitReport(ctx, ev.id, author.cookie);
    const until = Date.now() + 1500;
    await addToTeam(ctx, org, ev.id, temp, 'responder', {
      expiresAt: new Date(until).toISOString(),
    });
    await ok(call(temp.cookie, 'GET', `/api/reports/${id}`), 200);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, until - Date.now()) + 50));
    await expectHidden(temp.cookie, id);
  });

  it('a removed responder loses every report on the next request, assigned ones included', async () => {
    const ev = await world();
    const leaving = await member(ctx, 'Leo Leaving');
    const helper = await member(ctx, 'Hal Helper');
    await addToTeam(ctx, org, ev.id, leaving, 'responder');
    await addToTeam(ctx, org, ev.id, helper, 'reporter');
    const assigned = await submitReport(ctx, ev.id, author.cookie);
    const other = await submitReport(ctx, ev.id, author.cookie);
    await ok(assign(eventAdmin.cookie, assigned.id, leaving.id), 200);
    await ok(assign(eventAdmin.cookie, assigned.id, helper.id), 200);
    await ok(call(leaving.cookie, 'GET', `/api/reports/${other.id}`), 200);
    await ok(call(helper.cookie, 'GET', `/api/reports/${assigned.id}`), 200);

    for (const who of [leaving, helper]) {
      await ok(call(org.orgAdmin.cookie, 'DELETE', `/api/events/${ev.id}/team/${who.id}`), 204);
    }
    // SPEC §6: removal ends all their access to the event's data (an assignment included).
    await expectHidden(leaving.cookie, other.id);
    await expectHidden(leaving.cookie, assigned.id);
    await expectHidden(helper.cookie, assigned.id);
    expect(await listIds(leaving.cookie, ev.id)).toEqual([]);
    expect(
      await status(leaving.cookie, 'POST', `/api/reports/${assigned.id}/transitions`, {
        to: 'acknowledged',
      }),
    ).toBe(404);
  });

  it('a suspended event: only its admins (explicit or inherited) open its reports', async () => {
    const ev = await world();
    const assignee = await member(ctx, 'Asa Assignee');
    await addToTeam(ctx, org, ev.id, assignee, 'reporter');
    const { id } = await submitReport(ctx, ev.id, author.cookie);
    await ok(assign(eventAdmin.cookie, id, assignee.id), 200);
    await ok(call(sys.cookie, 'POST', `/api/events/${ev.id}/suspend`, {}), 200);

    for (const who of [responder, author, assignee, reporter]) {
      expect(await status(who.cookie, 'GET', `/api/reports/${id}`), who.who.name).toBe(404);
    }
    for (const who of [responder, author, assignee]) {
      expect(
        await status(who.cookie, 'POST', `/api/reports/${id}/comments`, {
          body: 'x',
          visibility: 'external',
        }),
      ).toBe(404);
    }
    await ok(call(eventAdmin.cookie, 'GET', `/api/reports/${id}`), 200);
    await ok(call(org.orgAdmin.cookie, 'GET', `/api/reports/${id}`), 200);
    expect(await listIds(eventAdmin.cookie, ev.id)).toEqual([id]);

    // Suspended by its org admin this time.
    const other = await world();
    const second = await submitReport(ctx, other.id, author.cookie);
    await ok(call(org.orgAdmin.cookie, 'POST', `/api/events/${other.id}/suspend`, {}), 200);
    expect(await status(responder.cookie, 'GET', `/api/reports/${second.id}`)).toBe(404);
    expect(await status(author.cookie, 'GET', `/api/reports/${second.id}`)).toBe(404);
    await ok(call(eventAdmin.cookie, 'GET', `/api/reports/${second.id}`), 200);
  });

  it('an archived event: reports read as before, every change is 403', async () => {
    const ev = await world();
    const assignee = await member(ctx, 'Asa Assignee');
    await addToTeam(ctx, org, ev.id, assignee, 'reporter');
    const { id } = await submitReport(ctx, ev.id, author.cookie);
    await ok(assign(eventAdmin.cookie, id, assignee.id), 200);
    const comment = (
      await ok(
        call(author.cookie, 'POST', `/api/reports/${id}/comments`, {
          body: 'One more thing.',
          visibility: 'external',
        }),
        201,
      )
    ).json().comment.id as string;
    await ok(call(eventAdmin.cookie, 'POST', `/api/events/${ev.id}/archive`, {}), 200);

    for (const who of [eventAdmin, org.orgAdmin, responder, assignee, author]) {
      await ok(call(who.cookie, 'GET', `/api/reports/${id}`), 200);
      await ok(call(who.cookie, 'GET', `/api/reports/${id}/comments`), 200);
      expect(await listIds(who.cookie, ev.id)).toEqual([id]);
    }
    await ok(call(eventAdmin.cookie, 'GET', `/api/reports/${id}/access-log`), 200);
    await ok(call(eventAdmin.cookie, 'GET', `/api/events/${ev.id}/reports.csv`), 200);

    const changes: [Signed, Parameters<typeof call>[1], string, object | undefined][] = [
      [
        author,
        'POST',
        `/api/events/${ev.id}/reports`,
        { idempotencyKey: randomUUID(), title: 't', description: 'd', type: 'other' },
      ],
      [author, 'PATCH', `/api/reports/${id}`, { title: 'Later' }],
      [author, 'PATCH', `/api/reports/${id}`, { contactPreference: 'none' }],
      [author, 'POST', `/api/reports/${id}/comments`, { body: 'x', visibility: 'external' }],
      [author, 'PATCH', `/api/comments/${comment}`, { body: 'Edited' }],
      [eventAdmin, 'PATCH', `/api/reports/${id}`, { title: 'Later' }],
      [eventAdmin, 'POST', `/api/reports/${id}/assignees`, { userId: responder.id }],
      [eventAdmin, 'DELETE', `/api/reports/${id}/assignees/${assignee.id}`, undefined],
      [eventAdmin, 'POST', `/api/reports/${id}/comments`, { body: 'x', visibility: 'internal' }],
      [eventAdmin, 'DELETE', `/api/comments/${comment}`, undefined],
      [eventAdmin, 'DELETE', `/api/reports/${id}`, { reason: 'cleanup' }],
      [responder, 'PATCH', `/api/reports/${id}`, { severity: 'high' }],
      [responder, 'POST', `/api/reports/${id}/transitions`, { to: 'acknowledged' }],
      [assignee, 'POST', `/api/reports/${id}/transitions`, { to: 'acknowledged' }],
    ];
    for (const [who, method, url, body] of changes) {
      expect(await status(who.cookie, method, url, body), `${who.who.name} ${method} ${url}`).toBe(
        403,
      );
    }
    const upload = await call(
      author.cookie,
      'POST',
      `/api/reports/${id}/evidence?name=a.txt`,
      Buffer.from('late\n'),
      {
        'content-type': 'text/plain',
      },
    );
    expect(upload.statusCode, upload.body).toBe(403);
    const report = await ok(call(eventAdmin.cookie, 'GET', `/api/reports/${id}`), 200);
    expect(report.json().report).toMatchObject({ state: 'submitted', severity: null });
  });

  it('the author keeps their own report after leaving the event, and nothing else', async () => {
    const ev = await world();
    const { id } = await submitReport(ctx, ev.id, author.cookie);
    const others = await submitReport(ctx, ev.id, reporter.cookie);
    await ok(call(org.orgAdmin.cookie, 'DELETE', `/api/events/${ev.id}/team/${author.id}`), 204);

    const own = await ok(call(author.cookie, 'GET', `/api/reports/${id}`), 200);
    expect(own.json().report).toMatchObject({ view: 'own', id });
    expect(await listIds(author.cookie, ev.id)).toEqual([id]);
    await ok(
      call(author.cookie, 'POST', `/api/reports/${id}/comments`, {
        body: 'Still here.',
        visibility: 'external',
      }),
      201,
    );
    await ok(call(author.cookie, 'PATCH', `/api/reports/${id}`, { location: 'Lobby' }), 200);
    await expectHidden(author.cookie, others.id);
    // The relation is to that report only: no submitting where intake is for members.
    expect(
      await status(author.cookie, 'POST', `/api/events/${ev.id}/reports`, {
        idempotencyKey: randomUUID(),
        title: 't',
        description: 'd',
        type: 'other',
      }),
    ).toBe(403);
    const mine = await ok(call(author.cookie, 'GET', '/api/me/reports'), 200);
    expect((mine.json().items as { id: string }[]).map((i) => i.id)).toContain(id);
  });
});
