import type { Decision } from '@steward/permissions';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { batched } from '../../db/batch.js';
import { preparedStatement } from '../../db/prepared.js';
import type { Executor } from '../../db/connection.js';
import { isDatabaseUnavailable } from '../../db/errors.js';
import { newTimeOrderedId, reportAccessLog } from '../../db/schema/index.js';
import type { RequestOrigin } from '../../context.js';

export type AccessKind = 'report' | 'evidence' | 'export';

export interface AccessRecord {
  reportId: string;
  /** The viewer's account; null for the anonymous follow-up link. */
  userId: string | null;
  what: AccessKind;
  /** The evidence seen, when `what` is evidence. */
  targetId?: string | null;
  /** The decision that let them see it: its reason says through which role or relationship. */
  decision: Decision;
  origin: RequestOrigin;
}

type AccessRow = Omit<typeof reportAccessLog.$inferInsert, 'id' | 'at'>;

// Any number of rows in one prepared statement: one array per column, unnested into rows.
const insertRows = preparedStatement((db) =>
  db
    .insert(reportAccessLog)
    .select(
      sql`select ${newTimeOrderedId}, report_id, user_id, what, target_id, via, now(), ip_address
        from unnest(${sql.placeholder('reportIds')}::uuid[], ${sql.placeholder('userIds')}::text[],
          ${sql.placeholder('whats')}::text[], ${sql.placeholder('targetIds')}::text[],
          ${sql.placeholder('vias')}::text[], ${sql.placeholder('ipAddresses')}::text[])
          as row (report_id, user_id, what, target_id, via, ip_address)`,
    )
    .prepare('report_access_log_insert'),
);

const insertAccessRows = (db: Executor, rows: readonly AccessRow[]) =>
  insertRows(db).execute({
    reportIds: rows.map((r) => r.reportId),
    userIds: rows.map((r) => r.userId ?? null),
    whats: rows.map((r) => r.what),
    targetIds: rows.map((r) => r.targetId ?? null),
    vias: rows.map((r) => r.via ?? null),
    ipAddresses: rows.map((r) => r.ipAddress ?? null),
  });

// Every opened report writes a row: the rows of reports opened at once are one insert
// (db/batch.ts). Should that insert fail, each row is tried alone, so that one bad row (a report
// purged a moment ago) fails its own request only; in a transaction, which the failure ended, or
// when the database is out of reach, the error stands.
const writeAccessLog = batched<AccessRow, true>(async (db, rows) => {
  try {
    await insertAccessRows(db, rows);
    return rows.map(() => true as const);
  } catch (err) {
    if (rows.length === 1 || db instanceof PgTransaction || isDatabaseUnavailable(err)) throw err;
    return Promise.all(
      rows.map((row) =>
        insertAccessRows(db, [row]).then(
          () => true as const,
          (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
        ),
      ),
    );
  }
});

/**
 * Writes views of reports to their access log (SPEC §10), several at once for an export. Called
 * after the engine allowed the view and before the data leaves the server: it resolves once the
 * rows are written (committed, outside a transaction).
 */
export async function recordAccess(tx: Executor, records: readonly AccessRecord[]) {
  if (records.length === 0) return;
  const rows = records.map((r) => ({
    reportId: r.reportId,
    userId: r.userId,
    what: r.what,
    targetId: r.targetId ?? null,
    via: r.decision.reason,
    ipAddress: r.origin.ipAddress,
  }));
  await writeAccessLog(tx, rows);
}
