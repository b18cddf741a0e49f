import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.js';
import {
  auditEntries,
  comments,
  events,
  evidence,
  evidenceBlobs,
  notifications,
  reportAccessLog,
  reportAssignees,
  reportHistory,
  reports,
} from '../src/db/schema/index.js';
import { startRetentionTimer } from '../src/modules/retention/timer.js';
import { createTestApp, type TestContext } from './support/app.js';
import { roomyLimits } from './support/accounts.js';
import { auditRows, expectOneAudit } from './support/audit.js';
import { activeEvent, addToTeam, submitReport } from './support/reports.js';
import {
  caller,
  member,
  organization,
  systemAdmin,
  type OrgFixture,
  type Signed,
} from './support/structure.js';

type Purge = {
  dryRun: boolean;
  audit: { enabled: boolean; entries: number; retentionDays: number | null };
  incidents: Record<string, number | boolean | string | null>;
};

const DAY = 86_400_000;

describe('retention', () => {
  let ctx: TestContext;
  let call: ReturnType<typeof caller>;
  let sys: Signed;
  let org: OrgFixture;
  let responder: Signed;
  let stranger: Signed;

  const setRetention = async (body: Record<string, number | null>) => {
    const res = await call(sys.cookie, 'PATCH', '/api/admin/retention', body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { settings: Record<string, { value: number | null }> };
  };
  const runPurge = async (dryRun: boolean) => {
    const res = await call(sys.cookie, 'POST', '/api/admin/retention/purge', { dryRun });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { result: Purge }).result;
  };

  /** An event with one report that has a comment, a file, an assignee, history and views. */
  const eventWithIncident = async () => {
    const ev = await activeEvent(ctx, org);
    await addToTeam(ctx, org, ev.id, responder, 'responder');
    await addToTeam(ctx, org, ev.id, stranger, 'reporter');
    const report = await submitReport(ctx, ev.id, stranger.cookie);
    const commented = await call(responder.cookie, 'POST', `/api/reports/${report.id}/comments`, {
      body: 'Spoke with the reporter.',
      visibility: 'internal',
    });
    expect(commented.statusCode, commented.body).toBe(201);
    const uploaded = await call(
      stranger.cookie,
      'POST',
      `/api/reports/${report.id}/evidence?name=notes.txt`,
      Buffer.from('14:02 they said it again.\n'),
      { 'content-type': 'text/plain' },
    );
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const assigned = await call(responder.cookie, 'POST', `/api/reports/${report.id}/assignees`, {
      userId: responder.id,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect((await call(responder.cookie, 'GET', `/api/reports/${report.id}`)).statusCode).toBe(200);
    await ctx.database.db.insert(notifications).values({
      userId: responder.id,
      kind: 'report.assigned',
      eventId: ev.id,
      targetType: 'report',
      targetId: report.id,
      title: 'Assigned',
      link: `/reports/${report.id}`,
    });
    return { eventId: ev.id, reportId: report.id };
  };

  const archive = async (eventId: string, daysAgo: number) => {
    const res = await call(org.orgAdmin.cookie, 'POST', `/api/events/${eventId}/archive`, {});
    expect(res.statusCode, res.body).toBe(200);
    await ctx.database.db
      .update(events)
      .set({ archivedAt: new Date(Date.now() - daysAgo * DAY) })
      .where(eq(events.id, eventId));
  };

  const countWhere = async (reportId: string) => {
    const db = ctx.database.db;
    const n = async (q: Promise<unknown[]>) => (await q).length;
    return {
      reports: await n(db.select().from(reports).where(eq(reports.id, reportId))),
      comments: await n(db.select().from(comments).where(eq(comments.reportId, reportId))),
      evidence: await n(db.select().from(evidence).where(eq(evidence.reportId, reportId))),
      history: await n(db.select().from(reportHistory).where(eq(reportHistory.reportId, reportId))),
      accessLog: await n(
        db.select().from(reportAccessLog).where(eq(reportAccessLog.reportId, reportId)),
      ),
      assignees: await n(
        db.select().from(reportAssignees).where(eq(reportAssignees.reportId, reportId)),
      ),
      notifications: await n(
        db
          .select()
          .from(notifications)
          .where(and(eq(notifications.targetType, 'report'), eq(notifications.targetId, reportId))),
      ),
    };
  };

  beforeAll(async () => {
    ctx = await createTestApp(roomyLimits);
    call = caller(ctx);
    sys = await systemAdmin(ctx);
    org = await organization(ctx, sys);
    responder = await member(ctx, 'Rita Responder');
    stranger = await member(ctx, 'Sid Stranger');
  });
  afterAll(() => ctx.close());

  it('is for system admins only: 401 signed out, 404 for others, before reading the body', async () => {
    for (const [method, url, body] of [
      ['GET', '/api/admin/retention', undefined],
      ['PATCH', '/api/admin/retention', { auditRetentionDays: 1 }],
      ['POST', '/api/admin/retention/purge', { dryRun: 'no' }],
    ] as const) {
      expect((await call(null, method, url, body)).statusCode).toBe(401);
      expect((await call(org.orgAdmin.cookie, method, url, body)).statusCode).toBe(404);
      expect((await call(stranger.cookie, method, url, body)).statusCode).toBe(404);
    }
  });

  it('settings: forever by default, at least 30 days, each change audited old → new', async () => {
    const res = await call(sys.cookie, 'GET', '/api/admin/retention');
    expect(res.statusCode).toBe(200);
    expect(res.json().settings.auditRetentionDays).toMatchObject({
      value: null,
      default: null,
      minimum: 30,
    });
    const tooShort = await call(sys.cookie, 'PATCH', '/api/admin/retention', {
      auditRetentionDays: 7,
    });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().error.details[0].field).toBe('body.auditRetentionDays');
    const { result, entry } = await expectOneAudit(
      ctx,
      () => call(sys.cookie, 'PATCH', '/api/admin/retention', { auditRetentionDays: 365 }),
      {
        action: 'system.settings.update',
        actorId: sys.id,
        scope: { type: 'system' },
        target: { type: 'system_setting', id: 'auditRetentionDays' },
      },
    );
    expect(result.json().settings.auditRetentionDays.value).toBe(365);
    expect(entry.before).toEqual({ auditRetentionDays: null });
    expect(entry.after).toEqual({ auditRetentionDays: 365 });
    const back = await setRetention({ auditRetentionDays: null });
    expect(back.settings.auditRetentionDays!.value).toBeNull();
    // The admin settings page's own answer is unchanged by these.
    const admin = await call(sys.cookie, 'GET', '/api/admin/settings');
    expect(Object.keys(admin.json().settings)).toEqual(['signUp', 'requireMfaForAdmins']);
  });

  it('with nothing set, a purge deletes nothing and is still audited (dry or not)', async () => {
    const before = (await auditRows(ctx)).length;
    const result = await runPurge(false);
    expect(result.audit).toMatchObject({ enabled: false, entries: 0 });
    expect(result.incidents).toMatchObject({ enabled: false, reports: 0 });
    const written = (await auditRows(ctx)).slice(before);
    expect(written.map((r) => [r.action, r.targetId, r.actorId])).toEqual([
      ['system.retention.purge', 'incident_data', sys.id],
      ['system.retention.purge', 'audit_entries', sys.id],
    ]);
  });

  it('purges incident data of events archived longer than the period, dry run first', async () => {
    const old = await eventWithIncident();
    const recent = await eventWithIncident();
    const live = await eventWithIncident();
    await archive(old.eventId, 100);
    await archive(recent.eventId, 10);
    await setRetention({ incidentRetentionDays: 30 });
    const [blobsBefore] = await ctx.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(evidenceBlobs);

    const dry = await runPurge(true);
    expect(dry.dryRun).toBe(true);
    expect(dry.incidents).toMatchObject({
      enabled: true,
      retentionDays: 30,
      events: 1,
      reports: 1,
      comments: 1,
      evidence: 1,
      history: expect.any(Number),
      accessLog: expect.any(Number),
      assignees: 1,
      // Ours, and those the app sent (the new report to the team, the assignment).
      notifications: expect.any(Number),
    });
    expect(dry.incidents.notifications).toBeGreaterThanOrEqual(1);
    expect(dry.incidents.evidenceBytes).toBeGreaterThan(0);
    expect(dry.incidents.history).toBeGreaterThan(0);
    expect(dry.incidents.accessLog).toBeGreaterThan(0);
    // Nothing went.
    expect((await countWhere(old.reportId)).reports).toBe(1);
    const dryEntry = (await auditRows(ctx)).filter((r) => r.targetId === 'incident_data').at(-1)!;
    expect(dryEntry.after).toMatchObject({ dryRun: true, reports: 1 });

    const done = await runPurge(false);
    expect(done.incidents).toMatchObject({ ...dry.incidents, cutoff: expect.any(String) });
    expect(await countWhere(old.reportId)).toEqual({
      reports: 0,
      comments: 0,
      evidence: 0,
      history: 0,
      accessLog: 0,
      assignees: 0,
      notifications: 0,
    });
    const [blobsAfter] = await ctx.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(evidenceBlobs);
    expect(blobsAfter!.n).toBe(blobsBefore!.n - 1);
    // Recently archived and live events keep everything.
    for (const kept of [recent, live]) {
      const counts = await countWhere(kept.reportId);
      expect(counts).toMatchObject({ reports: 1, comments: 1, evidence: 1 });
      expect(counts.notifications).toBeGreaterThanOrEqual(1);
    }
    const entry = (await auditRows(ctx)).filter((r) => r.targetId === 'incident_data').at(-1)!;
    expect(entry.after).toMatchObject({ dryRun: false, reports: 1, events: 1 });
    // The event remains, archived, still marked as having held incident data.
    const [ev] = await ctx.database.db.select().from(events).where(eq(events.id, old.eventId));
    expect(ev).toMatchObject({ status: 'archived' });
    expect(ev!.reportCount).toBeGreaterThan(0);
    // Again: nothing left to do.
    expect((await runPurge(false)).incidents).toMatchObject({ reports: 0, events: 0 });
    await setRetention({ incidentRetentionDays: null });
  });

  it('purges old audit entries under the purge flag, never the purge’s own', async () => {
    const db = ctx.database.db;
    const long = new Date(Date.now() - 400 * DAY);
    const inserted = await db
      .insert(auditEntries)
      .values([
        { scopeType: 'system', action: 'auth.sign_in', occurredAt: long },
        { scopeType: 'event', action: 'event.update', occurredAt: long },
        {
          scopeType: 'system',
          action: 'system.retention.purge',
          targetType: 'retention',
          targetId: 'audit_entries',
          occurredAt: long,
        },
      ])
      .returning({ id: auditEntries.id, action: auditEntries.action });
    const ids = inserted.map((r) => r.id);
    const total = (await auditRows(ctx)).length;
    await setRetention({ auditRetentionDays: 365 });

    const dry = await runPurge(true);
    expect(dry.audit).toMatchObject({ enabled: true, retentionDays: 365, entries: 2 });
    expect((await db.select().from(auditEntries).where(inArray(auditEntries.id, ids))).length).toBe(
      3,
    );

    const done = await runPurge(false);
    expect(done.audit.entries).toBe(2);
    const left = await db.select().from(auditEntries).where(inArray(auditEntries.id, ids));
    expect(left.map((r) => r.action)).toEqual(['system.retention.purge']);
    // Everything recent stays: total − 2 deleted + the settings change + 4 purge entries.
    expect((await auditRows(ctx)).length).toBe(total - 2 + 1 + 4);
    const own = (await auditRows(ctx)).at(-1)!;
    expect(own).toMatchObject({ action: 'system.retention.purge', targetId: 'audit_entries' });
    expect(own.after).toMatchObject({ dryRun: false, entries: 2 });
    // Outside the purge's transaction the log is append-only again.
    await expect(db.execute(sql`delete from audit_entries`)).rejects.toBeTruthy();
    await setRetention({ auditRetentionDays: null });
  });

  it('runs by itself on a timer, as nobody, and stops when asked', async () => {
    await setRetention({ auditRetentionDays: 365 });
    const before = (await auditRows(ctx)).length;
    const timer = startRetentionTimer(ctx.database.db, { intervalMs: 30 });
    const deadline = Date.now() + 5000;
    let written: Awaited<ReturnType<typeof auditRows>> = [];
    while (Date.now() < deadline) {
      written = (await auditRows(ctx)).slice(before);
      if (written.length >= 2) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    await timer.stop();
    expect(written.length).toBeGreaterThanOrEqual(2);
    expect(written.every((r) => r.action === 'system.retention.purge' && r.actorId === null)).toBe(
      true,
    );
    const after = (await auditRows(ctx)).length;
    await new Promise((r) => setTimeout(r, 100));
    expect((await auditRows(ctx)).length).toBe(after);
    await setRetention({ auditRetentionDays: null });
  });

  it('the timer does nothing where no retention is set', async () => {
    const before = (await auditRows(ctx)).length;
    const timer = startRetentionTimer(ctx.database.db, { intervalMs: 20 });
    await new Promise((r) => setTimeout(r, 150));
    await timer.stop();
    expect((await auditRows(ctx)).slice(before).map((r) => r.action)).toEqual([]);
  });

  it('RETENTION_PURGE_INTERVAL_HOURS: 24 by default, 0 for none, never negative', () => {
    const base = { NODE_ENV: 'test' };
    expect(loadConfig(base).retentionPurgeIntervalHours).toBe(24);
    expect(
      loadConfig({ ...base, RETENTION_PURGE_INTERVAL_HOURS: '0' }).retentionPurgeIntervalHours,
    ).toBe(0);
    expect(() => loadConfig({ ...base, RETENTION_PURGE_INTERVAL_HOURS: '-1' })).toThrow(
      /RETENTION_PURGE_INTERVAL_HOURS/,
    );
  });
});
