import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import type { Decision } from '@steward/permissions';
import { batched, batchedRows } from '../src/db/batch.js';
import { reportAccessLog } from '../src/db/schema/index.js';
import { recordAccess } from '../src/modules/reports/access-log.js';
import { createTestApp, type TestContext } from './support/app.js';
import { roomyLimits } from './support/accounts.js';
import { activeEvent, addToTeam, submitReport } from './support/reports.js';
import { caller, member, organization, systemAdmin, type Signed } from './support/structure.js';

// The session lookup, a report's page and the access log's insert of requests arriving together
// go as one statement each (db/batch.ts). A mix-up there would show one person another's session
// or report, so: what goes together, and that everyone still gets exactly their own.
describe('statements of requests arriving together', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp(roomyLimits);
  });
  afterAll(() => ctx.close());

  it('batched(): keys asked for in one turn are one call, in order; nothing is cached', async () => {
    const calls: number[][] = [];
    const double = batched<number, number>(async (_db, keys) => {
      calls.push([...keys]);
      return keys.map((k) => (k < 0 ? new Error(`negative ${k}`) : k * 2));
    });
    const db = ctx.database.db;
    expect(await Promise.all([double(db, [1]), double(db, [2, 3]), double(db, [1])])).toEqual([
      [2],
      [4, 6],
      [2],
    ]);
    expect(calls).toEqual([[1, 2, 3, 1]]);
    // A later turn is a later call; a key asked for again is asked for again.
    expect(await double(db, [1])).toEqual([2]);
    expect(calls).toHaveLength(2);
    // An error belongs to its own key: the others in the batch get their values.
    const [bad, good] = await Promise.allSettled([double(db, [-1]), double(db, [5])]);
    expect(bad).toMatchObject({ status: 'rejected', reason: { message: 'negative -1' } });
    expect(good).toEqual({ status: 'fulfilled', value: [10] });
    // In a transaction the keys go at once, by themselves, on its connection.
    await db.transaction(async (tx) => {
      expect(await Promise.all([double(tx, [7]), double(tx, [8])])).toEqual([[14], [16]]);
    });
    expect(calls.slice(-2)).toEqual([[7], [8]]);
  });

  it('batchedRows(): rows reach the callers by key, whatever order they come back in', async () => {
    const rowsOf = batchedRows(
      async (_db, keys: readonly string[]) =>
        [...new Set(keys)]
          .filter((k) => k !== 'none')
          .reverse()
          .map((k) => ({ key: k, value: k.toUpperCase() })),
      (row) => row.key,
    );
    const db = ctx.database.db;
    const asked = ['a', 'none', 'b', 'a'];
    const got = await Promise.all(asked.map((k) => rowsOf(db, [k])));
    expect(got.map(([row]) => row?.value ?? null)).toEqual(['A', null, 'B', 'A']);
  });

  describe('several people opening reports at once', () => {
    let alice: Signed;
    let bob: Signed;
    let responder: Signed;
    let stranger: Signed;
    let reports: { alice: string; bob: string };

    beforeAll(async () => {
      const sys = await systemAdmin(ctx);
      const org = await organization(ctx, sys);
      alice = await member(ctx, 'Alice Author');
      bob = await member(ctx, 'Bob Author');
      responder = await member(ctx, 'Rita Responder');
      stranger = await member(ctx, 'Stan Stranger');
      const ev = await activeEvent(ctx, org);
      await addToTeam(ctx, org, ev.id, alice, 'reporter');
      await addToTeam(ctx, org, ev.id, bob, 'reporter');
      await addToTeam(ctx, org, ev.id, responder, 'responder');
      reports = {
        alice: (await submitReport(ctx, ev.id, alice.cookie, { title: 'Alice saw it' })).id,
        bob: (await submitReport(ctx, ev.id, bob.cookie, { title: 'Bob saw it' })).id,
      };
    });

    it('each gets their own session, their own view, and one access-log row', async () => {
      const call = caller(ctx);
      const asked = [
        { who: alice, report: reports.alice, status: 200, view: 'own', title: 'Alice saw it' },
        { who: bob, report: reports.bob, status: 200, view: 'own', title: 'Bob saw it' },
        { who: alice, report: reports.bob, status: 404 },
        { who: bob, report: reports.alice, status: 404 },
        { who: responder, report: reports.alice, status: 200, view: 'team', title: 'Alice saw it' },
        { who: responder, report: reports.bob, status: 200, view: 'team', title: 'Bob saw it' },
        { who: stranger, report: reports.alice, status: 404 },
        { who: stranger, report: randomUUID(), status: 404 },
      ];
      const before = await ctx.database.db
        .select()
        .from(reportAccessLog)
        .where(inArray(reportAccessLog.reportId, [reports.alice, reports.bob]));
      const answers = await Promise.all([
        ...asked.map((a) => call(a.who.cookie, 'GET', `/api/reports/${a.report}`)),
        ...[alice, bob, responder, stranger].map((who) =>
          call(who.cookie, 'GET', '/api/auth/session'),
        ),
      ]);
      asked.forEach((a, i) => {
        const res = answers[i]!;
        expect(res.statusCode, `${a.who.who.name} opening a report`).toBe(a.status);
        if (a.status === 200) {
          expect(res.json().report).toMatchObject({ id: a.report, view: a.view, title: a.title });
        }
      });
      expect(answers.slice(asked.length).map((res) => res.json().user.email)).toEqual(
        [alice, bob, responder, stranger].map((s) => s.who.email),
      );
      const after = await ctx.database.db
        .select()
        .from(reportAccessLog)
        .where(inArray(reportAccessLog.reportId, [reports.alice, reports.bob]));
      const added = after.filter((row) => !before.some((b) => b.id === row.id));
      const seen = (row: { userId: string | null; reportId: string }) =>
        `${row.userId} ${row.reportId}`;
      expect(added.map(seen).sort()).toEqual(
        asked
          .filter((a) => a.status === 200)
          .map((a) => seen({ userId: a.who.id, reportId: a.report }))
          .sort(),
      );
    });

    it('a report asked for with a session cookie that opens no session is a 401, and not logged', async () => {
      // The detail route reads the page while it reads the session: what was read must not
      // leave the server, nor count as a view, when the session turns out to be nobody's.
      const call = caller(ctx);
      const forged = alice.cookie.replace(/session_token=[^;]+/, 'session_token=forged.token');
      expect(forged).not.toBe(alice.cookie);
      const count = async () =>
        (
          await ctx.database.db
            .select()
            .from(reportAccessLog)
            .where(eq(reportAccessLog.reportId, reports.alice))
        ).length;
      const before = await count();
      const answers = await Promise.all([
        call(forged, 'GET', `/api/reports/${reports.alice}`),
        call(null, 'GET', `/api/reports/${reports.alice}`),
        call(forged, 'GET', '/api/reports/not-a-uuid'),
      ]);
      for (const res of answers) {
        expect(res.statusCode).toBe(401);
        expect(res.json().error.code).toBe('unauthenticated');
        expect(res.body).not.toContain('Alice saw it');
      }
      expect(await count()).toBe(before);
    });

    it('an access-log row that cannot be written fails only its own view', async () => {
      const decision = { allowed: true, reason: 'author' } as unknown as Decision;
      const origin = { ipAddress: '192.0.2.1' } as never;
      const row = (reportId: string, userId: string) =>
        recordAccess(ctx.database.db, [{ reportId, userId, what: 'report', decision, origin }]);
      const gone = randomUUID();
      const results = await Promise.allSettled([
        row(reports.alice, alice.id),
        row(gone, alice.id),
        row(reports.bob, bob.id),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      const written = await ctx.database.db
        .select()
        .from(reportAccessLog)
        .where(eq(reportAccessLog.ipAddress, '192.0.2.1'));
      expect(written.map((r) => `${r.userId} ${r.reportId}`).sort()).toEqual(
        [`${alice.id} ${reports.alice}`, `${bob.id} ${reports.bob}`].sort(),
      );
    });
  });
});
