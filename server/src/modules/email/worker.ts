import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/connection.js';
import * as outbox from './repository.js';
import type { MailTransport } from './transport.js';
import { startPoller } from '../../poller.js';

/** How delivery retries: the defaults give up after about an hour and a quarter. */
export interface RetryPolicy {
  /** Attempts before a message is marked failed. */
  maxAttempts: number;
  /** Wait after the first failed attempt; doubled after each further one. */
  baseDelayMs: number;
  /** The longest wait between two attempts. */
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 30_000,
  maxDelayMs: 60 * 60_000,
};

/** The wait before the next try after `attempts` failed ones: exponential, capped. */
export function retryDelayMs(attempts: number, policy: RetryPolicy = defaultRetryPolicy): number {
  return Math.min(policy.baseDelayMs * 2 ** Math.max(0, attempts - 1), policy.maxDelayMs);
}

export interface DeliveryOptions {
  /** The instant to deliver at: what is due then, and what retries count from. Tests set it. */
  now?: Date;
  retry?: RetryPolicy;
  /** Messages claimed at once. */
  batchSize?: number;
  /**
   * How long a claim holds a message while it is being sent. Longer than any send can take (the
   * SMTP transport times out sooner), so only a worker that died loses its claim.
   */
  claimMs?: number;
  log?: FastifyBaseLogger;
  /**
   * Checked between batches: a stopping worker finishes its batch and claims no more, so that a
   * backlog (thousands of notices) does not hold up a shutdown. The rest waits for the next start
   * or another process.
   */
  stopping?: () => boolean;
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
}

const MAX_ERROR_LENGTH = 1000;

/**
 * Sends every message due at `now`: claims a batch, sends each, records the outcome, and goes on
 * until nothing due is left. Safe to run in several processes at once: each message is claimed
 * by one of them (see `claimDue`).
 */
export async function deliverDue(
  db: Database,
  transport: MailTransport,
  opts: DeliveryOptions = {},
): Promise<DeliveryReport> {
  // One millisecond ahead: the database keeps microseconds, a Date only milliseconds, so a message
  // queued within this millisecond would otherwise look not yet due.
  const now = opts.now ?? new Date(Date.now() + 1);
  const retry = opts.retry ?? defaultRetryPolicy;
  const batchSize = opts.batchSize ?? 20;
  const claimMs = opts.claimMs ?? 5 * 60_000;
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };

  for (;;) {
    const claimId = randomUUID();
    const batch = await outbox.claimDue(db, {
      now,
      limit: batchSize,
      leaseUntil: new Date(now.getTime() + claimMs),
      claimId,
    });
    // What was sent is recorded once for the batch: one statement, not one a message. A process
    // that dies before that sends the batch's messages again when their claim lapses (delivery
    // is at least once either way; only the number that may be repeated grows, to a batch).
    const sent: string[] = [];
    try {
      for (const message of batch) {
        if (
          await deliverOne(db, transport, message, claimId, { now, retry, log: opts.log }, report)
        ) {
          sent.push(message.id);
        }
      }
    } finally {
      await outbox.markSent(db, sent, claimId, {
        at: new Date(),
        via: transport.via,
        forget: transport.via === 'smtp',
      });
    }
    report.sent += sent.length;
    if (batch.length < batchSize || opts.stopping?.()) return report;
  }
}

/** Sends one message; true when it was sent, else its retry or failure is recorded. */
async function deliverOne(
  db: Database,
  transport: MailTransport,
  message: outbox.ClaimedEmail,
  claimId: string,
  opts: { now: Date; retry: RetryPolicy; log: FastifyBaseLogger | undefined },
  report: DeliveryReport,
): Promise<boolean> {
  const context = { emailId: message.id, kind: message.kind, attempts: message.attempts };
  let error: string;
  // A claim that lapsed again and again (a worker dying on this message) also ends the tries.
  if (message.attempts > opts.retry.maxAttempts) {
    error = 'Delivery was interrupted too many times.';
  } else {
    try {
      await transport.send({
        id: message.id,
        kind: message.kind,
        to: message.toAddress,
        subject: message.subject,
        text: message.textBody,
        html: message.htmlBody,
      });
      return true;
    } catch (cause) {
      error = describe(cause);
    }
  }
  if (message.attempts >= opts.retry.maxAttempts) {
    await outbox.markFailed(db, message.id, claimId, error);
    report.failed += 1;
    opts.log?.error({ ...context, error }, `Email ${message.id} could not be sent; giving up`);
  } else {
    const at = new Date(opts.now.getTime() + retryDelayMs(message.attempts, opts.retry));
    await outbox.scheduleRetry(db, message.id, claimId, { at, error });
    report.retried += 1;
    opts.log?.warn(
      { ...context, error, retryAt: at.toISOString() },
      `Email ${message.id} could not be sent; retrying later`,
    );
  }
  return false;
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

// Workers of this process, woken when a message is enqueued here. Messages enqueued by another
// process are found by polling.
const wakeListeners = new Set<() => void>();

/** Tells this process's workers that a message was enqueued (called by enqueueEmail). */
export function signalEnqueued(): void {
  for (const wake of wakeListeners) wake();
}

export interface WorkerOptions extends Omit<DeliveryOptions, 'now' | 'stopping'> {
  /** How often to look for due messages (another process may have enqueued them). */
  pollMs?: number;
  /**
   * How soon after an enqueue in this process to look. Short, but not immediate: the enqueuing
   * transaction must commit first (a message that is not visible yet is found by the next poll).
   */
  wakeDelayMs?: number;
}

export interface EmailWorker {
  /** Stops the timers and waits for a delivery in progress to finish. */
  stop(): Promise<void>;
}

/** Starts delivering in the background: at once, after each enqueue here, and on every poll. */
export function startEmailWorker(
  db: Database,
  transport: MailTransport,
  opts: WorkerOptions = {},
): EmailWorker {
  const { pollMs = 5_000, wakeDelayMs = 100, ...delivery } = opts;
  const poller = startPoller({
    run: (stopping) => deliverDue(db, transport, { ...delivery, stopping }),
    pollMs,
    wakeDelayMs,
    // The database may be away for a moment; the next poll tries again.
    onError: (error) => opts.log?.error({ err: error }, 'Email delivery failed'),
  });
  // The wake-up comes from inside the enqueuing transaction: should it commit later than
  // `wakeDelayMs` (a loaded host), the first look finds nothing, so a second look follows a
  // second later rather than leaving the message to the next poll.
  let again: NodeJS.Timeout | undefined;
  const wake = () => {
    poller.wake();
    clearTimeout(again);
    again = setTimeout(poller.wake, wakeDelayMs + 1_000);
    again.unref();
  };
  wakeListeners.add(wake);
  return {
    async stop() {
      wakeListeners.delete(wake);
      clearTimeout(again);
      await poller.stop();
    },
  };
}
