import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.js';

/**
 * A role held by a user in one scope (SPEC §2). System roles have no scope id. Relationships
 * (author, assignee, attendee) are not stored here: they are facts of their own records.
 */
export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    scopeType: text('scope_type').notNull(),
    scopeId: uuid('scope_id'),
    grantedBy: text('granted_by').references(() => users.id, { onDelete: 'set null' }),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    reason: text('reason'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [
    unique('role_assignments_unique')
      .on(t.userId, t.role, t.scopeType, t.scopeId)
      .nullsNotDistinct(),
    // An actor's assignments are loaded in one query by user; scope lookups list a team.
    index('role_assignments_scope_idx').on(t.scopeType, t.scopeId),
    // System roles have no scope id; every other scope names one.
    check('role_assignments_scope_id', sql`(${t.scopeType} = 'system') = (${t.scopeId} is null)`),
  ],
);
