import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { auditEntries, webhookDeliveries, webhooks } from '../src/db/schema/index.js';
import { deliverDueWebhooks } from '../src/modules/webhooks/worker.js';
import { postWebhook, guardedLookup } from '../src/modules/webhooks/send.js';
import { urlPolicyFor, urlProblem } from '../src/modules/webhooks/url-policy.js';
import { loadConfig } from '../src/config.js';
import { insertDeliveries } from '../src/modules/webhooks/repository.js';
import { createTestApp, type TestContext } from './support/app.js';
import { roomyLimits } from './support/accounts.js';
import { activeEvent, addToTeam, submitReport } from './support/reports.js';
import {
  caller,
  event,
  member,
  organization,
  systemAdmin,
  type OrgFixture,
  type Signed,
} from './support/structure.js';

// A real receiver on 127.0.0.1 and the app's real delivery worker, with short waits.
const fast = {
  ...roomyLimits,
  PUBLIC_URL: 'https://steward.example.org',
  WEBHOOK_POLL_MS: '40',
  WEBHOOK_RETRY_BASE_MS: '40',
  WEBHOOK_RETRY_MAX_MS: '80',
  WEBHOOK_MAX_ATTEMPTS: '3',
  WEBHOOK_TIMEOUT_MS: '2000',
};

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** An HTTP server that keeps every request and answers what `answer` says for its path. */
async function startReceiver() {
  const received: Received[] = [];
  const answers = new Map<string, () => number>();
  let delayMs = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      setTimeout(() => {
        res.statusCode = answers.get(path)?.() ?? 200;
        res.end('ok');
      }, delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    at: (path: string) => received.filter((r) => r.path === path),
    all: () => received,
    answer(path: string, fn: () => number) {
      answers.set(path, fn);
    },
    slow(ms: number) {
      delayMs = ms;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Waits until `check` holds (it is polled), or fails after `ms`. */
async function until(check: () => boolean | Promise<boolean>, ms = 5000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface WebhookView {
  id: string;
  format: string;
  url: string;
  enabled: boolean;
  signed: boolean;
  deliveries: {
    id: string;
    kind: string;
    status: string;
    attempts: number;
    lastStatus: number | null;
  }[];
}

describe('webhooks', () => {
  let ctx: TestContext;
  let call: ReturnType<typeof caller>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let org: OrgFixture;
  let eventAdmin: Signed;
  let responder: Signed;
  let reporter: Signed;
  let stranger: Signed;

  /** A fresh active event with the team above. */
  async function freshEvent() {
    const ev = await activeEvent(ctx, org);
    await addToTeam(ctx, org, ev.id, eventAdmin, 'event_admin');
    await addToTeam(ctx, org, ev.id, responder, 'responder');
    await addToTeam(ctx, org, ev.id, reporter, 'reporter');
    return ev;
  }

  async function addWebhook(
    eventId: string,
    body: { format: string; url: string; description?: string },
  ) {
    const res = await call(eventAdmin.cookie, 'POST', `/api/events/${eventId}/webhooks`, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { webhook: WebhookView; secret: string | null };
  }

  const deliveriesOf = (webhookId: string) =>
    ctx.database.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.webhookId, webhookId));

  beforeAll(async () => {
    receiver = await startReceiver();
    ctx = await createTestApp(fast);
    call = caller(ctx);
    const sys = await systemAdmin(ctx);
    org = await organization(ctx, sys);
    eventAdmin = await member(ctx, 'Eve Eventadmin', { twoFactor: true });
    responder = await member(ctx, 'Ron Responder');
    reporter = await member(ctx, 'Rae Reporter');
    stranger = await member(ctx, 'Sue Stranger');
  });
  afterAll(async () => {
    await ctx.close();
    await receiver.close();
  });

  describe('management', () => {
    let ev: { id: string };
    let hook: WebhookView;
    beforeAll(async () => {
      ev = await freshEvent();
      hook = (await addWebhook(ev.id, { format: 'slack', url: receiver.url('/mgmt') })).webhook;
    });

    it('asks who is there', async () => {
      const res = await call(null, 'GET', `/api/events/${ev.id}/webhooks`);
      expect(res.statusCode).toBe(401);
    });

    it('is not found for a stranger where the event is unpublished, forbidden where it is public', async () => {
      const draft = await event(ctx, org);
      const hidden = `/api/events/${draft.id}/webhooks`;
      expect((await call(stranger.cookie, 'GET', hidden)).statusCode).toBe(404);
      const post = await call(stranger.cookie, 'POST', hidden, {
        format: 'slack',
        url: receiver.url('/x'),
      });
      expect(post.statusCode).toBe(404);
      // The draft's admin may manage its webhooks already.
      expect((await call(org.orgAdmin.cookie, 'GET', hidden)).statusCode).toBe(200);
      // An active event's page is public: a stranger sees it, and may not touch its settings.
      const base = `/api/events/${ev.id}/webhooks`;
      expect((await call(stranger.cookie, 'GET', base)).statusCode).toBe(403);
      expect((await call(stranger.cookie, 'DELETE', `${base}/${hook.id}`)).statusCode).toBe(403);
    });

    it('is not found for another event’s webhook', async () => {
      const base = `/api/events/${ev.id}/webhooks`;
      const other = await freshEvent();
      const elsewhere = `/api/events/${other.id}/webhooks/${hook.id}`;
      expect(
        (await call(eventAdmin.cookie, 'PATCH', elsewhere, { enabled: false })).statusCode,
      ).toBe(404);
      expect((await call(eventAdmin.cookie, 'DELETE', elsewhere)).statusCode).toBe(404);
      expect((await call(eventAdmin.cookie, 'POST', `${elsewhere}/test`)).statusCode).toBe(404);
      expect((await call(eventAdmin.cookie, 'DELETE', `${base}/not-a-uuid`)).statusCode).toBe(404);
    });

    it('is forbidden to a responder, who sees the event but not its settings', async () => {
      const base = `/api/events/${ev.id}/webhooks`;
      expect((await call(responder.cookie, 'GET', base)).statusCode).toBe(403);
      const post = await call(responder.cookie, 'POST', base, {
        format: 'slack',
        url: receiver.url('/x'),
      });
      expect(post.statusCode).toBe(403);
      const patch = await call(responder.cookie, 'PATCH', `${base}/${hook.id}`, { enabled: false });
      expect(patch.statusCode).toBe(403);
      expect((await call(responder.cookie, 'POST', `${base}/${hook.id}/test`)).statusCode).toBe(
        403,
      );
      expect((await call(responder.cookie, 'DELETE', `${base}/${hook.id}`)).statusCode).toBe(403);
      const rows = await ctx.database.db.select().from(webhooks).where(eq(webhooks.id, hook.id));
      expect(rows[0]!.enabled).toBe(true);
    });

    it('lets the event admin (and the organization’s admin) list, change, test and remove, each audited', async () => {
      const created = await addWebhook(ev.id, {
        format: 'generic',
        url: receiver.url('/mgmt-generic?token=path-secret'),
        description: 'Our pager',
      });
      expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
      expect(created.webhook).toMatchObject({ format: 'generic', signed: true, enabled: true });
      const id = created.webhook.id;

      // The secret is shown once: no later answer carries it.
      const list = await call(org.orgAdmin.cookie, 'GET', `/api/events/${ev.id}/webhooks`);
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain(created.secret!);
      expect((list.json() as { items: WebhookView[] }).items.map((w) => w.id)).toEqual([
        hook.id,
        id,
      ]);

      const patched = await call(
        eventAdmin.cookie,
        'PATCH',
        `/api/events/${ev.id}/webhooks/${id}`,
        {
          description: 'Pager duty',
          enabled: false,
        },
      );
      expect(patched.statusCode, patched.body).toBe(200);
      expect(patched.json().webhook).toMatchObject({ description: 'Pager duty', enabled: false });
      expect(patched.body).not.toContain(created.secret!);

      // A disabled webhook takes no test.
      const refused = await call(
        eventAdmin.cookie,
        'POST',
        `/api/events/${ev.id}/webhooks/${id}/test`,
      );
      expect(refused.statusCode).toBe(409);
      await call(eventAdmin.cookie, 'PATCH', `/api/events/${ev.id}/webhooks/${id}`, {
        enabled: true,
      });
      const tested = await call(
        eventAdmin.cookie,
        'POST',
        `/api/events/${ev.id}/webhooks/${id}/test`,
      );
      expect(tested.statusCode, tested.body).toBe(202);
      await until(() => receiver.at('/mgmt-generic?token=path-secret').length === 1);
      const test = JSON.parse(receiver.at('/mgmt-generic?token=path-secret')[0]!.body);
      expect(test).toMatchObject({ type: 'webhook.test', event: { id: ev.id } });
      await until(async () => (await deliveriesOf(id)).every((d) => d.status === 'delivered'));
      const listed = (
        (await call(eventAdmin.cookie, 'GET', `/api/events/${ev.id}/webhooks`)).json() as {
          items: WebhookView[];
        }
      ).items.find((w) => w.id === id)!;
      expect(listed.deliveries).toEqual([
        expect.objectContaining({
          kind: 'webhook.test',
          status: 'delivered',
          attempts: 1,
          lastStatus: 200,
        }),
      ]);

      const removed = await call(
        eventAdmin.cookie,
        'DELETE',
        `/api/events/${ev.id}/webhooks/${id}`,
        {
          reason: 'Moved to Slack',
        },
      );
      expect(removed.statusCode, removed.body).toBe(204);
      expect(await deliveriesOf(id)).toEqual([]);

      const audit = await ctx.database.db
        .select()
        .from(auditEntries)
        .where(and(eq(auditEntries.targetType, 'webhook'), eq(auditEntries.targetId, id)))
        .orderBy(auditEntries.occurredAt);
      expect(audit.map((a) => a.action)).toEqual([
        'event.webhook.create',
        'event.webhook.update',
        'event.webhook.update',
        'event.webhook.test',
        'event.webhook.delete',
      ]);
      for (const entry of audit) {
        expect(entry).toMatchObject({ scopeType: 'event', scopeId: ev.id, outcome: 'success' });
        expect(entry.actorId).toBe(eventAdmin.id);
        // Neither the secret nor the URL's path and query (a Slack URL's credential) are kept.
        const text = JSON.stringify(entry);
        expect(text).not.toContain(created.secret!);
        expect(text).not.toContain('path-secret');
      }
      expect(audit[0]!.after).toMatchObject({ format: 'generic', description: 'Our pager' });
      expect(audit[1]!.before).toEqual({ description: 'Our pager', enabled: true });
      expect(audit[1]!.after).toEqual({ description: 'Pager duty', enabled: false });
      expect(audit[4]!.reason).toBe('Moved to Slack');
      // The responder's refusals were audited as denied.
      const denied = await ctx.database.db
        .select()
        .from(auditEntries)
        .where(and(eq(auditEntries.actorId, responder.id), eq(auditEntries.outcome, 'denied')));
      expect(denied.length).toBeGreaterThanOrEqual(5);
    });

    it('is described in the OpenAPI document', async () => {
      const res = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
      expect(res.statusCode).toBe(200);
      const paths = (res.json() as { paths: Record<string, unknown> }).paths;
      expect(Object.keys(paths)).toEqual(
        expect.arrayContaining([
          '/api/events/{eventId}/webhooks',
          '/api/events/{eventId}/webhooks/{webhookId}',
          '/api/events/{eventId}/webhooks/{webhookId}/test',
        ]),
      );
    });

    it('validates the body', async () => {
      const base = `/api/events/${ev.id}/webhooks`;
      const bad = await call(eventAdmin.cookie, 'POST', base, {
        format: 'teams',
        url: receiver.url('/x'),
      });
      expect(bad.statusCode).toBe(400);
      const extra = await call(eventAdmin.cookie, 'POST', base, {
        format: 'generic',
        url: receiver.url('/x'),
        secret: 'mine',
      });
      expect(extra.statusCode).toBe(400);
    });
  });

  describe('where a webhook may point (SSRF)', () => {
    let ev: { id: string };
    beforeAll(async () => {
      ev = await freshEvent();
    });

    it.each([
      ['http://example.org/hook', 'Use an https:// address'],
      ['ftp://example.org/hook', 'Use an https:// address'],
      ['https://10.0.0.5/hook', 'private network'],
      ['https://172.20.1.1/hook', 'private network'],
      ['https://192.168.1.10/hook', 'private network'],
      ['https://169.254.169.254/latest/meta-data', 'private network'],
      ['https://100.64.0.1/', 'private network'],
      ['https://0.0.0.0/', 'private network'],
      ['https://[fd00::1]/hook', 'private network'],
      ['https://[fe80::1]/hook', 'private network'],
      ['https://[::ffff:10.0.0.1]/hook', 'private network'],
      ['https://user:pw@hooks.example.org/', 'user name and password'],
      ['https://intranet/hook', 'full host name'],
      ['not a url', 'full web address'],
    ])('refuses %s', async (url, message) => {
      const res = await call(eventAdmin.cookie, 'POST', `/api/events/${ev.id}/webhooks`, {
        format: 'generic',
        url,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details[0]).toMatchObject({ field: 'body.url' });
      expect(res.json().error.details[0].message).toContain(message);
    });

    it('refuses such an address in a change too', async () => {
      const { webhook } = await addWebhook(ev.id, {
        format: 'discord',
        url: receiver.url('/ssrf'),
      });
      const res = await call(
        eventAdmin.cookie,
        'PATCH',
        `/api/events/${ev.id}/webhooks/${webhook.id}`,
        {
          url: 'https://192.168.0.1/',
        },
      );
      expect(res.statusCode).toBe(400);
    });

    it('allows a loopback receiver only where allowed (tests, or WEBHOOK_ALLOW_LOOPBACK)', () => {
      const production = urlPolicyFor({ allowLoopback: false });
      expect(loadConfig({ NODE_ENV: 'development' }).webhooks.allowLoopback).toBe(false);
      expect(loadConfig({ NODE_ENV: 'test' }).webhooks.allowLoopback).toBe(true);
      expect(
        loadConfig({ NODE_ENV: 'production', WEBHOOK_ALLOW_LOOPBACK: 'true' }).webhooks
          .allowLoopback,
      ).toBe(true);
      for (const policy of [urlPolicyFor({ allowLoopback: true })]) {
        expect(urlProblem('http://127.0.0.1:8080/hook', policy)).toBeNull();
        expect(urlProblem('http://localhost:8080/hook', policy)).toBeNull();
      }
      expect(urlProblem('http://127.0.0.1:8080/hook', production)).toMatch(/https/);
      expect(urlProblem('https://127.0.0.1/hook', production)).toMatch(/server itself/);
      expect(urlProblem('https://localhost/hook', production)).toMatch(/server itself/);
      expect(urlProblem('https://[::1]/hook', production)).toMatch(/server itself/);
      expect(urlProblem('https://api.localhost/hook', production)).toMatch(/server itself/);
      expect(urlProblem('https://hooks.slack.com/services/T0/B0/x', production)).toBeNull();
      expect(urlProblem('https://93.184.215.14/hook', production)).toBeNull();
    });

    it('refuses, in production, to connect where a name resolves to a non-public address', async () => {
      const production = urlPolicyFor({ allowLoopback: false });
      // `vm` or `runsc` would do as well; `localhost` resolves to loopback everywhere.
      const refused = await new Promise<Error | null>((resolve) =>
        guardedLookup(production)('localhost', { family: 0 }, (error) => resolve(error)),
      );
      expect(refused?.message).toMatch(/non-public address/);
      const allowed = await new Promise<Error | null>((resolve) =>
        guardedLookup(urlPolicyFor({ allowLoopback: true }))('localhost', { family: 0 }, (error) =>
          resolve(error),
        ),
      );
      expect(allowed).toBeNull();
      // And a URL that got into the table some other way is refused at sending, unsent.
      const before = receiver.all().length;
      const sent = await postWebhook(
        receiver.url('/forged'),
        '{}',
        {},
        {
          timeoutMs: 1000,
          policy: production,
        },
      );
      expect(sent).toMatchObject({ ok: false, status: null });
      expect(sent.error).toMatch(/^refused/);
      expect(receiver.all().length).toBe(before);
    });
  });

  describe('delivery of a new report', () => {
    it('sends Slack, Discord and signed generic payloads with no reporter identity or text', async () => {
      const ev = await freshEvent();
      const slack = await addWebhook(ev.id, { format: 'slack', url: receiver.url('/r-slack') });
      const discord = await addWebhook(ev.id, {
        format: 'discord',
        url: receiver.url('/r-discord'),
      });
      const generic = await addWebhook(ev.id, {
        format: 'generic',
        url: receiver.url('/r-generic'),
      });
      const off = await addWebhook(ev.id, { format: 'slack', url: receiver.url('/r-off') });
      await call(eventAdmin.cookie, 'PATCH', `/api/events/${ev.id}/webhooks/${off.webhook.id}`, {
        enabled: false,
      });

      // Someone whose every detail is easy to find in a payload.
      const marker = randomUUID().slice(0, 8);
      const author = await member(ctx, `Zelda Quillfeather${marker}`);
      await addToTeam(ctx, org, ev.id, author, 'reporter');
      const submitted = await submitReport(ctx, ev.id, author.cookie, {
        title: `Title-${marker}`,
        description: `Description-${marker} with details no webhook may carry`,
        location: `Room-${marker}`,
        parties: `Party-${marker}`,
        contactPreference: 'phone',
        contactDetails: `+49-${marker}`,
      });

      await until(
        () =>
          receiver.at('/r-slack').length === 1 &&
          receiver.at('/r-discord').length === 1 &&
          receiver.at('/r-generic').length === 1,
      );
      const reportUrl = `https://steward.example.org/reports/${submitted.id}`;
      const bodies = ['/r-slack', '/r-discord', '/r-generic'].map((p) => receiver.at(p)[0]!);
      for (const got of bodies) {
        const everything = got.body + JSON.stringify(got.headers);
        for (const secret of [
          author.who.name,
          'Quillfeather',
          author.who.email,
          author.id,
          `Title-${marker}`,
          `Description-${marker}`,
          `Room-${marker}`,
          `Party-${marker}`,
          `+49-${marker}`,
        ]) {
          expect(everything).not.toContain(secret);
        }
        expect(got.body).toContain(reportUrl);
        expect(got.headers['content-type']).toBe('application/json');
        expect(got.headers['x-steward-event']).toBe('report.submitted');
      }

      const slackBody = JSON.parse(bodies[0]!.body);
      expect(slackBody.text).toContain(`New report #${submitted.number}`);
      expect(slackBody.blocks).toEqual(expect.any(Array));
      const discordBody = JSON.parse(bodies[1]!.body);
      expect(discordBody.content).toContain(`#${submitted.number}`);
      expect(discordBody.embeds[0]).toMatchObject({ url: reportUrl });
      expect(discordBody.allowed_mentions).toEqual({ parse: [] });

      // The generic payload, and its signature checked as a receiver would, with the shown secret.
      const raw = bodies[2]!;
      const deliveryId = raw.headers['x-steward-delivery'] as string;
      expect(JSON.parse(raw.body)).toEqual({
        type: 'report.submitted',
        id: deliveryId,
        occurredAt: expect.any(String),
        event: { id: ev.id, name: expect.any(String), slug: ev.slug },
        report: {
          id: submitted.id,
          number: submitted.number,
          type: 'harassment',
          severity: null,
          anonymous: false,
          submittedAt: expect.any(String),
          url: reportUrl,
        },
      });
      const header = raw.headers['x-steward-signature'] as string;
      const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
      expect(match).not.toBeNull();
      const [, t, v1] = match!;
      expect(Math.abs(Date.now() / 1000 - Number(t))).toBeLessThan(300);
      const expected = createHmac('sha256', generic.secret!).update(`${t}.${raw.body}`).digest();
      expect(timingSafeEqual(expected, Buffer.from(v1!, 'hex'))).toBe(true);
      const tampered = createHmac('sha256', generic.secret!).update(`${t}.${raw.body} `).digest();
      expect(timingSafeEqual(tampered, Buffer.from(v1!, 'hex'))).toBe(false);
      // Slack and Discord URLs carry their own credential: they are not signed.
      expect(bodies[0]!.headers['x-steward-signature']).toBeUndefined();

      // The disabled webhook got nothing, and nothing waits for it.
      await pause(200);
      expect(receiver.at('/r-off')).toEqual([]);
      expect(await deliveriesOf(off.webhook.id)).toEqual([]);
      for (const h of [slack, discord, generic]) {
        const rows = await deliveriesOf(h.webhook.id);
        expect(rows).toEqual([
          expect.objectContaining({ status: 'delivered', attempts: 1, lastStatus: 200 }),
        ]);
      }
    });

    it('says an anonymous report is anonymous, and nothing more', async () => {
      const ev = await activeEvent(ctx, org, { reportIntake: 'anonymous' });
      await addToTeam(ctx, org, ev.id, eventAdmin, 'event_admin');
      await addWebhook(ev.id, { format: 'generic', url: receiver.url('/r-anon') });
      const submitted = await submitReport(ctx, ev.id, null, {
        contactPreference: 'phone',
        contactDetails: '+49 30 999999',
      });
      await until(() => receiver.at('/r-anon').length === 1);
      const body = receiver.at('/r-anon')[0]!.body;
      expect(JSON.parse(body).report).toMatchObject({ id: submitted.id, anonymous: true });
      expect(body).not.toContain('999999');
      expect(body).not.toContain(submitted.followUpToken!);
    });

    it('retries after failures until a success, and then stops', async () => {
      const ev = await freshEvent();
      let calls = 0;
      receiver.answer('/r-flaky', () => (++calls <= 2 ? 500 : 204));
      const { webhook } = await addWebhook(ev.id, {
        format: 'slack',
        url: receiver.url('/r-flaky'),
      });
      await submitReport(ctx, ev.id, reporter.cookie);
      await until(async () => (await deliveriesOf(webhook.id))[0]?.status === 'delivered');
      expect(receiver.at('/r-flaky')).toHaveLength(3);
      // The same body each time.
      expect(new Set(receiver.at('/r-flaky').map((r) => r.body)).size).toBe(1);
      await pause(400); // several polls and retry delays
      expect(receiver.at('/r-flaky')).toHaveLength(3);
      const [row] = await deliveriesOf(webhook.id);
      expect(row).toMatchObject({
        status: 'delivered',
        attempts: 3,
        lastStatus: 204,
        lastError: null,
      });
    });

    it('marks a delivery failed after the last attempt, and sends no more', async () => {
      const ev = await freshEvent();
      receiver.answer('/r-down', () => 503);
      const { webhook } = await addWebhook(ev.id, {
        format: 'discord',
        url: receiver.url('/r-down'),
      });
      await submitReport(ctx, ev.id, reporter.cookie);
      await until(async () => (await deliveriesOf(webhook.id))[0]?.status === 'failed');
      await pause(400);
      expect(receiver.at('/r-down')).toHaveLength(3);
      const [row] = await deliveriesOf(webhook.id);
      expect(row).toMatchObject({ status: 'failed', attempts: 3, lastStatus: 503 });
      expect(row!.lastError).toMatch(/^HTTP 503/);
      const listed = (
        await call(eventAdmin.cookie, 'GET', `/api/events/${ev.id}/webhooks`)
      ).json() as {
        items: WebhookView[];
      };
      expect(listed.items[0]!.deliveries[0]).toMatchObject({ status: 'failed', attempts: 3 });
    });

    it('counts an unreachable receiver as a failure to retry', async () => {
      const ev = await freshEvent();
      // Port 9 (discard) on loopback: nothing listens.
      const { webhook } = await addWebhook(ev.id, {
        format: 'generic',
        url: 'http://127.0.0.1:9/none',
      });
      await submitReport(ctx, ev.id, reporter.cookie);
      await until(async () => (await deliveriesOf(webhook.id))[0]?.status === 'failed');
      const [row] = await deliveriesOf(webhook.id);
      expect(row!.lastStatus).toBeNull();
      expect(row!.lastError).toMatch(/ECONNREFUSED/);
    });
  });

  describe('several deliverers', () => {
    it('never deliver one delivery twice', async () => {
      const ev = await freshEvent();
      const { webhook } = await addWebhook(ev.id, {
        format: 'generic',
        url: receiver.url('/r-many'),
      });
      receiver.slow(5);
      const event = { id: ev.id, name: 'Many', slug: ev.slug };
      const rows = Array.from({ length: 30 }, () => ({
        id: randomUUID(),
        webhookId: webhook.id,
        kind: 'webhook.test',
        payload: { kind: 'webhook.test' as const, occurredAt: new Date().toISOString(), event },
      }));
      await insertDeliveries(ctx.database.db, rows);
      const opts = {
        publicUrl: ctx.config.publicUrl,
        policy: urlPolicyFor({ allowLoopback: true }),
        batchSize: 4,
        timeoutMs: 2000,
      };
      try {
        // Two deliverers at once, besides the app's own worker polling the same database.
        await Promise.all([
          deliverDueWebhooks(ctx.database.db, opts),
          deliverDueWebhooks(ctx.database.db, opts),
        ]);
        await until(async () =>
          (await deliveriesOf(webhook.id)).every((d) => d.status === 'delivered'),
        );
      } finally {
        receiver.slow(0);
      }
      const ids = receiver.at('/r-many').map((r) => r.headers['x-steward-delivery']);
      expect(ids).toHaveLength(30);
      expect(new Set(ids)).toEqual(new Set(rows.map((r) => r.id)));
      const attempts = await ctx.database.db
        .select({ attempts: webhookDeliveries.attempts })
        .from(webhookDeliveries)
        .where(
          inArray(
            webhookDeliveries.id,
            rows.map((r) => r.id),
          ),
        );
      expect(attempts.every((a) => a.attempts === 1)).toBe(true);
    });

    it('take up a delivery whose worker died once its lease lapses', async () => {
      const ev = await freshEvent();
      const { webhook } = await addWebhook(ev.id, {
        format: 'slack',
        url: receiver.url('/r-lease'),
      });
      const id = randomUUID();
      const leaseEnds = new Date(Date.now() + 60 * 60_000);
      // A worker claimed it and died before recording anything. In one transaction, so the app's
      // own worker never sees it due (it would deliver it at once).
      await ctx.database.db.transaction(async (tx) => {
        await insertDeliveries(tx, [
          {
            id,
            webhookId: webhook.id,
            kind: 'webhook.test',
            payload: {
              kind: 'webhook.test',
              occurredAt: new Date().toISOString(),
              event: { id: ev.id, name: 'Lease', slug: ev.slug },
            },
          },
        ]);
        await tx
          .update(webhookDeliveries)
          .set({ status: 'sending', attempts: 1, lockedUntil: leaseEnds })
          .where(eq(webhookDeliveries.id, id));
      });
      const opts = {
        publicUrl: ctx.config.publicUrl,
        policy: urlPolicyFor({ allowLoopback: true }),
      };
      expect((await deliverDueWebhooks(ctx.database.db, opts)).delivered).toBe(0);
      expect(receiver.at('/r-lease')).toEqual([]);
      const later = new Date(leaseEnds.getTime() + 1000);
      expect((await deliverDueWebhooks(ctx.database.db, { ...opts, now: later })).delivered).toBe(
        1,
      );
      const [row] = await deliveriesOf(webhook.id);
      expect(row).toMatchObject({ status: 'delivered', attempts: 2 });
      expect(receiver.at('/r-lease')).toHaveLength(1);
    });
  });
});
