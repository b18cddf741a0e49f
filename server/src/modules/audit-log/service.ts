import { stringify } from 'csv-stringify/sync';
import type { Database, Executor } from '../../db/connection.js';
import type { ServiceContext } from '../../context.js';
import { recordAudit } from '../../audit/record.js';
import * as repo from './repository.js';
import type { AuditFilters } from './schema.js';

export type { AuditScope } from './repository.js';

/** The most entries one CSV export holds (the newest); a larger one is narrowed with filters. */
export const AUDIT_EXPORT_LIMIT = 10_000;

/**
 * Whether a log shows client addresses and user agents: only the system log. They are personal
 * data; the platform's operator has them in the server logs anyway, an event's or an
 * organization's admins have no need of them (docs/decisions.md, "Audit log and retention").
 */
const showsOrigin = (scope: repo.AuditScope) => scope.type === 'system';

/** An entry as the viewers show it. */
function present(row: repo.AuditRow, withOrigin: boolean) {
  return {
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    actor: row.actorId ? { id: row.actorId, name: row.actorName ?? 'Deleted account' } : null,
    action: row.action,
    outcome: row.outcome === 'denied' ? ('denied' as const) : ('success' as const),
    scope: { type: row.scopeType, id: row.scopeId },
    target: row.targetType && row.targetId ? { type: row.targetType, id: row.targetId } : null,
    before: row.before ?? null,
    after: row.after ?? null,
    reason: row.reason,
    requestId: row.requestId,
    ...(withOrigin ? { ipAddress: row.ipAddress, userAgent: row.userAgent } : {}),
  };
}

/** One page of a scope's log, newest first (the caller has authorized reading it). */
export async function listAudit(
  db: Executor,
  scope: repo.AuditScope,
  filters: AuditFilters,
  page: { page: number; pageSize: number },
) {
  const { rows, total } = await repo.pageOfEntries(db, scope, filters, {
    limit: page.pageSize,
    offset: (page.page - 1) * page.pageSize,
  });
  return { items: rows.map((r) => present(r, showsOrigin(scope))), total };
}

/**
 * A spreadsheet will not run a cell starting with = + - @ (or a tab or carriage return) once it
 * carries a leading apostrophe (CSV injection). Entries hold what people typed: names, reasons.
 */
const cell = (value: string | null | undefined) => {
  if (value === null || value === undefined) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
};

const json = (value: unknown) =>
  value === null || value === undefined ? '' : JSON.stringify(value);

const exportAction = {
  event: 'event.audit.export',
  organization: 'organization.audit.export',
  system: 'system.audit.export',
} as const;

/**
 * A scope's log as CSV with the viewer's filters, the newest AUDIT_EXPORT_LIMIT entries. The
 * export is written to that same log, in the transaction that read it.
 */
export async function exportAuditCsv(
  db: Database,
  ctx: ServiceContext,
  scope: repo.AuditScope,
  filters: AuditFilters,
): Promise<string> {
  const withOrigin = showsOrigin(scope);
  return db.transaction(async (tx) => {
    const rows = await repo.findEntries(tx, scope, filters, {
      limit: AUDIT_EXPORT_LIMIT,
      offset: 0,
    });
    const header = [
      'occurred_at',
      'actor_id',
      'actor_name',
      'action',
      'outcome',
      'scope_type',
      'scope_id',
      'target_type',
      'target_id',
      'before',
      'after',
      'reason',
      'request_id',
      ...(withOrigin ? ['ip_address', 'user_agent'] : []),
    ];
    const lines = rows.map((r) => [
      r.occurredAt.toISOString(),
      r.actorId,
      r.actorId ? (r.actorName ?? 'Deleted account') : null,
      r.action,
      r.outcome,
      r.scopeType,
      r.scopeId,
      r.targetType,
      r.targetId,
      json(r.before),
      json(r.after),
      r.reason,
      r.requestId,
      ...(withOrigin ? [r.ipAddress, r.userAgent] : []),
    ]);
    await recordAudit(tx, ctx, {
      scope: scope.type === 'system' ? { type: 'system' } : { type: scope.type, id: scope.id },
      action: exportAction[scope.type],
      after: {
        entries: lines.length,
        truncated: lines.length === AUDIT_EXPORT_LIMIT,
        filters,
      },
    });
    return stringify([header, ...lines.map((l) => l.map(cell))]);
  });
}

/** Refused sign-ins grouped by the address tried (system admins' security view). */
export async function listDeniedSignIns(
  db: Executor,
  query: { from?: string | undefined; to?: string | undefined; page: number; pageSize: number },
) {
  const { items, total } = await repo.deniedSignIns(db, query, {
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return {
    items: items.map((r) => ({
      ...r,
      firstAt: r.firstAt.toISOString(),
      lastAt: r.lastAt.toISOString(),
    })),
    total,
  };
}
