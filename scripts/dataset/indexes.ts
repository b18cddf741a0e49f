import { sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../server/src/db/connection.js';
import { fromOneQueue, secondsSince, type Lane } from './lanes.js';

// Maintaining an index row by row while millions of rows arrive costs far more than building it
// once from the loaded table (a sort, or for GIN a bulk build). The biggest cost is the reports'
// GIN index on their generated tsvector: every inserted report adds a dozen entries to it. So the
// plain indexes of the tables loaded in bulk are dropped before loading and created again after
// it, from the definitions the database itself reports (pg_indexes.indexdef), in the same
// transaction: the schema afterwards is exactly the one the migrations made, and if the load
// fails, the transaction rolls the drops back with everything else. Unique constraints other
// than primary keys are treated the same way (dropped, then added again from
// pg_get_constraintdef under their own name, which checks every row when it builds the index):
// their keys (idempotency keys, token hashes, event and user) arrive in random order, and at
// scale 10 such an index outgrows the buffer cache. Primary keys stay: foreign keys need them.
//
// The foreign keys of the bulk tables are dropped and added again the same way. Kept, each of the
// millions of inserted rows queues a trigger that looks its parents up one by one, and locks them
// (FOR KEY SHARE, which writes to the parent row); added again after the load, PostgreSQL checks
// all rows at once with one join (VALIDATE CONSTRAINT, after adding it NOT VALID: createIndexes),
// so a generated row that broke one would still fail the load. Foreign keys from other tables into
// the bulk tables stay: inserting a parent row checks nothing.

/** The tables loaded in bulk whose plain indexes are built after the load. */
export const bulkTables = [
  'users',
  'accounts',
  'rsvps',
  'reports',
  'report_assignees',
  'report_history',
  'report_comments',
  'audit_entries',
];

export interface DeferredIndex {
  name: string;
  /** The table it is on. */
  table: string;
  /** CREATE INDEX … for a plain index; null for a constraint. */
  definition: string | null;
  /** For a unique or foreign-key constraint: its definition (`UNIQUE (…)`, …). */
  constraint?: string;
}

const tableList = () =>
  sql.join(
    bulkTables.map((t) => sql`${t}`),
    sql`, `,
  );

/**
 * Drops the plain indexes, unique constraints and foreign keys of the bulk tables; returns their
 * definitions, to make them again later.
 */
export async function dropBulkIndexes(
  tx: Executor,
  log: (line: string) => void,
): Promise<DeferredIndex[]> {
  const t0 = performance.now();
  const result = await tx.execute(sql`
    SELECT i.indexname AS name, i.tablename AS "table", i.indexdef AS definition
    FROM pg_indexes i
    WHERE i.schemaname = 'public'
      AND i.tablename IN (${tableList()})
      AND NOT EXISTS (
        SELECT 1 FROM pg_constraint c
        WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass
      )
    ORDER BY i.indexname`);
  const indexes = rowsOf<DeferredIndex>(result);
  for (const index of indexes) {
    await tx.execute(sql.raw(`DROP INDEX "public".${quote(index.name)}`));
  }
  const uniques = rowsOf<{ name: string; table: string; constraint: string }>(
    await tx.execute(sql`
      SELECT c.conname AS name, t.relname AS "table", pg_get_constraintdef(c.oid) AS "constraint"
      FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'public' AND c.contype = 'u' AND t.relname IN (${tableList()})
      ORDER BY c.conname`),
  );
  for (const u of uniques) {
    await tx.execute(
      sql.raw(`ALTER TABLE "public".${quote(u.table)} DROP CONSTRAINT ${quote(u.name)}`),
    );
  }
  const foreignKeys = rowsOf<{ name: string; table: string; constraint: string }>(
    await tx.execute(sql`
      SELECT c.conname AS name, t.relname AS "table", pg_get_constraintdef(c.oid) AS "constraint"
      FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'public' AND c.contype = 'f' AND t.relname IN (${tableList()})
      ORDER BY c.conname`),
  );
  for (const f of foreignKeys) {
    await tx.execute(
      sql.raw(`ALTER TABLE "public".${quote(f.table)} DROP CONSTRAINT ${quote(f.name)}`),
    );
  }
  // Foreign keys last, so they are added (and checked) once the unique indexes are back.
  const deferred = [
    ...indexes,
    ...uniques.map((u) => ({ ...u, definition: null })),
    ...foreignKeys.map((f) => ({ ...f, definition: null })),
  ];
  log(
    `  (${deferred.length} indexes and constraints deferred until the tables are loaded, ${secondsSince(t0)} s)`,
  );
  return deferred;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export const isForeignKey = (index: DeferredIndex) =>
  index.constraint?.startsWith('FOREIGN KEY') ?? false;

/**
 * Makes one dropped index or constraint again, exactly as it was defined; a foreign key NOT
 * VALID, to be checked next (createIndexes).
 */
async function create(lane: Lane, index: DeferredIndex) {
  const unchecked = isForeignKey(index) ? ' NOT VALID' : '';
  await lane.execute(
    sql.raw(
      index.definition ??
        `ALTER TABLE "public".${quote(index.table)} ADD CONSTRAINT ${quote(index.name)} ${index.constraint!}${unchecked}`,
    ),
  );
}

/** Checks every row against a foreign key added NOT VALID, which it then is like any other. */
export async function checkForeignKey(lane: Lane, fk: DeferredIndex) {
  await lane.execute(
    sql.raw(`ALTER TABLE "public".${quote(fk.table)} VALIDATE CONSTRAINT ${quote(fk.name)}`),
  );
}

/** The progress line between adding the foreign keys unchecked and checking them. */
export const CHECKING_FOREIGN_KEYS = '  (foreign keys added, checking them)';

/**
 * Makes the dropped indexes and constraints again. The indexes and unique constraints are built
 * side by side, one per lane, those of the biggest tables first (so that no lane is left with a
 * long one at the end while the other waits). Then the foreign keys, in two steps. Adding one
 * checks every row, and locks its table and the table it refers to against each other's
 * additions (SHARE ROW EXCLUSIVE), so two at once that refer to `users` would wait for each
 * other, and they were added one after another. So each is added NOT VALID first, which is only
 * a change of the catalog, and then checked with VALIDATE CONSTRAINT, which locks only its own
 * table against other checks and lets the table it refers to be read: the checks of different
 * tables go side by side, a table's own one after another in one lane. A checked constraint is
 * the one the migrations made (pg_constraint.convalidated).
 */
export async function createIndexes(
  lanes: readonly Lane[],
  indexes: readonly DeferredIndex[],
  log: (line: string) => void,
) {
  const t0 = performance.now();
  const sizes = new Map(
    rowsOf<{ table: string; bytes: string }>(
      await lanes[0]!.execute(sql`
        SELECT c.relname AS "table", pg_total_relation_size(c.oid)::text AS bytes
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relname IN (${tableList()})`),
    ).map((r) => [r.table, Number(r.bytes)]),
  );
  const biggestFirst = (a: { table: string }, b: { table: string }) =>
    (sizes.get(b.table) ?? 0) - (sizes.get(a.table) ?? 0);
  const built = indexes.filter((index) => !isForeignKey(index)).sort(biggestFirst);
  await fromOneQueue(lanes, built, create);

  const foreignKeys = indexes.filter(isForeignKey);
  for (const fk of foreignKeys) await create(lanes[0]!, fk);
  if (foreignKeys.length > 0) log(CHECKING_FOREIGN_KEYS);
  const byTable = [...new Set(foreignKeys.map((fk) => fk.table))]
    .map((table) => ({ table, keys: foreignKeys.filter((fk) => fk.table === table) }))
    .sort(biggestFirst);
  await fromOneQueue(lanes, byTable, async (lane, { keys }) => {
    for (const fk of keys) await checkForeignKey(lane, fk);
  });
  log(`  (${indexes.length} indexes and constraints made in ${secondsSince(t0)} s)`);
}
