import { sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../server/src/db/connection.js';
import { bulkTables } from './indexes.js';

/** The database is not empty: the generator refuses to mix its rows with real ones. */
export class NotEmptyError extends Error {}

/** Every table the generator fills. */
export const generatedTables = [
  ...bulkTables,
  'organizations',
  'chapters',
  'events',
  'role_assignments',
] as const;

/**
 * Throws NotEmptyError unless the generated tables, and every table that refers to one of them
 * through any chain of foreign keys, hold no row. On PostgreSQL a load that fails is undone by
 * emptying those tables (TRUNCATE … CASCADE, postgres-load.ts): a row that was there before, a
 * system setting or the first admin's account, would go with it.
 */
export async function refuseIfNotEmpty(db: Executor) {
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql`
      WITH RECURSIVE reached(t) AS (
        SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relname IN (${sql.join(
          generatedTables.map((t) => sql`${t}`),
          sql`, `,
        )})
        UNION SELECT con.conrelid FROM pg_constraint con JOIN reached ON con.confrelid = reached.t
        WHERE con.contype = 'f')
      SELECT c.relname AS name FROM reached JOIN pg_class c ON c.oid = reached.t
      ORDER BY c.relname`),
  ).map((r) => r.name);
  const holding = rowsOf<{ name: string }>(
    await db.execute(
      sql.raw(
        tables
          .map((t) => `SELECT '${t}' AS name WHERE EXISTS (SELECT 1 FROM "public"."${t}")`)
          .join(' UNION ALL '),
      ),
    ),
  ).map((r) => r.name);
  if (holding.length > 0) {
    throw new NotEmptyError(
      `The database already holds rows in ${holding.join(', ')}. Generate into an empty ` +
        'database (a new PostgreSQL database, or a new DATA_DIR for the embedded one).',
    );
  }
}
