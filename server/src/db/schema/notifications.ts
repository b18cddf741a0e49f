import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { timeOrderedId } from './ids.js';
import { users } from './auth.js';
import { events } from './structure.js';

// Telling the right people in time (SPEC §10): in-app notifications with per-person preferences,
// and per-event webhooks for new reports.

/** One notification for one person. Incident content is read through its target at read time. */
export const notifications = pgTable(
  'notifications',
  {
    id: timeOrderedId(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** A notification type of SPEC §10: report.new, report.assigned, role.changed, … */
    kind: text('kind').notNull(),
    /** The event it is about, if any (for deletion with the event's data, and for links). */
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'cascade' }),
    targetType: text('target_type'),
    targetId: text('target_id'),
    /** A short line for the list; never more incident detail than the report's title. */
    title: text('title').notNull(),
    /** Where it leads in the app: a path such as /reports/<id>. */
    link: text('link').notNull(),
    /** Who caused it, when someone did. */
    actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_unread_idx')
      .on(t.userId)
      .where(sql`${t.readAt} is null`),
  ],
);

/** A person's choice per notification type and channel; a missing row means the default. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    inApp: boolean('in_app').notNull(),
    email: boolean('email').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/**
 * A per-event webhook for new reports: Slack- or Discord-compatible incoming webhooks, or a
 * generic JSON webhook signed with HMAC (its secret is shown once when created).
 */
export const webhooks = pgTable(
  'webhooks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    format: text('format').notNull(),
    url: text('url').notNull(),
    /** The signing secret of a generic webhook (shown once); null for Slack and Discord. */
    secret: text('secret'),
    description: text('description').notNull().default(''),
    enabled: boolean('enabled').notNull().default(true),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhooks_event_idx').on(t.eventId)],
);

/** One payload for one webhook, delivered with retries like the email outbox. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    webhookId: uuid('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    lastStatus: integer('last_status'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_webhook_idx').on(t.webhookId, t.createdAt),
  ],
);
