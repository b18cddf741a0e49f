import type { Scope } from '@steward/permissions';
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/connection.js';
import { preparedStatement } from '../db/prepared.js';
import { auditEntries, newTimeOrderedId } from '../db/schema/index.js';
import type { RequestOrigin, ServiceContext } from '../context.js';
import type { DeniedError } from '../errors.js';

export interface AuditEvent {
  scope: { type: Scope; id?: string | null };
  /** A stable dotted name, e.g. `system.setup.complete` or `event.team.assign`. */
  action: string;
  outcome?: 'success' | 'denied';
  target?: { type: string; id: string };
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/**
 * The one way anything is written to the audit log. Pass the transaction that makes the change,
 * so the entry and the change commit or roll back together.
 */
export async function recordAudit(
  tx: Executor,
  ctx: ServiceContext,
  event: AuditEvent,
): Promise<void> {
  await insertEntry(tx).execute({
    actorId: ctx.actor?.userId ?? null,
    scopeType: event.scope.type,
    scopeId: event.scope.id ?? null,
    action: event.action,
    outcome: event.outcome ?? 'success',
    targetType: event.target?.type ?? null,
    targetId: event.target?.id ?? null,
    before: jsonOrNull(event.before),
    after: jsonOrNull(event.after),
    reason: event.reason ?? null,
    requestId: ctx.origin.requestId,
    ipAddress: ctx.origin.ipAddress,
    userAgent: ctx.origin.userAgent,
  });
}

// Every change writes an entry: one statement built once (db/prepared.ts). The values are bound
// as they are; `before` and `after` go as JSON text, cast by the statement, so an absent one is
// SQL null and never JSON's `null`. The columns are in the table's order (a test reads every
// field back).
const insertEntry = preparedStatement((db) =>
  db
    .insert(auditEntries)
    .select(
      sql`select ${newTimeOrderedId}, now(), ${sql.placeholder('actorId')}::text,
        ${sql.placeholder('scopeType')}::text, ${sql.placeholder('scopeId')}::uuid,
        ${sql.placeholder('action')}::text, ${sql.placeholder('outcome')}::text,
        ${sql.placeholder('targetType')}::text, ${sql.placeholder('targetId')}::text,
        ${sql.placeholder('before')}::jsonb, ${sql.placeholder('after')}::jsonb,
        ${sql.placeholder('reason')}::text, ${sql.placeholder('requestId')}::text,
        ${sql.placeholder('ipAddress')}::text, ${sql.placeholder('userAgent')}::text`,
    )
    .prepare('audit_entry_insert'),
);

const jsonOrNull = (value: unknown) =>
  value === undefined || value === null ? null : JSON.stringify(value);

/**
 * A denied attempt (SPEC §10), in its own small write: there is no change to share a transaction
 * with. Written by the error handler, and by bulk actions for the items they refuse.
 */
export async function recordDenial(db: Executor, origin: RequestOrigin, error: DeniedError) {
  const { actorId, action, scope, target, reason } = error.denial;
  await recordAudit(
    db,
    { actor: actorId ? { userId: actorId } : null, origin },
    {
      scope,
      action,
      outcome: 'denied',
      ...(target ? { target } : {}),
      reason: `${error.code}: ${reason}`,
    },
  );
}
