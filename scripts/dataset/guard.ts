import { sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../server/src/db/connection.js';

/** The database is not empty: the generator refuses to mix its rows with real ones. */
export class NotEmptyError extends Error {}

/** Throws NotEmptyError unless the database holds no organization yet. */
export async function refuseIfNotEmpty(db: Executor) {
  const existing = rowsOf<{ n: number }>(
    await db.execute(sql`SELECT count(*)::int AS n FROM organizations`),
  )[0]!.n;
  if (existing > 0) {
    throw new NotEmptyError(
      `The database already holds ${existing} organization(s). Generate into an empty database ` +
        '(a new PostgreSQL database, or a new DATA_DIR for the embedded one).',
    );
  }
}
