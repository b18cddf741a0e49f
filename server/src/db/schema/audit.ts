import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { timeOrderedId } from './ids.js';

/**
 * The append-only audit log (SPEC §10). Written only through server/src/audit, in the same
 * transaction as the change it records. Actor ids carry no foreign key on purpose: an entry
 * must outlive the account it names.
 */
export const auditEntries = pgTable(
  'audit_entries',
  {
    id: timeOrderedId(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actorId: text('actor_id'),
    scopeType: text('scope_type').notNull(),
    scopeId: uuid('scope_id'),
    action: text('action').notNull(),
    outcome: text('outcome').notNull().default('success'),
    targetType: text('target_type'),
    targetId: text('target_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason'),
    requestId: text('request_id'),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
  },
  (t) => [
    index('audit_entries_scope_idx').on(t.scopeType, t.scopeId, t.occurredAt),
    index('audit_entries_actor_idx').on(t.actorId, t.occurredAt),
  ],
);
