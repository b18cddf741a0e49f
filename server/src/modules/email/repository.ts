import { and, count, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { emailOutbox, emailUnfinished } from '../../db/schema/index.js';

export interface NewEmailRow {
  kind: string;
  toAddress: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  userId: string | null;
}

/** Stores a message to send, in the caller's transaction. */
export async function insertEmail(tx: Executor, row: NewEmailRow): Promise<string> {
  const [inserted] = await tx.insert(emailOutbox).values(row).returning({ id: emailOutbox.id });
  return inserted!.id;
}

/**
 * Stores many messages in the caller's transaction, in one statement however many there are: an
 * array per column, unnested into rows (the other columns take their defaults).
 */
export async function insertEmails(tx: Executor, rows: readonly NewEmailRow[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <K extends keyof NewEmailRow>(key: K) => sql.param(rows.map((r) => r[key]));
  await tx.execute(sql`insert into email_outbox
      (kind, to_address, subject, text_body, html_body, user_id)
    select * from unnest(${column('kind')}::text[], ${column('toAddress')}::text[],
      ${column('subject')}::text[], ${column('textBody')}::text[], ${column('htmlBody')}::text[],
      ${column('userId')}::text[])`);
}

export type ClaimedEmail = Pick<
  typeof emailOutbox.$inferSelect,
  'id' | 'kind' | 'toAddress' | 'subject' | 'textBody' | 'htmlBody' | 'attempts'
>;

/**
 * Claims up to `limit` due messages for one worker, in one statement: the rows are locked with
 * `FOR UPDATE SKIP LOCKED`, so a concurrent worker passes over them instead of waiting, and
 * marked `sending` until `leaseUntil`, so no worker takes them again after this commits. A
 * worker that dies mid-send leaves its claim to lapse; the message is then due again. The
 * statement is returned unsent (awaiting it sends it): its test reads how PostgreSQL plans it.
 */
export function claimDue(
  db: Executor,
  opts: { now: Date; limit: number; leaseUntil: Date; claimId: string },
) {
  const due = db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(and(emailUnfinished(emailOutbox.status), lte(emailOutbox.nextAttemptAt, opts.now)))
    .orderBy(emailOutbox.nextAttemptAt)
    .limit(opts.limit)
    .for('update', { skipLocked: true });
  return db
    .update(emailOutbox)
    .set({
      status: 'sending',
      attempts: sql`${emailOutbox.attempts} + 1`,
      nextAttemptAt: opts.leaseUntil,
      claimId: opts.claimId,
    })
    .where(inArray(emailOutbox.id, due))
    .returning({
      id: emailOutbox.id,
      kind: emailOutbox.kind,
      toAddress: emailOutbox.toAddress,
      subject: emailOutbox.subject,
      textBody: emailOutbox.textBody,
      htmlBody: emailOutbox.htmlBody,
      attempts: emailOutbox.attempts,
    });
}

// Only the worker holding the claim may record the outcome: after a lapsed claim, another has it.
const claimed = (id: string, claimId: string) =>
  and(eq(emailOutbox.id, id), eq(emailOutbox.claimId, claimId), eq(emailOutbox.status, 'sending'));

/**
 * Records delivered messages, all of one claim, in one statement; `forget` empties their bodies
 * (delivered by SMTP, not kept).
 */
export async function markSent(
  db: Executor,
  ids: readonly string[],
  claimId: string,
  outcome: { at: Date; via: 'smtp' | 'log'; forget: boolean },
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(emailOutbox)
    .set({
      status: 'sent',
      sentAt: outcome.at,
      deliveredVia: outcome.via,
      lastError: null,
      claimId: null,
      ...(outcome.forget ? { textBody: '', htmlBody: '' } : {}),
    })
    .where(
      and(
        inArray(emailOutbox.id, [...ids]),
        eq(emailOutbox.claimId, claimId),
        eq(emailOutbox.status, 'sending'),
      ),
    );
}

/** Puts a message back in line, to be tried again at `at`. */
export async function scheduleRetry(
  db: Executor,
  id: string,
  claimId: string,
  retry: { at: Date; error: string },
): Promise<void> {
  await db
    .update(emailOutbox)
    .set({ status: 'pending', nextAttemptAt: retry.at, lastError: retry.error, claimId: null })
    .where(claimed(id, claimId));
}

/** Gives up on a message after its last attempt. */
export async function markFailed(
  db: Executor,
  id: string,
  claimId: string,
  error: string,
): Promise<void> {
  await db
    .update(emailOutbox)
    .set({ status: 'failed', lastError: error, claimId: null })
    .where(claimed(id, claimId));
}

/** One page of the outbox, newest first, and the number of messages in it. */
export async function listEmails(db: Executor, page: { limit: number; offset: number }) {
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: emailOutbox.id,
        kind: emailOutbox.kind,
        toAddress: emailOutbox.toAddress,
        subject: emailOutbox.subject,
        textBody: emailOutbox.textBody,
        userId: emailOutbox.userId,
        status: emailOutbox.status,
        attempts: emailOutbox.attempts,
        nextAttemptAt: emailOutbox.nextAttemptAt,
        lastError: emailOutbox.lastError,
        deliveredVia: emailOutbox.deliveredVia,
        createdAt: emailOutbox.createdAt,
        sentAt: emailOutbox.sentAt,
      })
      .from(emailOutbox)
      .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(emailOutbox),
  ]);
  return { items, total: total!.n };
}
