import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { sql } from 'drizzle-orm';
import { migrationsFolder } from '../paths.js';
import type { Database, DatabaseHandle } from './connection.js';

// Any constant shared by every Steward process: app processes starting together on one
// PostgreSQL take turns migrating instead of racing.
const MIGRATION_LOCK_KEY = 7_310_442_001;

/** Applies every pending migration; safe to run from several processes at once. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  await handle.withExclusiveLock(MIGRATION_LOCK_KEY, async (db) => {
    if (handle.kind === 'pglite') {
      await migratePglite(db as unknown as PgliteDatabase, { migrationsFolder });
    } else {
      await migratePg(db as unknown as NodePgDatabase, { migrationsFolder });
    }
  });
}

export interface MigrationStatus {
  current: boolean;
  applied: number;
  expected: number;
}

let shippedCache: ReturnType<typeof readMigrationFiles> | undefined;
function shippedMigrations() {
  shippedCache ??= readMigrationFiles({ migrationsFolder });
  return shippedCache;
}

/** Compares the newest applied migration with the newest one this build ships. */
export async function migrationStatus(db: Database): Promise<MigrationStatus> {
  const shipped = shippedMigrations();
  const newest = Math.max(...shipped.map((m) => m.folderMillis));
  let rows: { created_at: string | number | null; count: string | number }[] = [];
  try {
    const result = (await db.execute(
      sql`select max(created_at) as created_at, count(*) as count from drizzle.__drizzle_migrations`,
    )) as unknown as { rows: typeof rows };
    rows = result.rows;
  } catch {
    // No migrations table yet: nothing applied.
  }
  const appliedNewest = Number(rows[0]?.created_at ?? 0);
  return {
    current: appliedNewest >= newest,
    applied: Number(rows[0]?.count ?? 0),
    expected: shipped.length,
  };
}
