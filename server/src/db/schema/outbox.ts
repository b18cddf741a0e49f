import { sql, type SQLWrapper } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { timeOrderedId } from './ids.js';

/** Where an email stands: waiting (or being tried), delivered, or given up on. */
export const emailStatuses = ['pending', 'sending', 'sent', 'failed'] as const;
export type EmailStatus = (typeof emailStatuses)[number];

/**
 * "Not finished yet": the predicate of the due index, written as SQL text, not parameters. The
 * worker's claim must say it in these words: its statement is prepared and planned once for any
 * values (db/connection.ts), and a plan for a status given as a parameter cannot use an index
 * that holds only these statuses. It scanned the whole outbox, sent messages and all, instead.
 */
export const emailUnfinished = (status: SQLWrapper) => sql`${status} in ('pending', 'sending')`;

/**
 * The transactional email outbox (SPEC §10). A service inserts its message in the transaction of
 * the change it tells about; the delivery worker sends it later, with retries. Without SMTP the
 * table is also the development mailbox that system admins read in the app.
 *
 * The related user carries no foreign key, like the audit log: the record of a message sent must
 * outlive the account it went to.
 *
 * Storage settings the schema cannot say: vacuumed after every 2,000 dead rows (migration 0013),
 * and the bodies kept out of the row, so that claiming and marking a message do not copy them
 * (migration 0016).
 */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: timeOrderedId(),
    /** The template that made it, e.g. `auth.password_reset`: for filtering and troubleshooting. */
    kind: text('kind').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    // Emptied once SMTP has delivered the message: its links (password resets) must not linger.
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    userId: text('user_id'),
    status: text('status').$type<EmailStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** When the worker may take it next; while `sending`, when its claim lapses. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set by the worker that claims it, so a lapsed claim cannot record a stale outcome. */
    claimId: uuid('claim_id'),
    lastError: text('last_error'),
    /** `smtp` or `log` (the development outbox): how it went out. */
    deliveredVia: text('delivered_via'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    // The worker's question: what is due? Only unfinished rows are indexed.
    index('email_outbox_due_idx').on(t.nextAttemptAt).where(emailUnfinished(t.status)),
    index('email_outbox_created_idx').on(t.createdAt, t.id),
  ],
);
