import { sql } from 'drizzle-orm';
import { uuid } from 'drizzle-orm/pg-core';

/**
 * The id of a row in a log-like table (the audit log, notifications, the email outbox, a report's
 * history and access log): a UUID whose first 48 bits are the time it was made in milliseconds
 * (version 7, RFC 9562), from `uuid_time_ordered()` (migration 0015). These tables take a row or
 * several on nearly every change; with random ids every row landed on a random page of the
 * primary key's index, and after each checkpoint the first change to each such page wrote a copy
 * of the whole page to the write-ahead log: a report submission's log grew from 70 to 125 KB
 * right after a checkpoint, and commits queued behind the flushes (docs/PERFORMANCE.md,
 * thirteenth round). Time-ordered, new rows fill the index's last pages.
 *
 * Only where the row's time is no secret: each of these tables shows its own time next to the id.
 * Reports, comments and people keep random ids, which tell nothing about them.
 */
export const timeOrderedId = () =>
  uuid('id')
    .primaryKey()
    .default(sql`uuid_time_ordered()`);

/** The same, in a statement that lists every column (an INSERT … SELECT). */
export const newTimeOrderedId = sql`uuid_time_ordered()`;
