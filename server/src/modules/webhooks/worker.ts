import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/connection.js';
import { renderPayload } from './payloads.js';
import * as repo from './repository.js';
import { postWebhook } from './send.js';
import type { UrlPolicy } from './url-policy.js';
import { startPoller } from '../../poller.js';

/** How webhook deliveries retry; see docs/decisions.md (Webhooks) for the defaults' reasons. */
export interface WebhookRetryPolicy {
  /** Attempts before a delivery is marked failed. */
  maxAttempts: number;
  /** Wait after the first failed attempt; doubled after each further one. */
  baseDelayMs: number;
  /** The longest wait between two attempts. */
  maxDelayMs: number;
}

export const defaultWebhookRetry: WebhookRetryPolicy = {
  maxAttempts: 10,
  baseDelayMs: 15_000,
  maxDelayMs: 60 * 60_000,
};

/** The wait before the next try after `attempts` failed ones: exponential, capped. */
export function webhookRetryDelayMs(attempts: number, policy: WebhookRetryPolicy): number {
  return Math.min(policy.baseDelayMs * 2 ** Math.max(0, attempts - 1), policy.maxDelayMs);
}

export interface WebhookDeliveryOptions {
  /** The app's public address, for links to reports. */
  publicUrl: string;
  policy: UrlPolicy;
  /** The instant to deliver at: what is due then, and what retries count from. Tests set it. */
  now?: Date;
  retry?: WebhookRetryPolicy;
  /** How long a receiver has to answer. */
  timeoutMs?: number;
  /** Deliveries claimed (and sent, one after another) at once. */
  batchSize?: number;
  log?: FastifyBaseLogger;
  /** Checked between batches: a stopping worker finishes its batch and claims no more. */
  stopping?: () => boolean;
}

export interface WebhookDeliveryReport {
  delivered: number;
  retried: number;
  failed: number;
}

/**
 * Sends every delivery due at `now`: claims a batch, sends each, records the outcome, and goes
 * on until nothing due is left. Safe in several processes at once (see `repo.claimDue`).
 */
export async function deliverDueWebhooks(
  db: Database,
  opts: WebhookDeliveryOptions,
): Promise<WebhookDeliveryReport> {
  // Read for each batch and each retry, not once: slow receivers must not make later leases and
  // retry times start in the past (tests pass a fixed `now`).
  // (One millisecond ahead: the database keeps microseconds, a Date only milliseconds.)
  const clock = () => opts.now ?? new Date(Date.now() + 1);
  const retry = opts.retry ?? defaultWebhookRetry;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const batchSize = opts.batchSize ?? 10;
  const report: WebhookDeliveryReport = { delivered: 0, retried: 0, failed: 0 };

  for (;;) {
    // The lease outlasts a whole batch of sends, each cut off at the timeout, with room to spare:
    // only a worker that died loses its claim.
    const now = clock();
    const leaseUntil = new Date(now.getTime() + batchSize * timeoutMs + 60_000);
    const batch = await repo.claimDue(db, { now, limit: batchSize, leaseUntil });
    const targets = await repo.targets(db, [...new Set(batch.map((d) => d.webhookId))]);
    for (const delivery of batch) {
      const target = targets.get(delivery.webhookId);
      let result: { ok: boolean; status: number | null; error: string | null };
      if (!target) {
        result = { ok: false, status: null, error: 'The webhook is gone.' };
      } else if (delivery.attempts > retry.maxAttempts) {
        // A lease that lapsed again and again (a worker dying on this one) also ends the tries.
        result = { ok: false, status: null, error: 'Delivery was interrupted too many times.' };
      } else {
        const sendAt = new Date();
        const { body, headers } = renderPayload(target.format, delivery.id, delivery.payload, {
          publicUrl: opts.publicUrl,
          secret: target.secret,
          now: sendAt,
        });
        result = await postWebhook(target.url, body, headers, { timeoutMs, policy: opts.policy });
      }
      const context = {
        webhookId: delivery.webhookId,
        deliveryId: delivery.id,
        attempts: delivery.attempts,
        status: result.status,
      };
      if (result.ok) {
        await repo.markDelivered(db, delivery, { at: new Date(), status: result.status! });
        report.delivered += 1;
        continue;
      }
      const error = result.error ?? 'failed';
      if (!target || delivery.attempts >= retry.maxAttempts) {
        await repo.markFailed(db, delivery, { error, status: result.status });
        report.failed += 1;
        opts.log?.error({ ...context, error }, `Webhook delivery ${delivery.id} failed; giving up`);
      } else {
        const at = new Date(clock().getTime() + webhookRetryDelayMs(delivery.attempts, retry));
        await repo.scheduleRetry(db, delivery, { at, error, status: result.status });
        report.retried += 1;
        opts.log?.warn(
          { ...context, error, retryAt: at.toISOString() },
          `Webhook delivery ${delivery.id} failed; retrying later`,
        );
      }
    }
    if (batch.length < batchSize || opts.stopping?.()) return report;
  }
}

// Workers of this process, woken when a delivery is queued here. Deliveries queued by another
// process are found by polling.
const wakeListeners = new Set<() => void>();

/** Tells this process's workers that deliveries were queued (called by queueReportWebhooks). */
export function signalWebhooksQueued(): void {
  for (const wake of wakeListeners) wake();
}

export interface WebhookWorkerOptions extends Omit<WebhookDeliveryOptions, 'now'> {
  /** How often to look for due deliveries (retries, and other processes' reports). */
  pollMs?: number;
  /** How soon after a queueing here to look: after the queueing transaction commits, usually. */
  wakeDelayMs?: number;
}

export interface WebhookWorker {
  /** Stops the timers and waits for deliveries in progress to finish. */
  stop(): Promise<void>;
}

/** Starts delivering in the background: at once, soon after each queueing here, on every poll. */
export function startWebhookWorker(db: Database, opts: WebhookWorkerOptions): WebhookWorker {
  const { pollMs = 5_000, wakeDelayMs = 100, ...delivery } = opts;
  const poller = startPoller({
    run: (stopping) => deliverDueWebhooks(db, { ...delivery, stopping }),
    pollMs,
    wakeDelayMs,
    // The database may be away for a moment; the next poll tries again.
    onError: (error) => opts.log?.error({ err: error }, 'Webhook delivery failed'),
  });
  wakeListeners.add(poller.wake);
  return {
    async stop() {
      wakeListeners.delete(poller.wake);
      await poller.stop();
    },
  };
}
