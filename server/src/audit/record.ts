import type { Scope } from '@steward/permissions';
import type { Executor } from '../db/connection.js';
import { auditEntries } from '../db/schema/index.js';
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
  await tx.insert(auditEntries).values({
    actorId: ctx.actor?.userId ?? null,
    scopeType: event.scope.type,
    scopeId: event.scope.id ?? null,
    action: event.action,
    outcome: event.outcome ?? 'success',
    targetType: event.target?.type ?? null,
    targetId: event.target?.id ?? null,
    before: event.before ?? null,
    after: event.after ?? null,
    reason: event.reason ?? null,
    requestId: ctx.origin.requestId,
    ipAddress: ctx.origin.ipAddress,
    userAgent: ctx.origin.userAgent,
  });
}

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
