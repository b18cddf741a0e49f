import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../src/db/connection.js';
import { emailOutbox } from '../../src/db/schema/index.js';

/**
 * The messages queued to one address (or to anyone), oldest first, straight from the outbox
 * table: what tests assert on, whatever state delivery has reached.
 */
export async function outboxMessages(db: Executor, to?: string) {
  return db
    .select()
    .from(emailOutbox)
    .where(to ? eq(emailOutbox.toAddress, to) : undefined)
    .orderBy(asc(emailOutbox.createdAt), asc(emailOutbox.id));
}

/** The first http(s) link in a plain text body, e.g. to follow a verification link. */
export function firstLink(text: string): string {
  const match = /https?:\/\/\S+/.exec(text);
  if (!match) throw new Error(`no link in:\n${text}`);
  return match[0];
}
