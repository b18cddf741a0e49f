import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { openDatabase, rowsOf } from '../src/db/connection.js';

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
