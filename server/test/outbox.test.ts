import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { pino } from 'pino';
import type { BuildOptions } from '../src/app.js';
import { recordAudit } from '../src/audit/record.js';
import { rowsOf, type Database } from '../src/db/connection.js';
import { auditEntries, emailOutbox } from '../src/db/schema/index.js';
import { enqueueEmail, type EmailMessage } from '../src/modules/email/service.js';
import { renderEmail } from '../src/modules/email/template.js';
import {
  createLogTransport,
  createSmtpTransport,
  type MailTransport,
  type OutgoingEmail,
} from '../src/modules/email/transport.js';
import { claimDue } from '../src/modules/email/repository.js';
import { deliverDue, retryDelayMs } from '../src/modules/email/worker.js';
import { createTestApp, type TestContext } from './support/app.js';
import { firstLink, outboxMessages } from './support/outbox.js';
import { enableTwoFactor, person, signUpVerified } from './support/accounts.js';
import { admin, completeSetup } from './support/setup-link.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';

const ctxNone = { actor: null, origin: { requestId: null, ipAddress: null, userAgent: null } };

/** The app on its own database, with the background worker off unless said: tests deliver by hand. */
const createApp = (
  env: Record<string, string> = {},
  email: BuildOptions['email'] = { worker: false },
  logger?: BuildOptions['logger'],
) => createTestApp(env, { email, ...(logger ? { logger } : {}) });

/** A logger whose lines the test can read. */
function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const log = pino({ level: 'info' }, stream);
  return { log, lines: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

let counter = 0;
function message(overrides: Partial<EmailMessage> = {}): EmailMessage {
  counter += 1;
  const content = renderEmail({
    subject: `Report ${counter} was assigned to you`,
    greeting: 'Hello Bea,',
    paragraphs: ['Ada assigned a report to you.'],
    action: { label: 'Open the report', url: `https://steward.example.org/reports/${counter}` },
  });
  return { to: `bea${counter}@example.org`, kind: 'report.assigned', ...content, ...overrides };
}

/** A transport that fails every send, as an unreachable server would. */
function failingTransport(error = 'connect ECONNREFUSED 127.0.0.1:25'): MailTransport {
  return {
    via: 'smtp',
    send: () => Promise.reject(new Error(error)),
    close() {},
  };
}

const byId = async (db: Database, id: string) =>
  (await db.select().from(emailOutbox).where(eq(emailOutbox.id, id)))[0]!;

describe('the email outbox', () => {
  let ctx: TestContext;
  let db: Database;
  beforeAll(async () => {
    ctx = await createApp();
    db = ctx.database.db;
  });
  afterAll(() => ctx.close());
  // Each test starts with an empty outbox, so counts mean what they say.
  beforeEach(async () => {
    await db.delete(emailOutbox);
  });

  it('queues a message with the change that causes it, and not without it', async () => {
    const kept = message({ to: 'kept@example.org' });
    await db.transaction(async (tx) => {
      await recordAudit(tx, ctxNone, { scope: { type: 'system' }, action: 'test.kept' });
      await enqueueEmail(tx, kept);
    });
    await expect(
      db.transaction(async (tx) => {
        await recordAudit(tx, ctxNone, { scope: { type: 'system' }, action: 'test.rolled_back' });
        await enqueueEmail(tx, message({ to: 'lost@example.org' }));
        throw new Error('the change fails after the email was queued');
      }),
    ).rejects.toThrow('the change fails');

    const queued = await outboxMessages(db);
    expect(queued.map((m) => m.toAddress)).toEqual(['kept@example.org']);
    expect(queued[0]).toMatchObject({ status: 'pending', attempts: 0, kind: 'report.assigned' });
    const rolledBack = await db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.action, 'test.rolled_back'));
    expect(rolledBack).toEqual([]);

    // Nothing of the rolled-back change is ever sent.
    const { log, lines } = capturingLogger();
    expect(await deliverDue(db, createLogTransport(log))).toEqual({
      sent: 1,
      retried: 0,
      failed: 0,
    });
    expect(lines().map((l) => l.to)).toEqual(['kept@example.org']);
  });

  it('refuses a malformed message (a programming error)', async () => {
    await expect(enqueueEmail(db, message({ to: 'not an address' }))).rejects.toThrow();
    await expect(enqueueEmail(db, message({ subject: 'Two\r\nBcc: x@y' }))).rejects.toThrow();
    expect(await outboxMessages(db)).toEqual([]);
  });

  it('delivers to the development outbox: logged readably, kept, marked sent', async () => {
    const id = await enqueueEmail(db, message({ to: 'dev@example.org', userId: 'user-1' }));
    const { log, lines } = capturingLogger();
    const report = await deliverDue(db, createLogTransport(log));
    expect(report).toEqual({ sent: 1, retried: 0, failed: 0 });

    const [line] = lines();
    expect(line).toMatchObject({ level: 30, emailId: id, to: 'dev@example.org' });
    const text = line!.msg as string;
    expect(text).toContain('to dev@example.org');
    expect(text).toMatch(/"Report \d+ was assigned to you"/);
    expect(firstLink(text)).toMatch(/^https:\/\/steward\.example\.org\/reports\/\d+$/);

    const row = await byId(db, id);
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 1,
      deliveredVia: 'log',
      userId: 'user-1',
      lastError: null,
      claimId: null,
    });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(row.textBody).toContain('Open the report');
    // Sent messages are not sent again.
    expect(await deliverDue(db, createLogTransport(log))).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
    });
  });

  it('retries a failed send with exponential backoff and records the error', async () => {
    const id = await enqueueEmail(db, message());
    const { log, lines } = capturingLogger();
    const t0 = new Date(Date.now() + 1000);

    expect(await deliverDue(db, failingTransport(), { now: t0, log })).toEqual({
      sent: 0,
      retried: 1,
      failed: 0,
    });
    let row = await byId(db, id);
    expect(row).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'connect ECONNREFUSED 127.0.0.1:25',
    });
    expect(row.nextAttemptAt.getTime()).toBe(t0.getTime() + 30_000);
    expect(lines()[0]).toMatchObject({ level: 40, emailId: id });

    // Not before it is due.
    const early = new Date(t0.getTime() + 29_000);
    expect((await deliverDue(db, failingTransport(), { now: early })).retried).toBe(0);

    const t1 = new Date(t0.getTime() + 30_000);
    await deliverDue(db, failingTransport('421 busy'), { now: t1 });
    row = await byId(db, id);
    expect(row).toMatchObject({ status: 'pending', attempts: 2, lastError: '421 busy' });
    expect(row.nextAttemptAt.getTime()).toBe(t1.getTime() + 60_000);

    // Once the server is back, the message goes out and the error is cleared.
    const t2 = new Date(t1.getTime() + 60_000);
    expect((await deliverDue(db, createLogTransport(log), { now: t2 })).sent).toBe(1);
    expect(await byId(db, id)).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
  });

  it('gives up after the last attempt, marks the message failed and logs an error', async () => {
    const id = await enqueueEmail(db, message());
    const { log, lines } = capturingLogger();
    const retry = { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 10_000 };
    let now = new Date(Date.now() + 1000);
    const reports = [];
    for (let i = 0; i < 3; i++) {
      reports.push(await deliverDue(db, failingTransport(), { now, retry, log }));
      now = new Date(now.getTime() + retryDelayMs(i + 1, retry));
    }
    expect(reports.map((r) => [r.retried, r.failed])).toEqual([
      [1, 0],
      [1, 0],
      [0, 1],
    ]);
    expect(await byId(db, id)).toMatchObject({ status: 'failed', attempts: 3 });
    expect(lines().at(-1)).toMatchObject({ level: 50, emailId: id });
    // A failed message is never tried again.
    const later = new Date(now.getTime() + 24 * 3600_000);
    expect(await deliverDue(db, failingTransport(), { now: later, retry })).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
    });
  });

  it('takes up a message again when the worker sending it died', async () => {
    const id = await enqueueEmail(db, message());
    const now = new Date(Date.now() + 1000);
    // A worker claims it and dies before recording anything.
    await db.update(emailOutbox).set({
      status: 'sending',
      attempts: 1,
      claimId: randomUUID(),
      nextAttemptAt: new Date(now.getTime() + 5 * 60_000),
    });
    const { log } = capturingLogger();
    expect((await deliverDue(db, createLogTransport(log), { now })).sent).toBe(0);
    const afterClaim = new Date(now.getTime() + 5 * 60_000);
    expect((await deliverDue(db, createLogTransport(log), { now: afterClaim })).sent).toBe(1);
    expect(await byId(db, id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('sends each message once when two deliverers run at the same time', async () => {
    const ids = new Set<string>();
    await db.transaction(async (tx) => {
      for (let i = 0; i < 30; i++) ids.add(await enqueueEmail(tx, message()));
    });
    const sends: string[] = [];
    // Slow enough that the two deliverers overlap on every batch.
    const recording = (): MailTransport => ({
      via: 'log',
      async send(m: OutgoingEmail) {
        sends.push(m.id);
        await new Promise((r) => setTimeout(r, 2));
      },
      close() {},
    });
    const [a, b] = await Promise.all([
      deliverDue(db, recording(), { batchSize: 4 }),
      deliverDue(db, recording(), { batchSize: 4 }),
    ]);
    expect(a.sent + b.sent).toBe(30);
    expect(sends).toHaveLength(30);
    expect(new Set(sends)).toEqual(ids);
    const statuses = await db.select({ status: emailOutbox.status }).from(emailOutbox);
    expect(statuses.every((s) => s.status === 'sent')).toBe(true);
  });

  it('records a batch: the sent ones sent, a refused one put back, whatever their order', async () => {
    const ids = [];
    for (const to of ['a@example.org', 'refused@example.org', 'c@example.org']) {
      ids.push(await enqueueEmail(db, message({ to })));
    }
    const picky: MailTransport = {
      via: 'log',
      send: (m) =>
        m.to.startsWith('refused')
          ? Promise.reject(new Error('550 no such mailbox'))
          : Promise.resolve(),
      close() {},
    };
    const now = new Date(Date.now() + 1000);
    expect(await deliverDue(db, picky, { now, batchSize: 3 })).toEqual({
      sent: 2,
      retried: 1,
      failed: 0,
    });
    const rows = await Promise.all(ids.map((id) => byId(db, id)));
    expect(rows.map((r) => [r.status, r.claimId, r.lastError])).toEqual([
      ['sent', null, null],
      ['pending', null, '550 no such mailbox'],
      ['sent', null, null],
    ]);
    expect(rows.map((r) => r.sentAt !== null)).toEqual([true, false, true]);
  });

  it('a stopping worker finishes its batch and claims no more', async () => {
    for (let i = 0; i < 5; i++) await enqueueEmail(db, message());
    const { log } = capturingLogger();
    const report = await deliverDue(db, createLogTransport(log), {
      batchSize: 2,
      stopping: () => true,
    });
    expect(report.sent).toBe(2);
    const statuses = await db.select({ status: emailOutbox.status }).from(emailOutbox);
    expect(statuses.map((s) => s.status).sort()).toEqual([
      'pending',
      'pending',
      'pending',
      'sent',
      'sent',
    ]);
    // The next run (another start, another process) takes up the rest.
    expect((await deliverDue(db, createLogTransport(log), { batchSize: 2 })).sent).toBe(3);
  });

  it('claims through the due index when planned once for any values, as the server runs it', async () => {
    // Many sent messages and one due: an outbox as it is after a while. The server prepares each
    // statement and plans it once for any values (force_generic_plan, db/connection.ts); with the
    // status as a parameter that plan could not use the due index and read every sent message.
    await db.execute(sql`insert into email_outbox
        (kind, to_address, subject, text_body, html_body, status, sent_at)
      select 'test.sent', 'old@example.org', 'Old', '', '', 'sent', now()
      from generate_series(1, 5000)`);
    await enqueueEmail(db, message());
    await db.execute(sql`analyze email_outbox`);
    const { sql: text, params } = claimDue(db, {
      now: new Date(),
      limit: 20,
      leaseUntil: new Date(Date.now() + 60_000),
      claimId: randomUUID(),
    }).toSQL();
    const literal = (v: unknown) =>
      `'${(v instanceof Date ? v.toISOString() : String(v)).replace(/'/g, "''")}'`;
    const plan = await db.transaction(async (tx) => {
      await tx.execute(sql.raw(`set local plan_cache_mode = force_generic_plan`));
      await tx.execute(sql.raw(`prepare claim_probe as ${text}`));
      const rows = rowsOf<Record<string, string>>(
        await tx.execute(sql.raw(`explain execute claim_probe(${params.map(literal).join(', ')})`)),
      );
      await tx.execute(sql.raw(`deallocate claim_probe`));
      return rows.map((r) => Object.values(r)[0]).join('\n');
    });
    expect(plan).toContain('email_outbox_due_idx');
    expect(plan).not.toMatch(/Seq Scan on email_outbox/);
  });

  it('the outboxes are vacuumed after a few thousand changes, not after a fifth of the table', async () => {
    // A queue's every claim leaves a dead entry in its due index; by default autovacuum would let
    // them pile up with the outbox's size (migration 0013).
    const rows = rowsOf<{ relname: string; reloptions: string[] | null }>(
      await db.execute(
        sql`select relname, reloptions from pg_class
            where relname in ('email_outbox', 'webhook_deliveries') and relkind = 'r'
            order by relname`,
      ),
    );
    const vacuumedOften = [
      'autovacuum_analyze_scale_factor=0.02',
      'autovacuum_vacuum_scale_factor=0',
      'autovacuum_vacuum_threshold=2000',
    ];
    expect(rows.map((r) => [r.relname, [...(r.reloptions ?? [])].sort()])).toEqual([
      // and its bodies are kept out of the row (next test)
      ['email_outbox', [...vacuumedOften, 'toast_tuple_target=128']],
      ['webhook_deliveries', vacuumedOften],
    ]);
  });

  it("keeps a message's bodies out of its row, so claiming and marking it do not copy them", async () => {
    // Migration 0016: a notification's row is a little over 2 KB, and compressed, its bodies fit
    // in it under PostgreSQL's default target, so each of its three versions wrote them to the
    // log again.
    const [toast] = rowsOf<{ name: string }>(
      await db.execute(
        sql`select reltoastrelid::regclass::text as name from pg_class
            where relname = 'email_outbox' and relkind = 'r'`,
      ),
    );
    const stored = async () =>
      Number(
        rowsOf<{ n: string }>(
          await db.execute(sql.raw(`select count(*) as n from ${toast!.name}`)),
        )[0]!.n,
      );
    const before = await stored();
    // A new report's email to one of the team, as notify() writes it: a row of a little over 2 KB,
    // where PostgreSQL starts to compress values; compressed, the HTML body used to fit in it.
    const content = renderEmail({
      subject: 'New report: #12 in Spring Meetup',
      greeting: 'Hello Bea,',
      paragraphs: [
        'A new report was submitted in Spring Meetup: report #12 in Spring Meetup.',
        'Title: Someone kept following me after the evening talk',
        'Type: harassment\nWhat happened: After the evening talk someone followed me to the cloakroom twice and waited outside.',
      ],
      action: {
        label: 'Open the report',
        url: `https://steward.example.org/reports/${randomUUID()}`,
      },
      footer:
        'You get this email because of your notification settings in Steward (Account → Notifications).',
    });
    expect(content.text.length + content.html.length).toBeGreaterThan(2100);
    const id = await enqueueEmail(db, message(content));
    expect(await stored()).toBeGreaterThan(before);
    const { log } = capturingLogger();
    await deliverDue(db, createLogTransport(log));
    const sent = await byId(db, id);
    expect(sent.status).toBe('sent');
    expect(sent.htmlBody).toBe(content.html);
  });

  // PGlite has one backend, so a second session holding a lock exists only on PostgreSQL.
  it.runIf(Boolean(process.env.TEST_DATABASE_URL))(
    'passes over a message another process holds locked, without waiting for it',
    async () => {
      const held = await enqueueEmail(db, message({ to: 'held@example.org' }));
      const free = await enqueueEmail(db, message({ to: 'free@example.org' }));
      const { log } = capturingLogger();
      let release!: () => void;
      const holding = db.transaction(async (tx) => {
        await tx.execute(sql`select 1 from email_outbox where id = ${held} for update`);
        await new Promise<void>((r) => (release = r));
      });
      await new Promise((r) => setTimeout(r, 50));
      try {
        const report = await deliverDue(db, createLogTransport(log));
        expect(report.sent).toBe(1);
        expect((await byId(db, free)).status).toBe('sent');
        expect((await byId(db, held)).status).toBe('pending');
      } finally {
        release();
        await holding;
      }
      expect((await deliverDue(db, createLogTransport(log))).sent).toBe(1);
    },
  );
});

describe('SMTP delivery', () => {
  let sink: SmtpSink;
  let ctx: TestContext;
  beforeAll(async () => {
    sink = await startSmtpSink();
    ctx = await createApp({ SMTP_URL: sink.url, MAIL_FROM: 'Steward <steward@example.org>' });
  });
  afterAll(async () => {
    await ctx?.close();
    await sink?.close();
  });

  it('sends both bodies through the SMTP server and then forgets them', async () => {
    const db = ctx.database.db;
    const id = await enqueueEmail(db, message({ to: 'smtp@example.org' }));
    const transport = createSmtpTransport(sink.url, ctx.config.mailFrom);
    try {
      expect((await deliverDue(db, transport)).sent).toBe(1);
    } finally {
      transport.close();
    }
    expect(sink.received).toHaveLength(1);
    const [mail] = sink.received;
    expect(mail!.from).toContain('steward@example.org');
    expect(mail!.to).toEqual(['<smtp@example.org>']);
    expect(mail!.data).toMatch(/^Subject: Report \d+ was assigned to you/m);
    expect(mail!.data).toContain('text/plain');
    expect(mail!.data).toContain('text/html');
    expect(mail!.data).toContain(`Message-ID: <${id}@example.org>`);

    // Its links were for the recipient alone: only the delivery record stays.
    expect(await byId(db, id)).toMatchObject({
      status: 'sent',
      deliveredVia: 'smtp',
      textBody: '',
      htmlBody: '',
    });
  });

  it('retries when the server refuses for now', async () => {
    const db = ctx.database.db;
    const id = await enqueueEmail(db, message({ to: 'busy@example.org' }));
    sink.refuseNext(1);
    const transport = createSmtpTransport(sink.url, ctx.config.mailFrom);
    try {
      const now = new Date(Date.now() + 1000);
      expect((await deliverDue(db, transport, { now })).retried).toBe(1);
      expect((await byId(db, id)).lastError).toMatch(/451/);
      const later = new Date(now.getTime() + 30_000);
      expect((await deliverDue(db, transport, { now: later })).sent).toBe(1);
    } finally {
      transport.close();
    }
    expect(sink.received.at(-1)!.to).toEqual(['<busy@example.org>']);
  });
});

describe('the background worker', () => {
  let ctx: TestContext | undefined;
  afterEach(async () => {
    await ctx?.close();
    ctx = undefined;
  });

  it('sends soon after a message is enqueued in the same process', async () => {
    // A poll far away: only the wake-up after the enqueue can send it in time.
    ctx = await createApp({}, { worker: { pollMs: 60_000, wakeDelayMs: 20 } });
    const db = ctx.database.db;
    await new Promise((r) => setTimeout(r, 50)); // let the first (empty) round finish
    const id = await db.transaction((tx) => enqueueEmail(tx, message()));
    const deadline = Date.now() + 5000;
    while ((await byId(db, id)).status !== 'sent') {
      if (Date.now() > deadline) throw new Error('the worker did not send the message');
      await new Promise((r) => setTimeout(r, 20));
    }
  });

  it('sends a message whose transaction committed after the wake-up, without waiting for a poll', async () => {
    ctx = await createApp({}, { worker: { pollMs: 60_000, wakeDelayMs: 20 } });
    const db = ctx.database.db;
    await new Promise((r) => setTimeout(r, 50));
    // The transaction stays open well past the wake-up: the first look finds nothing.
    const id = await db.transaction(async (tx) => {
      const queued = await enqueueEmail(tx, message());
      await new Promise((r) => setTimeout(r, 300));
      return queued;
    });
    const deadline = Date.now() + 5000;
    while ((await byId(db, id)).status !== 'sent') {
      if (Date.now() > deadline) throw new Error('the message waited for the next poll');
      await new Promise((r) => setTimeout(r, 20));
    }
  });

  it('finds messages enqueued elsewhere by polling, and stops with the app', async () => {
    ctx = await createApp({}, { worker: { pollMs: 50, wakeDelayMs: 60_000 } });
    const db = ctx.database.db;
    // Written straight to the table, as another process would: no wake-up here.
    const [row] = await db
      .insert(emailOutbox)
      .values({
        kind: 'test.elsewhere',
        toAddress: 'elsewhere@example.org',
        subject: 'From another process',
        textBody: 'Hello',
        htmlBody: '<p>Hello</p>',
      })
      .returning();
    const deadline = Date.now() + 5000;
    while ((await byId(db, row!.id)).status !== 'sent') {
      if (Date.now() > deadline) throw new Error('the worker did not poll');
      await new Promise((r) => setTimeout(r, 20));
    }
    await ctx.close();
    ctx = undefined;
  });
});

describe('the start in production', () => {
  it('warns that mail only goes to the development outbox when SMTP_URL is unset', async () => {
    const { log, lines } = capturingLogger();
    const ctx = await createApp({ NODE_ENV: 'production' }, { worker: false }, log);
    await ctx.close();
    const warnings = lines().filter((l) => l.level === 40);
    expect(warnings.map((l) => l.msg)).toEqual([
      expect.stringMatching(/SMTP_URL is not set: email is not sent.*development outbox/),
    ]);
  });

  it('does not warn when SMTP is configured', async () => {
    const { log, lines } = capturingLogger();
    const ctx = await createApp(
      { NODE_ENV: 'production', SMTP_URL: 'smtp://127.0.0.1:1' },
      { worker: false },
      log,
    );
    await ctx.close();
    expect(lines().filter((l) => l.level === 40)).toEqual([]);
  });
});

describe('GET /api/admin/outbox', () => {
  let ctx: TestContext;
  let adminCookie: string;
  let memberCookie: string;
  beforeAll(async () => {
    ctx = await createApp();
    adminCookie = (await enableTwoFactor(ctx, await completeSetup(ctx), admin.password)).cookie;
    memberCookie = await signUpVerified(ctx, person('Mo Member'));
    // Signing up sent a confirmation email; the listing below counts only its own messages.
    await ctx.database.db.delete(emailOutbox);

    const db = ctx.database.db;
    for (let i = 1; i <= 3; i++) {
      // One transaction each: created_at is the transaction's start, so the order is known
      // (a few milliseconds apart: PGlite's clock counts whole milliseconds).
      await db.transaction((tx) => enqueueEmail(tx, message({ to: `list${i}@example.org` })));
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    await deliverDue(db, createLogTransport(pino({ level: 'silent' })));
    await new Promise((resolve) => setTimeout(resolve, 3));
    await db.transaction((tx) => enqueueEmail(tx, message({ to: 'waiting@example.org' })));
  });
  afterAll(() => ctx.close());

  it('asks who is there', async () => {
    const res = await ctx.app.inject({ url: '/api/admin/outbox' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });

  it('does not exist for someone who is not a system admin', async () => {
    const res = await ctx.app.inject({
      url: '/api/admin/outbox',
      headers: { cookie: memberCookie },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('lists the outbox for a system admin, newest first, with the text bodies', async () => {
    const res = await ctx.app.inject({
      url: '/api/admin/outbox',
      headers: { cookie: adminCookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body).toMatchObject({ delivery: 'development', page: 1, pageSize: 25, total: 4 });
    expect(body.items.map((m: { to: string }) => m.to)).toEqual([
      'waiting@example.org',
      'list3@example.org',
      'list2@example.org',
      'list1@example.org',
    ]);
    expect(body.items[0]).toMatchObject({ status: 'pending', attempts: 0, sentAt: null });
    expect(body.items[0].nextAttemptAt).toEqual(expect.any(String));
    expect(body.items[1]).toMatchObject({
      status: 'sent',
      attempts: 1,
      deliveredVia: 'log',
      nextAttemptAt: null,
      kind: 'report.assigned',
    });
    expect(body.items[1].text).toContain('https://steward.example.org/reports/');
    expect(Object.keys(body.items[1]).sort()).toEqual(
      [
        'attempts',
        'createdAt',
        'deliveredVia',
        'id',
        'kind',
        'lastError',
        'nextAttemptAt',
        'sentAt',
        'status',
        'subject',
        'text',
        'to',
        'userId',
      ].sort(),
    );
  });

  it('pages', async () => {
    const res = await ctx.app.inject({
      url: '/api/admin/outbox?page=2&pageSize=3',
      headers: { cookie: adminCookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ page: 2, pageSize: 3, total: 4 });
    expect(res.json().items.map((m: { to: string }) => m.to)).toEqual(['list1@example.org']);

    const bad = await ctx.app.inject({
      url: '/api/admin/outbox?pageSize=1000',
      headers: { cookie: adminCookie },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('querystring.pageSize');
  });

  it('shows no bodies when mail goes through SMTP', async () => {
    const smtp = await createApp({ SMTP_URL: 'smtp://127.0.0.1:1' });
    try {
      const cookie = (await enableTwoFactor(smtp, await completeSetup(smtp), admin.password))
        .cookie;
      await enqueueEmail(smtp.database.db, message({ to: 'secret@example.org' }));
      const res = await smtp.app.inject({ url: '/api/admin/outbox', headers: { cookie } });
      expect(res.statusCode).toBe(200);
      expect(res.json().delivery).toBe('smtp');
      expect(res.json().items[0]).toMatchObject({ to: 'secret@example.org', text: null });
    } finally {
      await smtp.close();
    }
  });
});
