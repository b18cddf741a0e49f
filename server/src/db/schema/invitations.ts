import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth.js';

/**
 * An invitation sent by email to take a role in one scope (SPEC §7). Only the SHA-256 of its
 * token is kept: the token itself exists only in the email. Accepted, revoked and expired
 * invitations stay, so an old link can say which of those it is.
 */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    scopeType: text('scope_type').notNull(),
    scopeId: uuid('scope_id').notNull(),
    role: text('role').notNull(),
    email: text('email').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    message: text('message'),
    invitedBy: text('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: text('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('invitations_scope_idx').on(t.scopeType, t.scopeId)],
);

/**
 * A shareable invite link (SPEC §7): a role in one scope, an expiry, a use limit and a note.
 * Only the token's SHA-256 is kept; `useCount` never passes `maxUses`, even when many people
 * redeem at once (one conditional UPDATE decides each redemption).
 */
export const inviteLinks = pgTable(
  'invite_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    scopeType: text('scope_type').notNull(),
    scopeId: uuid('scope_id').notNull(),
    role: text('role').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    note: text('note'),
    maxUses: integer('max_uses').notNull(),
    useCount: integer('use_count').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
  },
  (t) => [
    index('invite_links_scope_idx').on(t.scopeType, t.scopeId),
    check('invite_links_uses', sql`${t.useCount} >= 0 and ${t.useCount} <= ${t.maxUses}`),
  ],
);

/** Who redeemed an invite link: one use per person, whatever they click. */
export const inviteLinkUses = pgTable(
  'invite_link_uses',
  {
    linkId: uuid('link_id')
      .notNull()
      .references(() => inviteLinks.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    usedAt: timestamp('used_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.linkId, t.userId] })],
);
