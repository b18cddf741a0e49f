import { sql } from 'drizzle-orm';
import { rowsOf, type DatabaseHandle } from '../../server/src/db/connection.js';
import { generatedTables, refuseIfNotEmpty } from './guard.js';
import {
  checkForeignKey,
  createIndexes,
  dropBulkIndexes,
  isForeignKey,
  type DeferredIndex,
} from './indexes.js';
import { run, type Lane } from './lanes.js';

// On PostgreSQL the load runs in two sessions side by side (lanes.ts), so it cannot be one
// transaction, as it is on PGlite: each statement commits. "All of it or none of it" is kept
// another way. The bulk tables' indexes are dropped, and their definitions written to a marker
// table, in one transaction; the marker is dropped only once the load is complete and the indexes
// are back. A load that fails is undone at once (the tables emptied, the indexes made again); one
// that was killed leaves the marker, and the next `npm run db:generate` undoes it before it
// starts, as the benchmark does not use a database that holds one (bench/databases.ts).

/** The marker of a load in progress: the indexes it dropped. */
export const LOADING_MARKER = 'dataset_generation_in_progress';

type Log = (line: string) => void;

export async function loadOnPostgres<T>(
  handle: DatabaseHandle,
  load: (lanes: Lane[]) => Promise<T>,
  log: Log,
): Promise<T> {
  return handle.session((first) =>
    handle.session(async (second) => {
      const lanes = [first, second];
      try {
        for (const lane of lanes) {
          // Room for the hash joins and for building the deferred indexes in memory.
          await run(lane, `SET work_mem = '256MB'`);
          await run(lane, `SET maintenance_work_mem = '1GB'`);
          // Not waiting for each commit to reach the disk: a crash loses at most the load, which
          // the marker then undoes, never other data.
          await run(lane, `SET synchronous_commit = off`);
          // Memoize caches a lateral subquery's result by its parameters; here they differ on
          // every row (a report's id), so it would only add a hash lookup and an eviction to each.
          await run(lane, `SET enable_memoize = off`);
        }
        await undoInterrupted(first, log);
        const deferred = await first.transaction(async (tx) => {
          await refuseIfNotEmpty(tx);
          const dropped = await dropBulkIndexes(tx, log);
          await tx.execute(sql.raw(`CREATE TABLE ${LOADING_MARKER} (deferred jsonb NOT NULL)`));
          await tx.execute(
            sql`INSERT INTO ${sql.identifier(LOADING_MARKER)} VALUES (${JSON.stringify(dropped)}::jsonb)`,
          );
          return dropped;
        });
        try {
          const loaded = await load(lanes);
          await createIndexes(lanes, deferred, log);
          await run(first, `DROP TABLE ${LOADING_MARKER}`);
          return loaded;
        } catch (error) {
          await undo(first, deferred);
          throw error;
        }
      } finally {
        // The sessions go back to the pool as they were: settings, and temporary tables a failed
        // load left.
        for (const lane of lanes) {
          await run(lane, 'RESET ALL').catch(() => undefined);
          await run(lane, 'DISCARD TEMP').catch(() => undefined);
        }
      }
    }),
  );
}

/** Undoes a load that was killed before it was complete, if the marker says there was one. */
async function undoInterrupted(lane: Lane, log: Log) {
  const [{ marked }] = rowsOf<{ marked: boolean }>(
    await lane.execute(
      sql.raw(`SELECT to_regclass('public.${LOADING_MARKER}') IS NOT NULL AS marked`),
    ),
  ) as [{ marked: boolean }];
  if (!marked) return;
  const [marker] = rowsOf<{ deferred: DeferredIndex[] }>(
    await lane.execute(sql.raw(`SELECT deferred FROM ${LOADING_MARKER} LIMIT 1`)),
  );
  log('  (an earlier load was interrupted: undoing it first)');
  await undo(lane, marker?.deferred ?? []);
}

/**
 * Empties the generated tables and makes again whichever of the dropped indexes and constraints
 * are missing (a load may have failed while making them), then drops the marker.
 */
async function undo(lane: Lane, deferred: readonly DeferredIndex[]) {
  // The audit log refuses TRUNCATE (migration 0010). These entries are the load's own, in a
  // database it found empty: the trigger is set aside for this one statement, in a transaction,
  // so that no other session ever sees it disabled.
  await lane.transaction(async (tx) => {
    await run(tx, 'ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_truncate');
    await run(tx, `TRUNCATE ${generatedTables.join(', ')} CASCADE`);
    await run(tx, 'ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_truncate');
  });
  const present = rowsOf<{ name: string; checked: boolean }>(
    await lane.execute(sql`
      SELECT c.relname AS name, true AS checked FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'
      UNION SELECT con.conname, con.convalidated FROM pg_constraint con
      JOIN pg_namespace n ON n.oid = con.connamespace WHERE n.nspname = 'public'`),
  );
  // A load that failed while checking the foreign keys left some of them added NOT VALID
  // (indexes.ts): the tables are empty now, so checking them is immediate.
  for (const fk of deferred.filter(isForeignKey)) {
    if (present.some((p) => p.name === fk.name && !p.checked)) {
      await checkForeignKey(lane, fk);
    }
  }
  const missing = deferred.filter((index) => !present.some((p) => p.name === index.name));
  await createIndexes([lane], missing, () => undefined);
  await run(lane, `DROP TABLE IF EXISTS ${LOADING_MARKER}`);
}
