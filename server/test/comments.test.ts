import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEntries, commentRevisions, reports } from '../src/db/schema/index.js';
import { createTestApp, type TestContext } from './support/app.js';
import { roomyLimits } from './support/accounts.js';
import { activeEvent, addToTeam, submitReport, type Submitted } from './support/reports.js';
import {
  caller,
  member,
  organization,
  systemAdmin,
  type OrgFixture,
  type Signed,
} from './support/structure.js';

type Comment = {
  id: string;
  reportId: string;
  visibility: 'internal' | 'external';
  body: string;
  bodyHtml: string;
  writer: { id: string; name: string } | null;
  byReporter: boolean;
  createdAt: string;
  editedAt: string | null;
  shared: { at: string; by: { id: string; name: string } | null } | null;
  deleted: boolean;
  can: { edit: boolean; delete: boolean; share: boolean; viewRevisions: boolean };
};
type Page = { items: Comment[]; total: number; page: number; pageSize: number };

describe('comments', () => {
  let ctx: TestContext;
  let call: ReturnType<typeof caller>;
  let sys: Signed;
  let org: OrgFixture;
  let other: OrgFixture;
  let eventAdmin: Signed;
  let responder: Signed;
  let author: Signed;
  let stranger: Signed;
  let otherEventResponder: Signed;
  let orgViewer: Signed;
  let ev: { id: string };
  let report: Submitted;

  const list = async (cookie: string, reportId = report.id, query = '') => {
    const res = await call(cookie, 'GET', `/api/reports/${reportId}/comments${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Page;
  };

  const post = async (
    cookie: string,
    body: string,
    visibility: 'internal' | 'external',
    reportId = report.id,
  ) => {
    const res = await call(cookie, 'POST', `/api/reports/${reportId}/comments`, {
      body,
      visibility,
    });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { comment: Comment }).comment;
  };

  const audits = (commentId: string, action?: string) =>
    ctx.database.db
      .select()
      .from(auditEntries)
      .where(
        and(
          eq(auditEntries.targetType, 'comment'),
          eq(auditEntries.targetId, commentId),
          eq(auditEntries.outcome, 'success'),
          action ? eq(auditEntries.action, action) : undefined,
        ),
      );

  const updatedAt = async (reportId: string) => {
    const [row] = await ctx.database.db
      .select({ at: reports.updatedAt })
      .from(reports)
      .where(eq(reports.id, reportId));
    return row!.at.getTime();
  };

  beforeAll(async () => {
    ctx = await createTestApp(roomyLimits);
    call = caller(ctx);
    sys = await systemAdmin(ctx);
    org = await organization(ctx, sys);
    other = await organization(ctx, sys);
    eventAdmin = await member(ctx, 'Eve Eventadmin', { twoFactor: true });
    responder = await member(ctx, 'Ron Responder');
    author = await member(ctx, 'Ada Author');
    stranger = await member(ctx, 'Sue Stranger');
    otherEventResponder = await member(ctx, 'Otto Otherevent');
    orgViewer = await member(ctx, 'Vic Viewer');
    ev = await activeEvent(ctx, org, { reportIntake: 'anonymous', responderScope: 'assigned' });
    await addToTeam(ctx, org, ev.id, eventAdmin, 'event_admin');
    await addToTeam(ctx, org, ev.id, responder, 'responder');
    await addToTeam(ctx, org, ev.id, author, 'reporter');
    const otherEvent = await activeEvent(ctx, org);
    await addToTeam(ctx, org, otherEvent.id, otherEventResponder, 'responder');
    const viewer = await call(org.orgAdmin.cookie, 'POST', `/api/organizations/${org.id}/team`, {
      email: orgViewer.who.email,
      role: 'org_viewer',
    });
    expect(viewer.statusCode, viewer.body).toBeLessThan(300);
    report = await submitReport(ctx, ev.id, author.cookie);
    const assigned = await call(eventAdmin.cookie, 'POST', `/api/reports/${report.id}/assignees`, {
      userId: responder.id,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
  });
  afterAll(() => ctx.close());

  it('shows external comments to the author and the team, internal ones to the team only', async () => {
    const before = await updatedAt(report.id);
    const thanks = await post(author.cookie, 'Thank you for **looking** into this.', 'external');
    expect(thanks).toMatchObject({
      visibility: 'external',
      writer: { id: author.id, name: 'Ada Author' },
      byReporter: true,
      deleted: false,
      editedAt: null,
      shared: null,
      can: { edit: true, delete: false, share: false, viewRevisions: true },
    });
    expect(thanks.bodyHtml).toContain('<strong>looking</strong>');
    expect(await updatedAt(report.id)).toBeGreaterThan(before);
    const note = await post(eventAdmin.cookie, 'Second report about this person.', 'internal');
    expect(note).toMatchObject({ byReporter: false, can: { share: true, delete: true } });
    const reply = await post(responder.cookie, 'We are on it.', 'external');

    const asTeam = await list(eventAdmin.cookie);
    expect(asTeam.items.map((c) => c.id)).toEqual([thanks.id, note.id, reply.id]);
    expect(asTeam.total).toBe(3);
    // A new comment is answered as it reads back afterwards, for the same person.
    expect(asTeam.items[1]).toEqual(note);
    const asResponder = await list(responder.cookie);
    expect(asResponder.items.map((c) => c.id)).toEqual([thanks.id, note.id, reply.id]);
    // Another's comment: no edit; the responder may not delete.
    expect(asResponder.items[0]!.can).toEqual({
      edit: false,
      delete: false,
      share: false,
      viewRevisions: true,
    });

    // The author sees no sign of the internal comment: not in the items, not in the total.
    const asAuthor = await list(author.cookie);
    expect(asAuthor.items.map((c) => c.id)).toEqual([thanks.id, reply.id]);
    expect(asAuthor.total).toBe(2);
    expect(JSON.stringify(asAuthor)).not.toContain('Second report');

    // The author may not write internal comments (403: they see the report).
    const internal = await call(author.cookie, 'POST', `/api/reports/${report.id}/comments`, {
      body: 'Let me in',
      visibility: 'internal',
    });
    expect(internal.statusCode).toBe(403);

    // An internal comment's id is a missing comment to the author, whatever they ask.
    for (const [method, url, body] of [
      ['GET', `/api/comments/${note.id}/revisions`, undefined],
      ['PATCH', `/api/comments/${note.id}`, { body: 'x' }],
      ['POST', `/api/comments/${note.id}/share`, undefined],
      ['DELETE', `/api/comments/${note.id}`, undefined],
    ] as const) {
      const res = await call(author.cookie, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.message).toBe('No such comment.');
    }
    const missing = await call(
      author.cookie,
      'GET',
      '/api/comments/00000000-0000-4000-8000-000000000000/revisions',
    );
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toBe('No such comment.');

    for (const c of [thanks, note, reply]) {
      expect(await audits(c.id, 'report.comment.create')).toHaveLength(1);
    }
    const [entry] = await audits(note.id, 'report.comment.create');
    expect(entry).toMatchObject({
      actorId: eventAdmin.id,
      scopeType: 'event',
      scopeId: ev.id,
      after: { reportId: report.id, visibility: 'internal', byReporter: false },
    });
    expect(JSON.stringify(entry)).not.toContain('Second report');
  });

  it('what a comment said while internal stays internal after it is shared', async () => {
    const note = await post(
      responder.cookie,
      'Suspect is Bob; reporter seems unreliable.',
      'internal',
    );
    const edited = await call(responder.cookie, 'PATCH', `/api/comments/${note.id}`, {
      body: 'We have spoken to the person involved.',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(
      (await call(eventAdmin.cookie, 'POST', `/api/comments/${note.id}/share`)).statusCode,
    ).toBe(200);
    const revisions = await call(author.cookie, 'GET', `/api/comments/${note.id}/revisions`);
    expect(revisions.statusCode).toBe(200);
    expect(revisions.json().items).toEqual([]);
    const seen = (await list(author.cookie)).items.find((c) => c.id === note.id)!;
    expect(seen).toMatchObject({ shared: null, editedAt: null, can: { viewRevisions: false } });
    expect(JSON.stringify(seen)).not.toContain('Bob');
    const team = await call(responder.cookie, 'GET', `/api/comments/${note.id}/revisions`);
    expect(JSON.stringify(team.json())).toContain('Bob');
  });

  it('shares an internal comment with the author, once, by the team only', async () => {
    const note = await post(responder.cookie, 'The venue confirmed the *incident*.', 'internal');
    expect((await list(author.cookie)).items.map((c) => c.id)).not.toContain(note.id);

    const shared = await call(eventAdmin.cookie, 'POST', `/api/comments/${note.id}/share`);
    expect(shared.statusCode, shared.body).toBe(200);
    expect(shared.json().comment).toMatchObject({
      id: note.id,
      visibility: 'external',
      writer: { id: responder.id },
      shared: { by: { id: eventAdmin.id, name: 'Eve Eventadmin' } },
      can: { share: false },
    });

    const seen = (await list(author.cookie)).items.find((c) => c.id === note.id);
    // The author is not shown that it began as internal.
    expect(seen).toMatchObject({ visibility: 'external', shared: null, editedAt: null });
    expect(seen!.bodyHtml).toContain('<em>incident</em>');
    // Sharing it again is a conflict for the team, and never the author's to do.
    const again = await call(responder.cookie, 'POST', `/api/comments/${note.id}/share`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('invalid_state');
    expect((await call(author.cookie, 'POST', `/api/comments/${note.id}/share`)).statusCode).toBe(
      403,
    );

    const [entry] = await audits(note.id, 'report.comment.share');
    expect(entry).toMatchObject({
      actorId: eventAdmin.id,
      scopeId: ev.id,
      before: { visibility: 'internal' },
      after: { visibility: 'external' },
    });
  });

  it('answers 404 to whoever may not see the report, and 401 signed out', async () => {
    const note = await post(eventAdmin.cookie, 'Internal note', 'internal');
    const ext = await post(eventAdmin.cookie, 'External note', 'external');
    const outsiders = {
      stranger,
      'a responder of another event': otherEventResponder,
      'an org_viewer': orgViewer,
      'a system_admin without an event role': sys,
      "another organization's admin": other.orgAdmin,
    };
    for (const [who, signed] of Object.entries(outsiders)) {
      const asks = [
        ['GET', `/api/reports/${report.id}/comments`, undefined],
        ['POST', `/api/reports/${report.id}/comments`, { body: 'hi', visibility: 'external' }],
        ['GET', `/api/comments/${ext.id}/revisions`, undefined],
        ['PATCH', `/api/comments/${ext.id}`, { body: 'changed' }],
        ['DELETE', `/api/comments/${ext.id}`, undefined],
        ['POST', `/api/comments/${note.id}/share`, undefined],
      ] as const;
      for (const [method, url, body] of asks) {
        const res = await call(signed.cookie, method, url, body);
        expect(res.statusCode, `${who}: ${method} ${url}: ${res.body}`).toBe(404);
      }
    }
    // Signed out: 401, before the body is even looked at.
    expect((await call(null, 'GET', `/api/reports/${report.id}/comments`)).statusCode).toBe(401);
    expect((await call(null, 'POST', `/api/reports/${report.id}/comments`, {})).statusCode).toBe(
      401,
    );
    expect((await call(null, 'PATCH', `/api/comments/${ext.id}`, {})).statusCode).toBe(401);
    expect((await call(null, 'DELETE', `/api/comments/${ext.id}`)).statusCode).toBe(401);
    expect((await call(null, 'POST', `/api/comments/${note.id}/share`)).statusCode).toBe(401);
    expect((await call(null, 'GET', `/api/comments/${ext.id}/revisions`)).statusCode).toBe(401);
    // Nothing changed.
    expect((await list(eventAdmin.cookie)).items.find((c) => c.id === ext.id)).toMatchObject({
      body: 'External note',
      deleted: false,
    });
  });

  it("answers 404 for another event's comment, even to an admin of this one", async () => {
    const elsewhere = await activeEvent(ctx, other);
    const theirReport = await submitReport(ctx, elsewhere.id, other.orgAdmin.cookie);
    const theirs = await post(other.orgAdmin.cookie, 'Theirs', 'external', theirReport.id);
    for (const [method, url, body] of [
      ['GET', `/api/comments/${theirs.id}/revisions`, undefined],
      ['PATCH', `/api/comments/${theirs.id}`, { body: 'mine now' }],
      ['DELETE', `/api/comments/${theirs.id}`, undefined],
      ['GET', `/api/reports/${theirReport.id}/comments`, undefined],
    ] as const) {
      const res = await call(eventAdmin.cookie, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
  });

  it('shows a responder the comments of reports assigned to them only (responderScope = assigned)', async () => {
    const unassigned = await submitReport(ctx, ev.id, author.cookie);
    await post(eventAdmin.cookie, 'Nobody assigned yet', 'internal', unassigned.id);
    const res = await call(responder.cookie, 'GET', `/api/reports/${unassigned.id}/comments`);
    expect(res.statusCode).toBe(404);
    const write = await call(responder.cookie, 'POST', `/api/reports/${unassigned.id}/comments`, {
      body: 'Me?',
      visibility: 'internal',
    });
    expect(write.statusCode).toBe(404);
    // Once assigned, they see it all.
    const assign = await call(
      eventAdmin.cookie,
      'POST',
      `/api/reports/${unassigned.id}/assignees`,
      {
        userId: responder.id,
      },
    );
    expect(assign.statusCode, assign.body).toBe(200);
    const page = await list(responder.cookie, unassigned.id);
    expect(page.items.map((c) => c.body)).toEqual(['Nobody assigned yet']);
    const taking = await post(responder.cookie, 'Taking it', 'internal', unassigned.id);
    expect(taking.can.edit).toBe(true);
    // Unassigned again, they no longer see the report, nor edit what they wrote on it.
    const unassign = await call(
      eventAdmin.cookie,
      'DELETE',
      `/api/reports/${unassigned.id}/assignees/${responder.id}`,
    );
    expect(unassign.statusCode, unassign.body).toBe(200);
    const edit = await call(responder.cookie, 'PATCH', `/api/comments/${taking.id}`, {
      body: 'Taking it back',
    });
    expect(edit.statusCode).toBe(404);
    expect((await list(eventAdmin.cookie, unassigned.id)).items[1]!.body).toBe('Taking it');
  });

  it('lets only the writer edit, keeping every earlier wording', async () => {
    const mine = await post(author.cookie, 'First wording', 'external');
    const edit = (cookie: string, body: unknown) =>
      call(cookie, 'PATCH', `/api/comments/${mine.id}`, { body });

    const before = await updatedAt(report.id);
    const first = await edit(author.cookie, 'Second wording');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().comment).toMatchObject({ body: 'Second wording' });
    expect(first.json().comment.editedAt).not.toBeNull();
    expect(await updatedAt(report.id)).toBeGreaterThan(before);
    expect((await edit(author.cookie, '  Third wording  ')).json().comment.body).toBe(
      'Third wording',
    );

    // Nobody else edits it: not the event admin, not the assigned responder.
    expect((await edit(eventAdmin.cookie, 'Admin wording')).statusCode).toBe(403);
    expect((await edit(responder.cookie, 'Responder wording')).statusCode).toBe(403);
    // A blank or oversized body is refused, naming the field.
    const blank = await edit(author.cookie, '   ');
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.details[0].field).toBe('body.body');
    expect((await edit(author.cookie, 'x'.repeat(20_001))).statusCode).toBe(400);

    for (const cookie of [author.cookie, eventAdmin.cookie, responder.cookie]) {
      const res = await call(cookie, 'GET', `/api/comments/${mine.id}/revisions`);
      expect(res.statusCode, res.body).toBe(200);
      const items = res.json().items as { body: string; bodyHtml: string; replacedAt: string }[];
      expect(items.map((r) => r.body)).toEqual(['First wording', 'Second wording']);
      expect(items[0]!.bodyHtml).toBe('<p>First wording</p>\n');
    }
    const listed = (await list(eventAdmin.cookie)).items.find((c) => c.id === mine.id);
    expect(listed).toMatchObject({ body: 'Third wording', can: { edit: false, delete: true } });

    const entries = await audits(mine.id, 'report.comment.update');
    expect(entries).toHaveLength(2);
    expect(entries.map((e) => e.actorId)).toEqual([author.id, author.id]);
    expect(JSON.stringify(entries)).not.toMatch(/wording/);
  });

  it('lets an event admin delete: a tombstone for the team, nothing for the author, an audit entry without the text', async () => {
    const mine = await post(author.cookie, 'My phone number is 555-0100', 'external');
    await call(author.cookie, 'PATCH', `/api/comments/${mine.id}`, {
      body: 'Call me at 555-0199',
    });
    const totalBefore = (await list(author.cookie)).total;

    const byResponder = await call(responder.cookie, 'DELETE', `/api/comments/${mine.id}`);
    expect(byResponder.statusCode).toBe(403);
    // The refusal is in the audit log too (SPEC §10).
    const [denied] = await ctx.database.db
      .select()
      .from(auditEntries)
      .where(
        and(
          eq(auditEntries.targetId, mine.id),
          eq(auditEntries.outcome, 'denied'),
          eq(auditEntries.actorId, responder.id),
        ),
      );
    expect(denied).toMatchObject({ action: 'report.comment.delete', scopeId: ev.id });

    const before = await updatedAt(report.id);
    const deleted = await call(eventAdmin.cookie, 'DELETE', `/api/comments/${mine.id}`, {
      reason: 'Personal data posted by mistake',
    });
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(await updatedAt(report.id)).toBeGreaterThan(before);

    const tombstone = (await list(eventAdmin.cookie)).items.find((c) => c.id === mine.id);
    expect(tombstone).toMatchObject({
      deleted: true,
      body: '',
      bodyHtml: '',
      writer: { id: author.id },
      can: { edit: false, delete: false, share: false, viewRevisions: false },
    });
    const revisions = await call(eventAdmin.cookie, 'GET', `/api/comments/${mine.id}/revisions`);
    expect(revisions.statusCode, revisions.body).toBe(200);
    expect(revisions.json().items).toEqual([]);

    // To the author it is gone: not listed, not counted, not reachable.
    const asAuthor = await list(author.cookie);
    expect(asAuthor.items.map((c) => c.id)).not.toContain(mine.id);
    expect(asAuthor.total).toBe(totalBefore - 1);
    expect(
      (await call(author.cookie, 'PATCH', `/api/comments/${mine.id}`, { body: 'x' })).statusCode,
    ).toBe(404);
    expect(
      (await call(author.cookie, 'GET', `/api/comments/${mine.id}/revisions`)).statusCode,
    ).toBe(404);

    // Deleted is final: no second deletion, no edit by its writer.
    const again = await call(eventAdmin.cookie, 'DELETE', `/api/comments/${mine.id}`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('invalid_state');
    const own = await post(eventAdmin.cookie, 'Oops', 'internal');
    await call(eventAdmin.cookie, 'DELETE', `/api/comments/${own.id}`);
    const editDeleted = await call(eventAdmin.cookie, 'PATCH', `/api/comments/${own.id}`, {
      body: 'Back',
    });
    expect(editDeleted.statusCode).toBe(409);
    expect(editDeleted.json().error.code).toBe('invalid_state');
    const shareDeleted = await call(eventAdmin.cookie, 'POST', `/api/comments/${own.id}/share`);
    expect(shareDeleted.statusCode).toBe(409);

    const [entry] = await audits(mine.id, 'report.comment.delete');
    expect(entry).toMatchObject({
      actorId: eventAdmin.id,
      scopeType: 'event',
      scopeId: ev.id,
      before: { writerId: author.id, visibility: 'external', byAnonymousReporter: false },
      reason: 'Personal data posted by mistake',
    });
    // The words are nowhere in the audit log, nor in the database.
    expect(JSON.stringify(await audits(mine.id))).not.toMatch(/555-01/);
    const kept = await ctx.database.db
      .select()
      .from(commentRevisions)
      .where(eq(commentRevisions.commentId, mine.id));
    expect(kept).toEqual([]);
  });

  it('pages oldest first, counting only what the caller sees', async () => {
    const fresh = await submitReport(ctx, ev.id, author.cookie);
    const made: Comment[] = [];
    for (let i = 1; i <= 5; i += 1) {
      made.push(
        await post(eventAdmin.cookie, `Comment ${i}`, i % 2 ? 'external' : 'internal', fresh.id),
      );
    }
    const second = await list(eventAdmin.cookie, fresh.id, '?page=2&pageSize=2');
    expect(second).toMatchObject({ page: 2, pageSize: 2, total: 5 });
    expect(second.items.map((c) => c.body)).toEqual(['Comment 3', 'Comment 4']);
    const authorPage = await list(author.cookie, fresh.id, '?page=2&pageSize=2');
    expect(authorPage.total).toBe(3);
    expect(authorPage.items.map((c) => c.body)).toEqual(['Comment 5']);
    const defaults = await list(author.cookie, fresh.id);
    expect(defaults).toMatchObject({ page: 1, pageSize: 50, total: 3 });
    for (const bad of ['?pageSize=101', '?page=0', '?pageSize=abc']) {
      const res = await call(author.cookie, 'GET', `/api/reports/${fresh.id}/comments${bad}`);
      expect(res.statusCode, bad).toBe(400);
    }
  });

  it('renders Markdown without scripts, event handlers or javascript: links', async () => {
    const body = [
      '<script>alert(1)</script>',
      '<img src=x onerror="alert(2)">',
      '[click me](javascript:alert(3))',
      '<a href="javascript:alert(4)">raw link</a>',
      '[fine](https://example.org)',
    ].join('\n\n');
    const made = await post(author.cookie, body, 'external');
    const listed = (await list(eventAdmin.cookie)).items.find((c) => c.id === made.id)!;
    for (const html of [made.bodyHtml, listed.bodyHtml]) {
      const tags = html.match(/<[^>]*>/g) ?? [];
      for (const tag of tags) {
        expect(tag).not.toMatch(/script|img|onerror|javascript:/i);
      }
      expect(html).toContain('<a href="https://example.org"');
      expect(html).toContain('&lt;script&gt;');
    }
    // The Markdown source comes back as written, for editing.
    expect(listed.body).toBe(body);
  });

  it('lets the anonymous reporter read external comments and reply through the follow-up link', async () => {
    const anon = await submitReport(ctx, ev.id, null, { anonymous: true });
    const token = anon.followUpToken!;
    expect(token).toBeTruthy();
    const header = { 'x-follow-up-token': token };
    await post(eventAdmin.cookie, 'Might be the same person as #1', 'internal', anon.id);
    const ext = await post(eventAdmin.cookie, 'Thanks, can you tell us more?', 'external', anon.id);
    const gone = await post(eventAdmin.cookie, 'Wrong report', 'external', anon.id);
    await call(eventAdmin.cookie, 'DELETE', `/api/comments/${gone.id}`);

    const read = await call(null, 'GET', '/api/follow-up/comments', undefined, header);
    expect(read.statusCode, read.body).toBe(200);
    const page = read.json() as Page;
    expect(page.total).toBe(1);
    expect(page.items.map((c) => c.id)).toEqual([ext.id]);
    expect(page.items[0]!.can).toEqual({
      edit: false,
      delete: false,
      share: false,
      viewRevisions: false,
    });

    const before = await updatedAt(anon.id);
    const replied = await call(
      null,
      'POST',
      '/api/follow-up/comments',
      { body: 'It happened near the coffee stand.' },
      header,
    );
    expect(replied.statusCode, replied.body).toBe(201);
    const reply = replied.json().comment as Comment;
    expect(reply).toMatchObject({
      reportId: anon.id,
      visibility: 'external',
      writer: null,
      byReporter: true,
    });
    expect(await updatedAt(anon.id)).toBeGreaterThan(before);

    const asTeam = await list(eventAdmin.cookie, anon.id);
    expect(asTeam.items.find((c) => c.id === reply.id)).toMatchObject({
      writer: null,
      byReporter: true,
      can: { edit: false, delete: true },
    });
    const again = await call(null, 'GET', '/api/follow-up/comments', undefined, header);
    expect((again.json() as Page).items.map((c) => c.id)).toEqual([ext.id, reply.id]);

    const [entry] = await audits(reply.id, 'report.comment.create');
    expect(entry).toMatchObject({ actorId: null, scopeId: ev.id, after: { byReporter: true } });

    // A token that opens nothing, and none at all.
    const unknown = { 'x-follow-up-token': 'x'.repeat(43) };
    expect(
      (await call(null, 'GET', '/api/follow-up/comments', undefined, unknown)).statusCode,
    ).toBe(404);
    expect(
      (await call(null, 'POST', '/api/follow-up/comments', { body: 'hi' }, unknown)).statusCode,
    ).toBe(404);
    expect((await call(null, 'GET', '/api/follow-up/comments')).statusCode).toBe(400);
    // The reply takes a body only: the link cannot write internal comments.
    const internal = await call(
      null,
      'POST',
      '/api/follow-up/comments',
      { body: 'hi', visibility: 'internal' },
      header,
    );
    expect(internal.statusCode).toBe(400);
  });

  it('documents the routes in OpenAPI: the Comment schema, sessions on all but the follow-up link', async () => {
    const doc = (await ctx.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.components.schemas).toHaveProperty('Comment');
    const paths = doc.paths as Record<
      string,
      Record<string, { security?: unknown; tags: string[] }>
    >;
    const signedIn = [
      ['/api/reports/{reportId}/comments', 'get'],
      ['/api/reports/{reportId}/comments', 'post'],
      ['/api/comments/{commentId}', 'patch'],
      ['/api/comments/{commentId}', 'delete'],
      ['/api/comments/{commentId}/revisions', 'get'],
      ['/api/comments/{commentId}/share', 'post'],
    ] as const;
    for (const [path, method] of signedIn) {
      expect(paths[path]?.[method], `${method} ${path}`).toMatchObject({
        tags: ['comments'],
        security: [{ session: [] }],
      });
    }
    for (const method of ['get', 'post'] as const) {
      const op = paths['/api/follow-up/comments']![method]!;
      expect(op.security).toBeUndefined();
      expect(JSON.stringify(op)).toContain('x-follow-up-token');
    }
  });
});
