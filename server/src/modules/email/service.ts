import { z } from 'zod';
import type { Database, Executor } from '../../db/connection.js';
import * as outbox from './repository.js';
import { signalEnqueued } from './worker.js';

/** A message to send: one recipient, both bodies, and what it is about. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The template that made it, a dotted name such as `auth.password_reset`. */
  kind: string;
  /** The account it goes to, when it goes to one. */
  userId?: string | null;
}

// A programming error, not a user's: callers pass addresses they have already validated.
const emailMessage = z.object({
  to: z.email().max(320),
  subject: z
    .string()
    .min(1)
    .max(998)
    .refine((s) => !/[\r\n]/.test(s), 'has a line break'),
  text: z.string().min(1),
  html: z.string().min(1),
  kind: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/),
  userId: z.string().nullish(),
});

/**
 * Queues an email in the caller's transaction: it is sent only if the transaction commits, and
 * a failing mail server never undoes the change it tells about. Returns the message's id.
 */
export async function enqueueEmail(tx: Executor, message: EmailMessage): Promise<string> {
  const id = await outbox.insertEmail(tx, outboxRow(message));
  signalEnqueued();
  return id;
}

/** A message checked and as the outbox stores it. */
function outboxRow(message: EmailMessage): outbox.NewEmailRow {
  const m = emailMessage.parse(message);
  return {
    kind: m.kind,
    toAddress: m.to,
    subject: m.subject,
    textBody: m.text,
    htmlBody: m.html,
    userId: m.userId ?? null,
  };
}

/**
 * Queues many emails in the caller's transaction with a few statements, for a message that goes
 * to each of an event's people: as enqueueEmail, one row per recipient.
 */
export async function enqueueEmails(tx: Executor, messages: readonly EmailMessage[]) {
  if (messages.length === 0) return;
  await outbox.insertEmails(tx, messages.map(outboxRow));
  signalEnqueued();
}

/**
 * One page of the outbox, newest first, for system admins. Bodies are shown only for the
 * development outbox (`showBodies`): with SMTP, a body may hold a live link meant for its
 * recipient alone (a password reset), and delivered ones are emptied anyway.
 */
export async function listOutbox(
  db: Database,
  page: { page: number; pageSize: number },
  opts: { showBodies: boolean },
) {
  const { items, total } = await outbox.listEmails(db, {
    limit: page.pageSize,
    offset: (page.page - 1) * page.pageSize,
  });
  return {
    items: items.map(({ textBody, ...item }) => ({
      ...item,
      text: opts.showBodies ? textBody : null,
    })),
    page: page.page,
    pageSize: page.pageSize,
    total,
  };
}
