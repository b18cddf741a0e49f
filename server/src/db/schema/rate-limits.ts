import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Rate-limit counters shared by every app process (when Redis is not configured): one row per
 * limited key and fixed window. Keys hold a hash, never an address or an email. Rows past
 * `expires_at` are dead and swept periodically (server/src/rate-limit/database-store.ts).
 * UNLOGGED (migration 0014; Drizzle cannot say so here): a hit does not wait for the disk while
 * it holds its key's row, and a crash of the database server starts the counters again.
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    count: integer('count').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rate_limits_expires_at_idx').on(t.expiresAt)],
);
