import { sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../server/src/db/connection.js';

// Maintaining an index row by row while millions of rows arrive costs far more than building it
// once from the loaded table (a sort, or for GIN a bulk build). The biggest cost is the reports'
// GIN index on their generated tsvector: every inserted report adds a dozen entries to it. So the
// plain indexes of the tables loaded in bulk are dropped before loading and created again after
// it, from the definitions the database itself reports (pg_indexes.indexdef), in the same
// transaction: the schema afterwards is exactly the one the migrations made, and if the load
// fails, the transaction rolls the drops back with everything else. Indexes that back a
// constraint (primary keys, unique constraints) stay: they check the rows as they arrive, and
// foreign keys need them.

/** The tables loaded in bulk whose plain indexes are built after the load. */
const bulkTables = [
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
  definition: string;
}

/** Drops the plain indexes of the bulk tables; returns their definitions, to build them later. */
export async function dropBulkIndexes(tx: Executor): Promise<DeferredIndex[]> {
  const result = await tx.execute(sql`
    SELECT i.indexname AS name, i.indexdef AS definition
    FROM pg_indexes i
    WHERE i.schemaname = 'public'
      AND i.tablename IN (${sql.join(
        bulkTables.map((t) => sql`${t}`),
        sql`, `,
      )})
      AND NOT EXISTS (
        SELECT 1 FROM pg_constraint c
        WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass
      )
    ORDER BY i.indexname`);
  const indexes = rowsOf<DeferredIndex>(result);
  for (const index of indexes) {
    await tx.execute(sql.raw(`DROP INDEX "public"."${index.name.replace(/"/g, '""')}"`));
  }
  return indexes;
}

/** Builds the dropped indexes again, exactly as they were defined. */
export async function createIndexes(tx: Executor, indexes: readonly DeferredIndex[]) {
  for (const index of indexes) await tx.execute(sql.raw(index.definition));
}
