import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.js';
import { createTestApp, type TestContext } from './support/app.js';
import { roomyLimits } from './support/accounts.js';
import { outboxMessages } from './support/outbox.js';
import { activeEvent, addToTeam, submitReport } from './support/reports.js';
import {
  caller,
  current,
  member,
  organization,
  systemAdmin,
  type OrgFixture,
  type Signed,
} from './support/structure.js';

type Notification = {
  id: string;
  kind: string;
  title: string;
  link: string;
  readAt: string | null;
};

/** Reads a server-sent event stream; `next()` waits for the next `unread` event's data. */
function openStream(port: number, cookie: string) {
  const queued: unknown[] = [];
  const waiting: ((value: unknown) => void)[] = [];
  let response: IncomingMessage | undefined;
  const req = httpRequest({
    host: '127.0.0.1',
    port,
    path: '/api/notifications/stream',
    headers: { cookie, accept: 'text/event-stream' },
  });
  const ready = new Promise<number>((resolve) => {
    req.on('response', (res) => {
      response = res;
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!block.startsWith('event: unread') || !data) continue;
          const value: unknown = JSON.parse(data);
          const w = waiting.shift();
          if (w) w(value);
          else queued.push(value);
        }
      });
      resolve(res.statusCode ?? 0);
    });
  });
  req.end();
  return {
    ready,
    next: (timeoutMs = 5000) =>
      new Promise<{ unread: number; latest: Notification | null }>((resolve, reject) => {
        if (queued.length) return resolve(queued.shift() as never);
        const timer = setTimeout(() => reject(new Error('no event in time')), timeoutMs);
        waiting.push((v) => {
          clearTimeout(timer);
          resolve(v as never);
        });
      }),
    /** Whether an event arrives within `ms` (for "gets nothing"). */
    quietFor: async (ms: number) => {
      if (queued.length) return false;
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(got), 1);
          resolve(true);
        }, ms);
        const got = () => {
          clearTimeout(timer);
          resolve(false);
        };
        waiting.push(got);
      });
    },
    close: () => {
      response?.destroy();
      req.destroy();
    },
  };
}

describe('notifications', () => {
  let ctx: TestContext;
  let second: App;
  let call: ReturnType<typeof caller>;
  let org: OrgFixture;
  let eventAdmin: Signed;
  let responder: Signed;
  let assignedOnly: Signed;
  let reporter: Signed;
  let ev: { id: string; slug: string };
  let ports: [number, number];

  const list = async (who: Signed, query = '') => {
    const res = await call(who.cookie, 'GET', `/api/notifications${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Notification[]; unread: number; total: number };
  };

  beforeAll(async () => {
    ctx = await createTestApp(roomyLimits, { email: { worker: false } });
    call = caller(ctx);
    const sys = await systemAdmin(ctx);
    org = await organization(ctx, sys);
    eventAdmin = await member(ctx, 'Eve Eventadmin', { twoFactor: true });
    responder = await member(ctx, 'Ron Responder');
    assignedOnly = await member(ctx, 'Asa Assignedonly');
    reporter = await member(ctx, 'Rae Reporter');
    ev = await activeEvent(ctx, org);
    await addToTeam(ctx, org, ev.id, eventAdmin, 'event_admin');
    await addToTeam(ctx, org, ev.id, responder, 'responder');
    await addToTeam(ctx, org, ev.id, assignedOnly, 'reporter');
    await addToTeam(ctx, org, ev.id, reporter, 'reporter');
    // A second app process on the same database, as in a deployment with several processes.
    second = await buildApp({
      config: ctx.config,
      database: ctx.database,
      webRoot: fileURLToPath(new URL('./fixtures/web', import.meta.url)),
      email: { worker: false },
    });
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    await second.listen({ port: 0, host: '127.0.0.1' });
    ports = [
      (ctx.app.server.address() as AddressInfo).port,
      (second.server.address() as AddressInfo).port,
    ];
  });
  afterAll(async () => {
    await second.close();
    await ctx.close();
  });

  it('a new report tells the team the engine lets see it, in the app and by email', async () => {
    const { id } = await submitReport(ctx, ev.id, reporter.cookie, { title: 'Hallway incident' });
    for (const who of [eventAdmin, responder, org.orgAdmin]) {
      const { items, unread } = await list(who);
      expect(items[0]).toMatchObject({ kind: 'report.new', link: `/reports/${id}` });
      expect(items[0]!.title).toContain('Hallway incident');
      expect(unread).toBeGreaterThan(0);
    }
    // Not the reporter who sent it, nor a reporter of the event (they only heard of their role).
    const reportNotices = async (who: Signed) =>
      (await list(who)).items.filter((n) => n.kind.startsWith('report.'));
    expect(await reportNotices(reporter)).toEqual([]);
    expect(await reportNotices(assignedOnly)).toEqual([]);
    expect((await list(reporter)).items.map((n) => n.kind)).toEqual(['role.changed']);
    const mail = await outboxMessages(ctx.database.db, responder.who.email);
    const notice = mail.find((m) => m.kind === 'notification.report_new');
    expect(notice?.subject).not.toContain('Hallway incident');
    expect(notice?.textBody).toContain('Hallway incident');
    expect(notice?.textBody).toContain(`/reports/${id}`);
    expect(notice?.textBody).not.toContain(reporter.who.name);
  });

  it('what an email carries follows the event’s choice', async () => {
    const res = await call(org.orgAdmin.cookie, 'PATCH', `/api/events/${ev.id}`, {
      emailDetail: 'none',
    });
    expect(res.statusCode, res.body).toBe(200);
    await submitReport(ctx, ev.id, reporter.cookie, { title: 'Secret title words' });
    const mail = await outboxMessages(ctx.database.db, responder.who.email);
    const last = mail.filter((m) => m.kind === 'notification.report_new').at(-1)!;
    expect(`${last.subject}\n${last.textBody}\n${last.htmlBody}`).not.toContain('Secret title');
    // In the app, where it is safe, the title is shown.
    expect((await list(responder)).items[0]!.title).toContain('Secret title words');
    await call(org.orgAdmin.cookie, 'PATCH', `/api/events/${ev.id}`, { emailDetail: 'title' });
  });

  it('responderScope = assigned: responders hear of new reports only once assigned', async () => {
    const scoped = await activeEvent(ctx, org, { responderScope: 'assigned' });
    await addToTeam(ctx, org, scoped.id, responder, 'responder');
    await addToTeam(ctx, org, scoped.id, reporter, 'reporter');
    const before = (await list(responder)).total;
    const { id } = await submitReport(ctx, scoped.id, reporter.cookie);
    expect((await list(responder)).total).toBe(before);
    const assign = await call(org.orgAdmin.cookie, 'POST', `/api/reports/${id}/assignees`, {
      userId: responder.id,
    });
    expect(assign.statusCode, assign.body).toBe(200);
    expect((await list(responder)).items[0]).toMatchObject({ kind: 'report.assigned' });
  });

  it('state changes and replies reach the author; internal notes do not', async () => {
    const { id } = await submitReport(ctx, ev.id, reporter.cookie);
    const before = (await list(reporter)).total;
    await call(responder.cookie, 'POST', `/api/reports/${id}/comments`, {
      body: 'internal only',
      visibility: 'internal',
    });
    expect((await list(reporter)).total).toBe(before);
    await call(responder.cookie, 'POST', `/api/reports/${id}/transitions`, { to: 'acknowledged' });
    await call(responder.cookie, 'POST', `/api/reports/${id}/comments`, {
      body: 'Thank you, we are on it.',
      visibility: 'external',
    });
    const kinds = (await list(reporter)).items.slice(0, 2).map((n) => n.kind);
    expect(kinds).toEqual(['report.comment', 'report.state']);
  });

  it('a responder removed a second ago gets nothing, and loses what they had', async () => {
    const leaving = await member(ctx, 'Lee Leaving');
    await addToTeam(ctx, org, ev.id, leaving, 'responder');
    await submitReport(ctx, ev.id, reporter.cookie);
    expect((await list(leaving)).items.map((n) => n.kind)).toEqual(['report.new', 'role.changed']);
    const removed = await call(
      org.orgAdmin.cookie,
      'DELETE',
      `/api/events/${ev.id}/team/${leaving.id}`,
      {},
    );
    expect(removed.statusCode, removed.body).toBe(204);
    await submitReport(ctx, ev.id, reporter.cookie);
    const after = await list(leaving);
    // The earlier notice is about a report they may no longer see: it is not listed either.
    // What remains is about their roles: added, then removed.
    expect(after.items.map((n) => n.kind)).toEqual(['role.changed', 'role.changed']);
    expect(after.items[0]!.link).toBe('/');
  });

  it('preferences turn a channel off per type', async () => {
    const put = await call(responder.cookie, 'PUT', '/api/account/notification-preferences', {
      items: [
        { kind: 'report.new', inApp: false, email: false },
        { kind: 'invitation', inApp: true, email: false },
      ],
    });
    expect(put.statusCode, put.body).toBe(200);
    const items = put.json().items as { kind: string; inApp: boolean; email: boolean }[];
    expect(items.find((i) => i.kind === 'report.new')).toMatchObject({
      inApp: false,
      email: false,
    });
    // An invitation's email is the invitation: it cannot be turned off.
    expect(items.find((i) => i.kind === 'invitation')).toMatchObject({ email: true });
    const mailBefore = (await outboxMessages(ctx.database.db, responder.who.email)).length;
    const countBefore = (await list(responder)).total;
    await submitReport(ctx, ev.id, reporter.cookie);
    expect((await list(responder)).total).toBe(countBefore);
    expect((await outboxMessages(ctx.database.db, responder.who.email)).length).toBe(mailBefore);
    await call(responder.cookie, 'PUT', '/api/account/notification-preferences', {
      items: [{ kind: 'report.new', inApp: true, email: true }],
    });
  });

  it('marks one and all read', async () => {
    await submitReport(ctx, ev.id, reporter.cookie);
    const { items, unread } = await list(eventAdmin, '?unread=true');
    expect(unread).toBeGreaterThan(1);
    const one = await call(eventAdmin.cookie, 'POST', `/api/notifications/${items[0]!.id}/read`);
    expect(one.statusCode).toBe(200);
    expect(one.json().notification.readAt).not.toBeNull();
    expect((await list(eventAdmin)).unread).toBe(unread - 1);
    const theirs = await call(responder.cookie, 'POST', `/api/notifications/${items[0]!.id}/read`);
    expect(theirs.statusCode).toBe(404);
    await call(eventAdmin.cookie, 'POST', '/api/notifications/read-all');
    expect((await list(eventAdmin)).unread).toBe(0);
  });

  it('streams live to the right person only, from either app process', async () => {
    // Any rotated session is settled first (a role change rotates it on the next read).
    await list(responder);
    await list(reporter);
    const mine = openStream(ports[1], current(responder.cookie));
    const theirs = openStream(ports[0], current(reporter.cookie));
    expect(await mine.ready).toBe(200);
    expect(await theirs.ready).toBe(200);
    const first = await mine.next();
    await theirs.next();
    // The report goes in through the first process; the stream is on the second.
    const { id } = await submitReport(ctx, ev.id, reporter.cookie, { title: 'Live one' });
    const live = await mine.next();
    expect(live.unread).toBe(first.unread + 1);
    expect(live.latest).toMatchObject({ kind: 'report.new', link: `/reports/${id}` });
    expect(await theirs.quietFor(500)).toBe(true);
    mine.close();
    theirs.close();
    const anonymous = await call(null, 'GET', '/api/notifications/stream');
    expect(anonymous.statusCode).toBe(401);
  });
});
