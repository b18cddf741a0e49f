import { sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../db/connection.js';

// The SQL of the retention purge. This module is the only code that deletes audit entries, and
// it does so only in a transaction that said `SET LOCAL steward.retention_purge = 'on'` (the
// trigger of migration 0010 refuses every other UPDATE, DELETE or TRUNCATE).

/** The purge's own entries: never purged, so what was deleted, when and by whom stays known. */
export const PURGE_ACTION = 'system.retention.purge';

/** Audit entries older than `cutoff`, but never the purge's own. */
export async function countOldAuditEntries(tx: Executor, cutoff: Date): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await tx.execute(sql`
      select count(*)::int as n from audit_entries
      where occurred_at < ${cutoff.toISOString()}::timestamptz and action <> ${PURGE_ACTION}`),
  );
  return Number(row?.n ?? 0);
}

/**
 * Deletes audit entries older than `cutoff` (never the purge's own), in the caller's
 * transaction, which this marks as the retention purge's for the append-only trigger.
 */
export async function deleteOldAuditEntries(tx: Executor, cutoff: Date): Promise<number> {
  await tx.execute(sql`set local steward.retention_purge = 'on'`);
  const rows = rowsOf<{ id: string }>(
    await tx.execute(sql`
      delete from audit_entries
      where occurred_at < ${cutoff.toISOString()}::timestamptz and action <> ${PURGE_ACTION}
      returning id`),
  );
  // Anything later in this transaction is back under the trigger's rule.
  await tx.execute(sql`set local steward.retention_purge = 'off'`);
  return rows.length;
}

/** The incident data of events archived before `cutoff`, counted per kind. */
export interface IncidentCounts {
  events: number;
  reports: number;
  comments: number;
  commentRevisions: number;
  evidence: number;
  evidenceBytes: number;
  history: number;
  accessLog: number;
  assignees: number;
  notifications: number;
}

/** The reports of events archived before `cutoff` (each report of such an event: all of them). */
const expiredReports = (cutoff: Date) => sql`
  select r.id from reports r join events e on e.id = r.event_id
  where e.status = 'archived' and e.archived_at < ${cutoff.toISOString()}::timestamptz`;

/** Notifications pointing at those reports, their comments or their evidence. */
const expiredNotifications = (cutoff: Date) => sql`
  select n.id from notifications n
  where (n.target_type = 'report' and n.target_id in (select id::text from (${expiredReports(cutoff)}) x))
     or (n.target_type = 'comment' and n.target_id in (
          select c.id::text from report_comments c where c.report_id in (${expiredReports(cutoff)})))
     or (n.target_type = 'evidence' and n.target_id in (
          select v.id::text from report_evidence v where v.report_id in (${expiredReports(cutoff)})))`;

/** Counts what a purge of incident data older than `cutoff` would delete. */
export async function countExpiredIncidentData(
  tx: Executor,
  cutoff: Date,
): Promise<IncidentCounts> {
  const r = expiredReports(cutoff);
  const [row] = rowsOf<Record<keyof IncidentCounts, number | string>>(
    await tx.execute(sql`
      select
        (select count(distinct e.id)::int from events e join reports rr on rr.event_id = e.id
          where e.status = 'archived' and e.archived_at < ${cutoff.toISOString()}::timestamptz) as "events",
        (select count(*)::int from (${r}) x) as "reports",
        (select count(*)::int from report_comments where report_id in (${r})) as "comments",
        (select count(*)::int from report_comment_revisions where comment_id in (
          select id from report_comments where report_id in (${r}))) as "commentRevisions",
        (select count(*)::int from report_evidence where report_id in (${r})) as "evidence",
        (select coalesce(sum(size), 0)::bigint from report_evidence where report_id in (${r})) as "evidenceBytes",
        (select count(*)::int from report_history where report_id in (${r})) as "history",
        (select count(*)::int from report_access_log where report_id in (${r})) as "accessLog",
        (select count(*)::int from report_assignees where report_id in (${r})) as "assignees",
        (select count(*)::int from (${expiredNotifications(cutoff)}) y) as "notifications"`),
  );
  const out = {} as IncidentCounts;
  for (const key of Object.keys(row ?? {}) as (keyof IncidentCounts)[]) {
    out[key] = Number(row![key]);
  }
  return out;
}

/** The storage keys of the evidence of expired reports (their bytes go with them). */
export async function expiredEvidenceKeys(tx: Executor, cutoff: Date): Promise<string[]> {
  const rows = rowsOf<{ key: string }>(
    await tx.execute(sql`
      select storage_key as key from report_evidence where report_id in (${expiredReports(cutoff)})`),
  );
  return rows.map((x) => x.key);
}

/**
 * Deletes the reports of events archived before `cutoff` and the notifications pointing at
 * them; comments (with revisions), evidence rows, history, the access log and assignees go with
 * their report (ON DELETE CASCADE). The only place reports are ever hard-deleted.
 */
export async function deleteExpiredIncidentData(tx: Executor, cutoff: Date): Promise<void> {
  await tx.execute(sql`delete from notifications where id in (${expiredNotifications(cutoff)})`);
  await tx.execute(sql`delete from reports where id in (${expiredReports(cutoff)})`);
}
