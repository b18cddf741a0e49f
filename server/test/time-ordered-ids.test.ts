import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq, sql } from 'drizzle-orm';
import { rowsOf } from '../src/db/connection.js';
import {
  auditEntries,
  emailOutbox,
  notifications,
  reportAccessLog,
  reportHistory,
  reports,
} from '../src/db/schema/index.js';
import { createTestApp, type TestContext } from './support/app.js';
import { roomyLimits } from './support/accounts.js';
import { activeEvent, addToTeam, submitReport } from './support/reports.js';
import { caller, member, organization, systemAdmin } from './support/structure.js';

// The log-like tables take time-ordered ids (db/schema/ids.ts, migration 0015): new rows fill the
// last pages of their primary key's index instead of random ones.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The parts of a UUID of version 7: its milliseconds, version and variant. */
function partsOf(id: string) {
  const hex = id.replace(/-/g, '');
  return {
    ms: parseInt(hex.slice(0, 12), 16),
    version: hex[12],
    variant: parseInt(hex[16]!, 16) >> 2, // the two high bits: 0b10 for RFC 9562
  };
}

describe('time-ordered ids', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp(roomyLimits);
  });
  afterAll(() => ctx?.close());

  const madeNow = async () =>
    rowsOf<{ id: string }>(await ctx.database.db.execute(sql`select uuid_time_ordered() as id`))[0]!
      .id;

  it('are UUIDs of version 7 carrying the milliseconds they were made in', async () => {
    const before = Date.now();
    const id = await madeNow();
    const after = Date.now();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const parts = partsOf(id);
    expect(parts.version).toBe('7');
    expect(parts.variant).toBe(0b10);
    // The database's clock and this process's are one machine's.
    expect(parts.ms).toBeGreaterThanOrEqual(before - 5);
    expect(parts.ms).toBeLessThanOrEqual(after + 5);
  });

  it('sort in the order they were made, and never repeat', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(await madeNow());
      await sleep(3);
    }
    expect([...ids].sort()).toEqual(ids);
    const many = rowsOf<{ id: string }>(
      await ctx.database.db.execute(
        sql`select uuid_time_ordered() as id from generate_series(1, 2000)`,
      ),
    ).map((r) => r.id);
    expect(new Set(many).size).toBe(2000);
  });

  it('are what a submission, its notices and a view of it write, however each inserts', async () => {
    const call = caller(ctx);
    const org = await organization(ctx, await systemAdmin(ctx));
    const ev = await activeEvent(ctx, org);
    const responder = await member(ctx, 'Rosa Responder');
    await addToTeam(ctx, org, ev.id, responder, 'responder');
    const reporter = await member(ctx, 'Ravi Reporter');
    await addToTeam(ctx, org, ev.id, reporter, 'reporter');

    const before = Date.now();
    const submitted = await submitReport(ctx, ev.id, reporter.cookie);
    const opened = await call(responder.cookie, 'GET', `/api/reports/${submitted.id}`);
    expect(opened.statusCode, opened.body).toBe(200);
    const after = Date.now();

    const newest = async (table: typeof auditEntries | typeof emailOutbox | typeof notifications) =>
      (
        await ctx.database.db.select({ id: table.id }).from(table).orderBy(desc(table.id)).limit(1)
      )[0]!.id;
    const ids = {
      // recordAudit's own INSERT … SELECT
      audit: await newest(auditEntries),
      // one INSERT … SELECT from unnest for the team, and for their emails
      notification: await newest(notifications),
      email: await newest(emailOutbox),
      history: (
        await ctx.database.db
          .select({ id: reportHistory.id })
          .from(reportHistory)
          .where(eq(reportHistory.reportId, submitted.id))
      )[0]!.id,
      // the access log's INSERT … SELECT from unnest
      access: (
        await ctx.database.db
          .select({ id: reportAccessLog.id })
          .from(reportAccessLog)
          .where(eq(reportAccessLog.reportId, submitted.id))
      )[0]!.id,
    };
    for (const [table, id] of Object.entries(ids)) {
      const parts = partsOf(id);
      expect({ table, version: parts.version }).toEqual({ table, version: '7' });
      expect(parts.ms, table).toBeGreaterThanOrEqual(before - 5);
      expect(parts.ms, table).toBeLessThanOrEqual(after + 5);
    }
    // Reports keep random ids: a report's id tells nothing of when it was made.
    const [report] = await ctx.database.db
      .select({ id: reports.id })
      .from(reports)
      .where(eq(reports.id, submitted.id));
    expect(partsOf(report!.id).version).toBe('4');
  });
});
