import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/connection.js';
import type { ServiceContext } from '../../context.js';
import { recordAudit } from '../../audit/record.js';
import { evidenceStorage } from '../evidence/storage.js';
import { getSystemSettings } from '../settings/service.js';
import * as repo from './repository.js';

export { PURGE_ACTION } from './repository.js';

const DAY = 86_400_000;

export interface AuditPurge {
  /** Whether `auditRetentionDays` is set; when not, nothing is counted or deleted. */
  enabled: boolean;
  retentionDays: number | null;
  /** Entries older than this instant are (or would be) deleted. */
  cutoff: string | null;
  entries: number;
}

export type IncidentPurge = {
  enabled: boolean;
  retentionDays: number | null;
  /** Events archived before this instant lose their incident data. */
  cutoff: string | null;
} & repo.IncidentCounts;

export interface PurgeResult {
  dryRun: boolean;
  ranAt: string;
  audit: AuditPurge;
  incidents: IncidentPurge;
}

const noIncidents: repo.IncidentCounts = {
  events: 0,
  reports: 0,
  comments: 0,
  commentRevisions: 0,
  evidence: 0,
  evidenceBytes: 0,
  history: 0,
  accessLog: 0,
  assignees: 0,
  notifications: 0,
};

/**
 * The retention purge: incident data of events archived longer than `incidentRetentionDays`,
 * then audit entries older than `auditRetentionDays`, each kind in its own transaction with its
 * own `system.retention.purge` entry (written after the deletion, so never deleted by it). A
 * dry run counts without deleting, and is audited as one.
 */
export async function purge(
  db: Database,
  ctx: ServiceContext,
  { dryRun, now = new Date() }: { dryRun: boolean; now?: Date },
): Promise<PurgeResult> {
  const settings = await getSystemSettings(db);
  const incidents = await purgeIncidents(db, ctx, settings.incidentRetentionDays, now, dryRun);
  const audit = await purgeAudit(db, ctx, settings.auditRetentionDays, now, dryRun);
  return { dryRun, ranAt: now.toISOString(), audit, incidents };
}

async function purgeIncidents(
  db: Database,
  ctx: ServiceContext,
  days: number | null,
  now: Date,
  dryRun: boolean,
): Promise<IncidentPurge> {
  return db.transaction(async (tx) => {
    await purgeLock(tx);
    const cutoff = days === null ? null : new Date(now.getTime() - days * DAY);
    const counts = cutoff ? await repo.countExpiredIncidentData(tx, cutoff) : noIncidents;
    if (cutoff && !dryRun && counts.reports > 0) {
      // The bytes first, through the storage interface (the default store is this database, in
      // this transaction), then the rows.
      const store = evidenceStorage(tx);
      for (const key of await repo.expiredEvidenceKeys(tx, cutoff)) await store.delete(key);
      await repo.deleteExpiredIncidentData(tx, cutoff);
    }
    const result = {
      enabled: cutoff !== null,
      retentionDays: days,
      cutoff: cutoff?.toISOString() ?? null,
      ...counts,
    };
    await recordAudit(tx, ctx, {
      scope: { type: 'system' },
      action: repo.PURGE_ACTION,
      target: { type: 'retention', id: 'incident_data' },
      after: { dryRun, ...result },
    });
    return result;
  });
}

async function purgeAudit(
  db: Database,
  ctx: ServiceContext,
  days: number | null,
  now: Date,
  dryRun: boolean,
): Promise<AuditPurge> {
  return db.transaction(async (tx) => {
    await purgeLock(tx);
    const cutoff = days === null ? null : new Date(now.getTime() - days * DAY);
    let entries = 0;
    if (cutoff) {
      entries = dryRun
        ? await repo.countOldAuditEntries(tx, cutoff)
        : await repo.deleteOldAuditEntries(tx, cutoff);
    }
    const result = {
      enabled: cutoff !== null,
      retentionDays: days,
      cutoff: cutoff?.toISOString() ?? null,
      entries,
    };
    await recordAudit(tx, ctx, {
      scope: { type: 'system' },
      action: repo.PURGE_ACTION,
      target: { type: 'retention', id: 'audit_entries' },
      after: { dryRun, ...result },
    });
    return result;
  });
}

/** Whether either retention is set: the daily run does nothing (and records nothing) otherwise. */
export async function retentionConfigured(db: Database): Promise<boolean> {
  const s = await getSystemSettings(db);
  return s.auditRetentionDays !== null || s.incidentRetentionDays !== null;
}

/**
 * One purge at a time across every process (the daily timer, an admin's run, another process):
 * the second waits, then counts what is left, so no entry records counts it did not delete.
 */
async function purgeLock(tx: Executor) {
  await tx.execute(sql`select pg_advisory_xact_lock(${PURGE_LOCK_KEY})`);
}

/** The advisory lock key of retention purges (any number no other lock in Steward uses). */
const PURGE_LOCK_KEY = 0x57_3e_77_01;
