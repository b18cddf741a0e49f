import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEntries, reportAccessLog, reports } from '../src/db/schema/index.js';
import { hashToken } from '../src/tokens.js';
import { createTestApp, type TestContext } from './support/app.js';
import { roomyLimits } from './support/accounts.js';
import { activeEvent, addToTeam, submitReport } from './support/reports.js';
import {
  caller,
  member,
  organization,
  systemAdmin,
  type OrgFixture,
  type Signed,
} from './support/structure.js';

type Report = {
  id: string;
  view: 'team' | 'own';
  state: string;
  number: number;
  reporter?: { id: string; name: string; email: string } | null;
  contactDetails?: string;
  incidentAt?: string | null;
  location?: string;
  severity?: string | null;
  assignees?: { id: string }[];
  history: {
    kind?: string;
    toState: string | null;
    note?: string | null;
    person?: { id: string; name: string } | null;
  }[];
  transitions?: { to: string; needsNote: boolean; needsAssignee: boolean }[];
  can: Record<string, boolean>;
};

describe('reports: submission, the workflow, lists and exports', () => {
  let ctx: TestContext;
  let call: ReturnType<typeof caller>;
  let sys: Signed;
  let org: OrgFixture;
  let eventAdmin: Signed;
  let responder: Signed;
  let reporter: Signed;
  let stranger: Signed;
  let ev: { id: string; slug: string };

  const get = async (cookie: string | null, url: string, status = 200) => {
    const res = await call(cookie, 'GET', url);
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };
  const reportOf = async (cookie: string, id: string) =>
    (await get(cookie, `/api/reports/${id}`)).report as Report;

  beforeAll(async () => {
    ctx = await createTestApp(roomyLimits);
    call = caller(ctx);
    sys = await systemAdmin(ctx);
    org = await organization(ctx, sys);
    eventAdmin = await member(ctx, 'Eve Eventadmin', { twoFactor: true });
    responder = await member(ctx, 'Ron Responder');
    reporter = await member(ctx, 'Rae Reporter');
    stranger = await member(ctx, 'Sue Stranger');
    ev = await activeEvent(ctx, org);
    await addToTeam(ctx, org, ev.id, eventAdmin, 'event_admin');
    await addToTeam(ctx, org, ev.id, responder, 'responder');
    await addToTeam(ctx, org, ev.id, reporter, 'reporter');
  });
  afterAll(() => ctx.close());

  describe('submitting', () => {
    it('numbers reports per event, records history and audit, and shows the author their view', async () => {
      const first = await submitReport(ctx, ev.id, reporter.cookie, {
        contactPreference: 'phone',
        contactDetails: '+49 30 1234567',
        incidentAt: '2026-03-04T05:06:07+02:00',
        location: 'Hall B',
      });
      const second = await submitReport(ctx, ev.id, reporter.cookie);
      expect(second.number).toBe(first.number + 1);
      expect(first.followUpToken).toBeNull();
      const own = await reportOf(reporter.cookie, first.id);
      expect(own.view).toBe('own');
      expect(own.contactDetails).toBe('+49 30 1234567');
      expect(own).toMatchObject({ incidentAt: '2026-03-04T03:06:07.000Z', location: 'Hall B' });
      expect((await reportOf(reporter.cookie, second.id)).incidentAt).toBeNull();
      expect(own).not.toHaveProperty('severity');
      expect(own).not.toHaveProperty('assignees');
      expect(own.history).toEqual([expect.objectContaining({ toState: 'submitted' })]);
      const audit = await ctx.database.db
        .select()
        .from(auditEntries)
        .where(and(eq(auditEntries.action, 'report.submit'), eq(auditEntries.targetId, first.id)));
      expect(audit).toHaveLength(1);
      expect(audit[0]!.actorId).toBe(reporter.id);
      expect(JSON.stringify(audit[0]!.after)).not.toContain('appearance');
      const event = await get(eventAdmin.cookie, `/api/events/${ev.id}`);
      expect(event.event.slugLocked).toBe(true);
    });

    it('a retry with the same key returns the same report, never a second one', async () => {
      const body = {
        idempotencyKey: randomUUID(),
        title: 'Retry me',
        description: 'Flaky Wi-Fi',
        type: 'safety',
      };
      const url = `/api/events/${ev.id}/reports`;
      const results = await Promise.all(
        [1, 2, 3, 4].map(() => call(reporter.cookie, 'POST', url, body)),
      );
      const statuses = results.map((r) => r.statusCode).sort();
      expect(statuses).toEqual([200, 200, 200, 201]);
      const ids = new Set(results.map((r) => (r.json() as { report: { id: string } }).report.id));
      expect(ids.size).toBe(1);
      const rows = await ctx.database.db
        .select()
        .from(reports)
        .where(eq(reports.idempotencyKey, hashToken(body.idempotencyKey)));
      expect(rows).toHaveLength(1);
      // Someone else replaying the key gets nothing of it.
      await addToTeam(ctx, org, ev.id, stranger, 'reporter');
      const other = await call(stranger.cookie, 'POST', url, body);
      expect(other.statusCode, other.body).toBe(409);
      expect(other.body).not.toContain('Retry me');
    });

    it('checks the type against the event’s list and refuses anonymity where not offered', async () => {
      const url = `/api/events/${ev.id}/reports`;
      const base = { idempotencyKey: randomUUID(), title: 't', description: 'd' };
      const wrongType = await call(reporter.cookie, 'POST', url, { ...base, type: 'gossip' });
      expect(wrongType.statusCode).toBe(400);
      expect(wrongType.json().error.details[0].field).toBe('body.type');
      const anon = await call(reporter.cookie, 'POST', url, {
        ...base,
        type: 'Harassment',
        anonymous: true,
      });
      expect(anon.statusCode).toBe(400);
      expect(anon.json().error.details[0].field).toBe('body.anonymous');
      const signedOut = await call(null, 'POST', url, { ...base, type: 'other' });
      expect(signedOut.statusCode).toBe(403);
    });

    it('someone without a role may not report where only members do; another org’s event is 404', async () => {
      const outsider = await member(ctx, 'Otto Outsider');
      const res = await call(outsider.cookie, 'POST', `/api/events/${ev.id}/reports`, {
        idempotencyKey: randomUUID(),
        title: 't',
        description: 'd',
        type: 'other',
      });
      expect(res.statusCode).toBe(403);
      const missing = await call(reporter.cookie, 'POST', `/api/events/${randomUUID()}/reports`, {
        idempotencyKey: randomUUID(),
        title: 't',
        description: 'd',
        type: 'other',
      });
      expect(missing.statusCode).toBe(404);
    });

    it('anonymous reports get a follow-up link that opens them, derived again on a retry', async () => {
      const anonEvent = await activeEvent(ctx, org, { reportIntake: 'anonymous' });
      const key = randomUUID();
      const body = { idempotencyKey: key, title: 'Anon', description: 'Secret', type: 'other' };
      const first = await call(null, 'POST', `/api/events/${anonEvent.id}/reports`, body);
      expect(first.statusCode, first.body).toBe(201);
      const token = first.json().followUpToken as string;
      expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
      const again = await call(null, 'POST', `/api/events/${anonEvent.id}/reports`, body);
      expect(again.statusCode).toBe(200);
      expect(again.json().followUpToken).toBe(token);
      const row = (
        await ctx.database.db
          .select()
          .from(reports)
          .where(eq(reports.idempotencyKey, hashToken(key)))
      )[0]!;
      expect(row.authorId).toBeNull();
      expect(row.followUpTokenHash).not.toContain(token);
      const followUp = await call(null, 'GET', '/api/follow-up', undefined, {
        'x-follow-up-token': token,
      });
      expect(followUp.statusCode, followUp.body).toBe(200);
      expect(followUp.json().report).toMatchObject({ view: 'own', title: 'Anon', anonymous: true });
      // Without an account there is no address to write to: "email" (the default) means none.
      expect(followUp.json().report).toMatchObject({
        contactPreference: 'none',
        contactDetails: '',
      });
      const wrong = await call(null, 'GET', '/api/follow-up', undefined, {
        'x-follow-up-token': `${token.slice(0, -2)}xx`,
      });
      expect(wrong.statusCode).toBe(404);
      // A signed-in person may choose anonymity too: the report names nobody.
      // A phone number given by an anonymous reporter reaches the team (the form asks for it).
      const chosen = await submitReport(ctx, anonEvent.id, stranger.cookie, {
        anonymous: true,
        contactPreference: 'phone',
        contactDetails: '+49 30 5550199',
      });
      expect(chosen.followUpToken).toBeTruthy();
      const audit = await ctx.database.db
        .select()
        .from(auditEntries)
        .where(eq(auditEntries.targetId, chosen.id));
      expect(audit.map((a) => a.actorId)).toEqual([null]);
      const team = await reportOf(org.orgAdmin.cookie, chosen.id);
      expect(team.reporter).toBeNull();
      expect(team).toMatchObject({ contactPreference: 'phone', contactDetails: '+49 30 5550199' });
    });
  });

  describe('the workflow', () => {
    it('follows SPEC §9: an assignee before investigating, a note to resolve and to reopen', async () => {
      const { id } = await submitReport(ctx, ev.id, reporter.cookie);
      const move = (to: string, note?: string) =>
        call(responder.cookie, 'POST', `/api/reports/${id}/transitions`, { to, note });
      expect((await move('acknowledged')).statusCode).toBe(200);
      const noAssignee = await move('investigating');
      expect(noAssignee.statusCode).toBe(409);
      expect(noAssignee.json().error.code).toBe('invalid_state');
      const assign = await call(responder.cookie, 'POST', `/api/reports/${id}/assignees`, {
        userId: responder.id,
      });
      expect(assign.statusCode, assign.body).toBe(200);
      expect((await move('investigating')).statusCode).toBe(200);
      const noNote = await move('resolved');
      expect(noNote.statusCode).toBe(400);
      expect(noNote.json().error.details[0].field).toBe('body.note');
      expect((await move('resolved', 'Talked to both; a warning was given.')).statusCode).toBe(200);
      expect((await move('closed')).statusCode).toBe(200);
      expect((await move('resolved', 'again')).statusCode).toBe(409);
      expect((await move('acknowledged')).statusCode).toBe(400);
      const reopened = await move('acknowledged', 'New information arrived.');
      expect(reopened.statusCode).toBe(200);
      const report = reopened.json().report as Report;
      expect(report.history.filter((h) => h.kind === 'state').map((h) => h.toState)).toEqual([
        'acknowledged',
        'investigating',
        'resolved',
        'closed',
        'acknowledged',
      ]);
      expect(report.history.find((h) => h.toState === 'resolved')?.note).toContain('warning');
      // The author sees the states, not the team's notes.
      const own = await reportOf(reporter.cookie, id);
      expect(JSON.stringify(own)).not.toContain('warning');
      expect(own.history.map((h) => h.toState)).toEqual([
        'submitted',
        'acknowledged',
        'investigating',
        'resolved',
        'closed',
        'acknowledged',
      ]);
      // The author may not move it.
      const byAuthor = await call(reporter.cookie, 'POST', `/api/reports/${id}/transitions`, {
        to: 'resolved',
        note: 'x',
      });
      expect(byAuthor.statusCode).toBe(403);
    });

    it('assigns several people, only people of the event, and an assigned reporter sees that one report', async () => {
      const mine = await submitReport(ctx, ev.id, eventAdmin.cookie);
      const other = await submitReport(ctx, ev.id, eventAdmin.cookie);
      const helper = await member(ctx, 'Hal Helper');
      const notInEvent = await call(
        eventAdmin.cookie,
        'POST',
        `/api/reports/${mine.id}/assignees`,
        {
          userId: helper.id,
        },
      );
      expect(notInEvent.statusCode).toBe(400);
      await addToTeam(ctx, org, ev.id, helper, 'reporter');
      for (const who of [helper, responder]) {
        const res = await call(eventAdmin.cookie, 'POST', `/api/reports/${mine.id}/assignees`, {
          userId: who.id,
        });
        expect(res.statusCode, res.body).toBe(200);
      }
      const team = await reportOf(eventAdmin.cookie, mine.id);
      expect(team.assignees!.map((a) => a.id)).toEqual([helper.id, responder.id]);
      // Each assignment is in the history, naming the person (from the step's detail).
      const assigned = team.history.filter((h) => h.kind === 'assigned').map((h) => h.person);
      expect(assigned).toEqual([
        { id: helper.id, name: 'Hal Helper' },
        { id: responder.id, name: 'Ron Responder' },
      ]);
      const asAssignee = await reportOf(helper.cookie, mine.id);
      expect(asAssignee.view).toBe('team');
      expect(asAssignee.can.changeState).toBe(true);
      expect(asAssignee.can.assign).toBe(false);
      expect((await call(helper.cookie, 'GET', `/api/reports/${other.id}`)).statusCode).toBe(404);
      const unassign = await call(
        eventAdmin.cookie,
        'DELETE',
        `/api/reports/${mine.id}/assignees/${helper.id}`,
      );
      expect(unassign.statusCode).toBe(200);
      expect((await call(helper.cookie, 'GET', `/api/reports/${mine.id}`)).statusCode).toBe(404);
      // Assigned again, then removed from the event: the assignment no longer opens the report.
      await call(eventAdmin.cookie, 'POST', `/api/reports/${mine.id}/assignees`, {
        userId: helper.id,
      });
      expect((await call(helper.cookie, 'GET', `/api/reports/${mine.id}`)).statusCode).toBe(200);
      const removed = await call(
        org.orgAdmin.cookie,
        'DELETE',
        `/api/events/${ev.id}/team/${helper.id}`,
        {},
      );
      expect(removed.statusCode, removed.body).toBe(204);
      expect((await call(helper.cookie, 'GET', `/api/reports/${mine.id}`)).statusCode).toBe(404);
      const queue = await get(helper.cookie, `/api/events/${ev.id}/reports`);
      expect(queue.items.map((i: { id: string }) => i.id)).not.toContain(mine.id);
    });

    it('bulk changes go through the same rules, each report on its own', async () => {
      const a = await submitReport(ctx, ev.id, reporter.cookie);
      const b = await submitReport(ctx, ev.id, reporter.cookie);
      const otherEvent = await activeEvent(ctx, org);
      await addToTeam(ctx, org, otherEvent.id, reporter, 'reporter');
      const c = await submitReport(ctx, otherEvent.id, reporter.cookie);
      await call(responder.cookie, 'POST', `/api/reports/${b.id}/transitions`, {
        to: 'resolved',
        note: 'done',
      });
      const res = await call(responder.cookie, 'POST', `/api/events/${ev.id}/reports/bulk`, {
        reportIds: [a.id, b.id, c.id],
        action: { kind: 'state', to: 'acknowledged' },
      });
      expect(res.statusCode, res.body).toBe(200);
      const results = res.json().results as {
        id: string;
        ok: boolean;
        error: { code: string } | null;
      }[];
      expect(results.find((r) => r.id === a.id)).toMatchObject({ ok: true });
      expect(results.find((r) => r.id === b.id)?.error?.code).toBe('validation_failed');
      expect(results.find((r) => r.id === c.id)?.error?.code).toBe('not_found');
      expect((await reportOf(responder.cookie, a.id)).state).toBe('acknowledged');
      const assign = await call(responder.cookie, 'POST', `/api/events/${ev.id}/reports/bulk`, {
        reportIds: [a.id, b.id],
        action: { kind: 'assign', userId: responder.id },
      });
      expect(assign.json().results.every((r: { ok: boolean }) => r.ok)).toBe(true);
      const byReporter = await call(reporter.cookie, 'POST', `/api/events/${ev.id}/reports/bulk`, {
        reportIds: [a.id],
        action: { kind: 'state', to: 'closed' },
      });
      // Bulk changes are the team's tool: a reporter is refused before any report is read.
      expect(byReporter.statusCode).toBe(403);
    });

    it('edits fields under the per-field rules, audited without the text', async () => {
      const { id } = await submitReport(ctx, ev.id, reporter.cookie);
      const patch = (cookie: string, body: object) =>
        call(cookie, 'PATCH', `/api/reports/${id}`, body);
      expect((await patch(reporter.cookie, { title: 'Better title' })).statusCode).toBe(200);
      expect((await patch(reporter.cookie, { severity: 'high' })).statusCode).toBe(403);
      expect((await patch(responder.cookie, { title: 'Nope' })).statusCode).toBe(403);
      expect((await patch(responder.cookie, { contactDetails: 'x' })).statusCode).toBe(403);
      const severity = await patch(responder.cookie, { severity: 'high', location: 'Hall B' });
      expect(severity.statusCode, severity.body).toBe(200);
      expect(severity.json().report).toMatchObject({ severity: 'high', location: 'Hall B' });
      const steps = severity.json().report.history as { kind: string }[];
      expect(steps.filter((h) => h.kind === 'severity')).toEqual([
        expect.objectContaining({ fromSeverity: null, toSeverity: 'high' }),
      ]);
      expect((await patch(stranger.cookie, { title: 'x' })).statusCode).toBe(404);
      const audit = await ctx.database.db
        .select()
        .from(auditEntries)
        .where(and(eq(auditEntries.action, 'report.update'), eq(auditEntries.targetId, id)))
        .orderBy(auditEntries.occurredAt);
      expect(audit.map((a) => a.after)).toEqual([
        { title: 'changed' },
        { severity: 'high', location: 'changed' },
      ]);
    });
  });

  describe('lists, views and exports', () => {
    it('the queue filters, sorts, pages and counts by state; reporters see their own only', async () => {
      const fresh = await activeEvent(ctx, org);
      await addToTeam(ctx, org, fresh.id, reporter, 'reporter');
      await addToTeam(ctx, org, fresh.id, responder, 'responder');
      const one = await submitReport(ctx, fresh.id, reporter.cookie, { title: 'Broken chair' });
      await submitReport(ctx, fresh.id, org.orgAdmin.cookie, {
        title: 'Loud shouting in hall',
        type: 'safety',
      });
      await call(responder.cookie, 'POST', `/api/reports/${one.id}/transitions`, {
        to: 'acknowledged',
      });
      const q = (cookie: string, query: string) =>
        get(cookie, `/api/events/${fresh.id}/reports?${query}`);
      const all = await q(responder.cookie, '');
      expect(all.total).toBe(2);
      expect(all.counts).toMatchObject({ submitted: 1, acknowledged: 1 });
      expect(
        (await q(responder.cookie, 'state=acknowledged')).items.map((i: { id: string }) => i.id),
      ).toEqual([one.id]);
      // The filtered total counts the states asked for, each once; an unknown state, none.
      for (const [query, total] of [
        ['state=acknowledged', 1],
        ['state=acknowledged,acknowledged', 1],
        ['state=submitted,acknowledged', 2],
        ['state=closed', 0],
        ['state=nonsense', 0],
      ] as const) {
        expect((await q(responder.cookie, query)).total, query).toBe(total);
      }
      const searched = await q(responder.cookie, 'q=shouting');
      expect(searched.items.map((i: { title: string }) => i.title)).toEqual([
        'Loud shouting in hall',
      ]);
      expect(searched.counts.acknowledged).toBe(0);
      expect((await q(responder.cookie, 'type=safety')).total).toBe(1);
      expect((await q(responder.cookie, 'sort=number&pageSize=1')).items[0].number).toBe(1);
      const second = await q(responder.cookie, 'sort=number&pageSize=1&page=2');
      expect(second.items.map((i: { number: number }) => i.number)).toEqual([2]);
      // Past the last page: no items, but the totals and counts are still there.
      const past = await q(responder.cookie, 'sort=number&pageSize=1&page=3');
      expect(past.items).toEqual([]);
      expect(past.total).toBe(2);
      expect(past.counts).toMatchObject({ submitted: 1, acknowledged: 1 });
      const mineFirst = await get(reporter.cookie, '/api/me/reports?pageSize=1');
      expect(mineFirst.items).toHaveLength(1);
      const minePast = await get(
        reporter.cookie,
        `/api/me/reports?pageSize=1&page=${mineFirst.total + 1}`,
      );
      expect(minePast).toMatchObject({ items: [], total: mineFirst.total });
      expect((await q(responder.cookie, 'assignee=none')).total).toBe(2);
      const own = await q(reporter.cookie, '');
      expect(own.items.map((i: { id: string }) => i.id)).toEqual([one.id]);
      expect(own.items[0].severity).toBeNull();
      expect(
        (await call(stranger.cookie, 'GET', `/api/events/${fresh.id}/reports`)).statusCode,
      ).toBe(200);
      expect((await q(stranger.cookie, '')).total).toBe(0);
      const mine = await get(reporter.cookie, '/api/me/reports');
      expect(mine.items.some((i: { id: string }) => i.id === one.id)).toBe(true);
      const dash = await get(responder.cookie, '/api/me/responder-dashboard');
      const entry = dash.events.find((e: { id: string }) => e.id === fresh.id);
      expect(entry.counts).toMatchObject({ submitted: 1, acknowledged: 1 });
      expect(entry.unassigned).toBe(2);
      expect((await get(reporter.cookie, '/api/me/responder-dashboard')).events).toEqual([]);
    });

    it('the author learns nothing of the triage through filters or sorts', async () => {
      const fresh = await activeEvent(ctx, org);
      await addToTeam(ctx, org, fresh.id, reporter, 'reporter');
      await addToTeam(ctx, org, fresh.id, responder, 'responder');
      const { id } = await submitReport(ctx, fresh.id, reporter.cookie);
      await call(responder.cookie, 'PATCH', `/api/reports/${id}`, {
        severity: 'critical',
        followUp: true,
      });
      await call(responder.cookie, 'POST', `/api/reports/${id}/assignees`, {
        userId: responder.id,
      });
      const q = (cookie: string, query: string) =>
        get(cookie, `/api/events/${fresh.id}/reports?${query}`);
      for (const query of [
        'severity=critical',
        'severity=low',
        'severity=none',
        'followUp=true',
        'followUp=false',
        `assignee=${responder.id}`,
        'assignee=none',
      ]) {
        expect((await q(reporter.cookie, query)).total, query).toBe(0);
      }
      expect((await q(reporter.cookie, '')).total).toBe(1);
      expect((await q(responder.cookie, 'severity=critical')).total).toBe(1);
      // A removed assignee no longer counts: the report is unassigned again.
      await call(org.orgAdmin.cookie, 'DELETE', `/api/events/${fresh.id}/team/${responder.id}`, {});
      const unassigned = await q(org.orgAdmin.cookie, 'assignee=none');
      expect(unassigned.items.map((i: { id: string }) => i.id)).toEqual([id]);
      expect(unassigned.items[0].assignees).toEqual([]);
    });

    it('answers bad input with 400, never 500', async () => {
      const url = `/api/events/${ev.id}/reports`;
      const base = { title: 't', description: 'd', type: 'other' };
      const nul = await call(reporter.cookie, 'POST', url, {
        ...base,
        idempotencyKey: randomUUID(),
        title: 'a\u0000b',
      });
      expect(nul.statusCode).toBe(400);
      expect(nul.json().error.details[0].field).toBe('body.title');
      const weak = await call(reporter.cookie, 'POST', url, {
        ...base,
        idempotencyKey: 'aaaaaaaaaaaaaaaa',
      });
      expect(weak.statusCode).toBe(400);
      // A random UUID with few different characters, as one in 300,000 has: taken.
      const unlucky = await call(reporter.cookie, 'POST', url, {
        ...base,
        idempotencyKey: '11223344-5566-4711-8822-334455667788',
      });
      expect(unlucky.statusCode, unlucky.body).toBe(201);
      const farDate = await call(reporter.cookie, 'POST', url, {
        ...base,
        idempotencyKey: randomUUID(),
        incidentAt: '0000-01-01T00:00:00Z',
      });
      expect(farDate.statusCode).toBe(400);
      const farQuery = await call(responder.cookie, 'GET', `${url}?to=9999-12-31`);
      expect(farQuery.statusCode).toBeLessThan(500);
      const nulQuery = await call(responder.cookie, 'GET', `${url}?q=a%00b`);
      expect(nulQuery.statusCode).toBe(400);
    });

    it('every view goes into the access log, which only event admins read', async () => {
      const { id } = await submitReport(ctx, ev.id, reporter.cookie);
      await reportOf(responder.cookie, id);
      await reportOf(reporter.cookie, id);
      const log = await get(eventAdmin.cookie, `/api/reports/${id}/access-log`);
      expect(log.items.map((e: { viewer: { id: string } }) => e.viewer.id)).toEqual([
        reporter.id,
        responder.id,
      ]);
      expect(log.items[1].via).toContain('responder');
      expect(
        (await call(responder.cookie, 'GET', `/api/reports/${id}/access-log`)).statusCode,
      ).toBe(403);
      const rows = await ctx.database.db
        .select()
        .from(reportAccessLog)
        .where(eq(reportAccessLog.reportId, id));
      expect(rows.map((r) => r.what)).toEqual(['report', 'report']);
    });

    it('exports CSV for event admins only, safe for spreadsheets, logged per report', async () => {
      const fresh = await activeEvent(ctx, org);
      await addToTeam(ctx, org, fresh.id, reporter, 'reporter');
      await addToTeam(ctx, org, fresh.id, responder, 'responder');
      const { id } = await submitReport(ctx, fresh.id, reporter.cookie, {
        title: '=HYPERLINK("http://evil.example","click")',
        description: 'line one\nline two, with "quotes"',
      });
      const res = await call(org.orgAdmin.cookie, 'GET', `/api/events/${fresh.id}/reports.csv`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.headers['content-disposition']).toContain('attachment');
      expect(res.body).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
      expect(res.body).toContain(reporter.who.email);
      expect(
        (await call(responder.cookie, 'GET', `/api/events/${fresh.id}/reports.csv`)).statusCode,
      ).toBe(403);
      expect(
        (await call(stranger.cookie, 'GET', `/api/events/${fresh.id}/reports.csv`)).statusCode,
      ).toBe(403);
      const logged = await ctx.database.db
        .select()
        .from(reportAccessLog)
        .where(eq(reportAccessLog.reportId, id));
      expect(logged.map((l) => l.what)).toEqual(['export']);
    });

    it('deleting is for event admins, needs a reason, and hides the report everywhere', async () => {
      const { id } = await submitReport(ctx, ev.id, reporter.cookie);
      expect(
        (await call(responder.cookie, 'DELETE', `/api/reports/${id}`, { reason: 'dup' }))
          .statusCode,
      ).toBe(403);
      expect((await call(eventAdmin.cookie, 'DELETE', `/api/reports/${id}`, {})).statusCode).toBe(
        400,
      );
      expect(
        (
          await call(eventAdmin.cookie, 'DELETE', `/api/reports/${id}`, {
            reason: 'Duplicate of #1',
          })
        ).statusCode,
      ).toBe(204);
      expect((await call(eventAdmin.cookie, 'GET', `/api/reports/${id}`)).statusCode).toBe(404);
      expect((await call(reporter.cookie, 'GET', `/api/reports/${id}`)).statusCode).toBe(404);
      const audit = await ctx.database.db
        .select()
        .from(auditEntries)
        .where(and(eq(auditEntries.action, 'report.delete'), eq(auditEntries.targetId, id)))
        .orderBy(auditEntries.occurredAt);
      expect(audit.map((a) => [a.outcome, a.actorId])).toEqual([
        ['denied', responder.id],
        ['success', eventAdmin.id],
      ]);
      expect(audit[1]?.reason).toBe('Duplicate of #1');
    });

    it('saved filters belong to their person and event', async () => {
      const url = `/api/events/${ev.id}/report-filters`;
      const saved = await call(responder.cookie, 'POST', url, {
        name: 'Urgent',
        query: { severity: 'high,critical', state: 'submitted' },
      });
      expect(saved.statusCode, saved.body).toBe(200);
      const id = saved.json().filter.id as string;
      expect((await get(responder.cookie, url)).items).toHaveLength(1);
      expect((await get(eventAdmin.cookie, url)).items).toHaveLength(0);
      expect((await call(eventAdmin.cookie, 'DELETE', `${url}/${id}`)).statusCode).toBe(404);
      expect((await call(responder.cookie, 'DELETE', `${url}/${id}`)).statusCode).toBe(204);
    });
  });
});
