import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import {
  MAX_PREPARED_PER_CONNECTION,
  openDatabase,
  rowsOf,
  type DatabaseHandle,
} from '../src/db/connection.js';
import { preparedStatement } from '../src/db/prepared.js';
import { systemSettings } from '../src/db/schema/index.js';
import { createTestDatabase } from './support/database.js';

// On PostgreSQL, queries with parameters run as named prepared statements (plans kept per
// connection; docs/PERFORMANCE.md), unless DATABASE_PREPARED_STATEMENTS=false asks for none, for
// poolers that cannot keep them. Read off the session's own pg_prepared_statements.
const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)('prepared statements on PostgreSQL', () => {
  async function namedAfterTwoQueries(preparedStatements: boolean) {
    // One connection, so the second query and the look at the view share the first's session.
    const handle = await openDatabase({
      kind: 'postgres',
      url: serverUrl!,
      poolSize: 1,
      preparedStatements,
    });
    try {
      for (const n of [1, 2]) await handle.db.execute(sql`select ${n}::int + 1 as answer`);
      const rows = rowsOf<{ name: string; plan_cache_mode: string }>(
        await handle.db.execute(
          sql`select name, current_setting('plan_cache_mode') as plan_cache_mode
              from pg_prepared_statements`,
        ),
      );
      return {
        names: rows.map((r) => r.name),
        mode: rows[0]?.plan_cache_mode ?? (await mode(handle)),
      };
    } finally {
      await handle.close();
    }
  }

  const mode = async (handle: Awaited<ReturnType<typeof openDatabase>>) =>
    rowsOf<{ m: string }>(
      await handle.db.execute(sql`select current_setting('plan_cache_mode') m`),
    )[0]!.m;

  it('names each parameterized statement by its text and plans it once per connection', async () => {
    const { names, mode } = await namedAfterTwoQueries(true);
    expect(names.filter((n) => n.startsWith('s_'))).toHaveLength(1);
    expect(mode).toBe('force_generic_plan');
  });

  it('keeps at most MAX_PREPARED_PER_CONNECTION per connection; further texts still run', async () => {
    const handle = await openDatabase({
      kind: 'postgres',
      url: serverUrl!,
      poolSize: 1,
      preparedStatements: true,
    });
    try {
      // A text per n, as a list of n ids makes.
      const nth = async (n: number) =>
        rowsOf<{ answer: number }>(
          await handle.db.execute(sql`select ${n}::int + 1 as ${sql.identifier(`answer_${n}`)}`),
        ).length;
      for (let n = 0; n < MAX_PREPARED_PER_CONNECTION + 5; n++) expect(await nth(n)).toBe(1);
      expect(await nth(0)).toBe(1);
      const [{ count }] = rowsOf<{ count: number }>(
        await handle.db.execute(
          sql`select count(*)::int as count from pg_prepared_statements where name like 's\_%'`,
        ),
      ) as [{ count: number }];
      expect(count).toBe(MAX_PREPARED_PER_CONNECTION);
    } finally {
      await handle.close();
    }
  });

  it('prepares nothing when DATABASE_PREPARED_STATEMENTS=false', async () => {
    const { names, mode } = await namedAfterTwoQueries(false);
    expect(names).toEqual([]);
    expect(mode).toBe('auto');
  });
});

describe('DATABASE_PREPARED_STATEMENTS', () => {
  it('reads the setting from the environment, on by default', () => {
    const base = { AUTH_SECRET: 'x'.repeat(32) };
    expect(loadConfig(base).databasePreparedStatements).toBe(true);
    expect(
      loadConfig({ ...base, DATABASE_PREPARED_STATEMENTS: 'false' }).databasePreparedStatements,
    ).toBe(false);
  });
});

// A prepared statement is built once and bound to each executor's own connection
// (db/prepared.ts). Bound to the wrong one, a transaction's read would miss its own writes (on
// PostgreSQL) or wait forever behind the transaction itself (PGlite's one connection).
describe('statements built once (preparedStatement)', () => {
  let first: DatabaseHandle;
  let second: DatabaseHandle;
  let builds = 0;
  const settingByName = preparedStatement((db) => {
    builds += 1;
    return db
      .select({ value: systemSettings.value })
      .from(systemSettings)
      .where(eq(systemSettings.name, sql.placeholder('name')))
      .prepare('test_setting_by_name');
  });
  const valueOf = async (rows: Promise<{ value: unknown }[]>) => (await rows)[0]?.value ?? null;

  beforeAll(async () => {
    [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  });
  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
  });

  it('runs in a transaction on its connection: it sees the writes made there, and only there', async () => {
    const name = 'test.prepared.in_transaction';
    const db = first.db;
    expect(await valueOf(settingByName(db).execute({ name }))).toBeNull();
    await db
      .transaction(async (tx) => {
        await tx.insert(systemSettings).values({ name, value: 'written in the transaction' });
        expect(await valueOf(settingByName(tx).execute({ name }))).toBe(
          'written in the transaction',
        );
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Error) || !/rollback/i.test(error.message)) throw error;
      });
    expect(await valueOf(settingByName(db).execute({ name }))).toBeNull();
  });

  it('is built once, and each database and transaction runs it on its own connection', async () => {
    const name = 'test.prepared.per_database';
    await first.db.insert(systemSettings).values({ name, value: 'first' });
    await second.db.insert(systemSettings).values({ name, value: 'second' });
    const before = builds;
    const answers = await Promise.all([
      valueOf(settingByName(first.db).execute({ name })),
      valueOf(settingByName(second.db).execute({ name })),
      first.db.transaction((tx) => valueOf(settingByName(tx).execute({ name }))),
      second.db.transaction((tx) => valueOf(settingByName(tx).execute({ name }))),
    ]);
    expect(answers).toEqual(['first', 'second', 'first', 'second']);
    expect(builds - before).toBe(0);
    expect(builds).toBe(1);
  });
});
