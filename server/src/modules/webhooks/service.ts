import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../audit/record.js';
import type { ServiceContext } from '../../context.js';
import type { Database, Executor } from '../../db/connection.js';
import { isUuid } from '../../db/inputs.js';
import { AppError } from '../../errors.js';
import { lockEvent } from '../events/repository.js';
import {
  newSigningSecret,
  type DeliveryFacts,
  type DeliveryKind,
  type WebhookFormat,
} from './payloads.js';
import * as repo from './repository.js';
import { urlOrigin, urlProblem, type UrlPolicy } from './url-policy.js';
import { signalWebhooksQueued } from './worker.js';

// Per-event webhooks for new reports (issue 8): managed by the event's admins, each change
// audited in its transaction; deliveries queued in the transaction of the report they announce.

/** The most webhooks one event may have: enough for a few channels, not a fan-out service. */
export const MAX_WEBHOOKS_PER_EVENT = 10;
/** How many recent deliveries the list shows per webhook. */
export const LATEST_DELIVERIES = 5;

export const noSuchWebhook = () => new AppError('not_found', 'No such webhook.');

type Row = repo.WebhookRow;

function present(row: Row, deliveries: repo.DeliveryRow[]) {
  return {
    id: row.id,
    format: row.format as WebhookFormat,
    url: row.url,
    description: row.description,
    enabled: row.enabled,
    signed: row.secret !== null,
    createdAt: row.createdAt.toISOString(),
    deliveries: deliveries.map(presentDelivery),
  };
}

function presentDelivery(d: repo.DeliveryRow) {
  return {
    id: d.id,
    kind: d.kind as DeliveryKind,
    status: d.status as 'pending' | 'sending' | 'delivered' | 'failed' | 'cancelled',
    attempts: d.attempts,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt.toISOString() : null,
  };
}

export type PresentedWebhook = ReturnType<typeof present>;

// What the audit log keeps of a webhook. Never its secret, and of its URL only the scheme and
// host: a Slack or Discord URL holds its own credential in the path.
const audited = (row: Pick<Row, 'format' | 'url' | 'description' | 'enabled'>) => ({
  format: row.format,
  host: urlOrigin(row.url),
  description: row.description,
  enabled: row.enabled,
});

function checkUrl(url: string, policy: UrlPolicy) {
  const problem = urlProblem(url, policy);
  if (problem) {
    throw new AppError('validation_failed', 'This address cannot receive webhooks.', [
      { field: 'body.url', message: problem },
    ]);
  }
}

async function lockedWebhook(tx: Executor, eventId: string, id: string) {
  if (!isUuid(id)) throw noSuchWebhook();
  const row = await repo.findWebhook(tx, eventId, id, { lock: true });
  if (!row) throw noSuchWebhook();
  return row;
}

async function presentOne(db: Executor, row: Row) {
  return present(row, await repo.latestDeliveries(db, [row.id], LATEST_DELIVERIES));
}

/** An event's webhooks with their latest deliveries (event admins). */
export async function listWebhooks(db: Database, eventId: string) {
  const rows = await repo.listWebhooks(db, eventId);
  const deliveries = await repo.latestDeliveries(
    db,
    rows.map((r) => r.id),
    LATEST_DELIVERIES,
  );
  return rows.map((row) =>
    present(
      row,
      deliveries.filter((d) => d.webhookId === row.id),
    ),
  );
}

export interface NewWebhook {
  format: WebhookFormat;
  url: string;
  description: string;
}

/**
 * Adds a webhook to an event. A generic one gets a signing secret, returned here once: it is
 * stored (deliveries are signed with it) but no answer shows it again.
 */
export async function createWebhook(
  db: Database,
  ctx: ServiceContext & { actor: { userId: string } },
  eventId: string,
  input: NewWebhook,
  policy: UrlPolicy,
) {
  checkUrl(input.url, policy);
  return db.transaction(async (tx) => {
    // One at a time per event, so the limit holds.
    await lockEvent(tx, eventId);
    const count = await repo.countWebhooks(tx, eventId);
    if (count >= MAX_WEBHOOKS_PER_EVENT) {
      throw new AppError(
        'conflict',
        `An event has at most ${MAX_WEBHOOKS_PER_EVENT} webhooks. Remove one first.`,
      );
    }
    const secret = input.format === 'generic' ? newSigningSecret() : null;
    const row = await repo.insertWebhook(tx, {
      eventId,
      format: input.format,
      url: input.url,
      secret,
      description: input.description,
      createdBy: ctx.actor.userId,
    });
    await recordAudit(tx, ctx, {
      scope: { type: 'event', id: eventId },
      action: 'event.webhook.create',
      target: { type: 'webhook', id: row.id },
      after: audited(row),
    });
    return { webhook: present(row, []), secret };
  });
}

export interface WebhookChange {
  url?: string | undefined;
  description?: string | undefined;
  enabled?: boolean | undefined;
}

/** Changes a webhook's address, description or whether it is on. Disabling drops what waits. */
export async function updateWebhook(
  db: Database,
  ctx: ServiceContext,
  eventId: string,
  id: string,
  change: WebhookChange,
  policy: UrlPolicy,
) {
  if (change.url !== undefined) checkUrl(change.url, policy);
  return db.transaction(async (tx) => {
    const before = await lockedWebhook(tx, eventId, id);
    const patch = Object.fromEntries(
      Object.entries(change).filter(
        ([key, value]) => value !== undefined && value !== before[key as keyof Row],
      ),
    ) as Partial<Pick<Row, 'url' | 'description' | 'enabled'>>;
    if (!Object.keys(patch).length) return presentOne(tx, before);
    const after = await repo.updateWebhook(tx, id, patch);
    if (patch.enabled === false) await repo.cancelPending(tx, id);
    const was = audited(before);
    const now = audited(after);
    const keys = (Object.keys(now) as (keyof typeof now)[]).filter((k) => was[k] !== now[k]);
    await recordAudit(tx, ctx, {
      scope: { type: 'event', id: eventId },
      action: 'event.webhook.update',
      target: { type: 'webhook', id },
      before: { ...Object.fromEntries(keys.map((k) => [k, was[k]])) },
      after: {
        ...Object.fromEntries(keys.map((k) => [k, now[k]])),
        // The same host with another path: say that it changed, never what it says.
        ...(patch.url !== undefined ? { urlChanged: true } : {}),
      },
    });
    return presentOne(tx, after);
  });
}

/** Removes a webhook and its deliveries. */
export async function deleteWebhook(
  db: Database,
  ctx: ServiceContext,
  eventId: string,
  id: string,
  reason: string | null,
) {
  await db.transaction(async (tx) => {
    const row = await lockedWebhook(tx, eventId, id);
    await repo.deleteWebhook(tx, id);
    await recordAudit(tx, ctx, {
      scope: { type: 'event', id: eventId },
      action: 'event.webhook.delete',
      target: { type: 'webhook', id },
      before: audited(row),
      reason,
    });
  });
}

/** Queues a test payload to one webhook (which must be enabled), so its admins see it arrive. */
export async function testWebhook(db: Database, ctx: ServiceContext, eventId: string, id: string) {
  const result = await db.transaction(async (tx) => {
    const row = await lockedWebhook(tx, eventId, id);
    if (!row.enabled) {
      throw new AppError('conflict', 'This webhook is disabled. Enable it to send a test.');
    }
    const event = (await repo.eventFacts(tx, eventId))!;
    const deliveryId = randomUUID();
    const payload: DeliveryFacts = {
      kind: 'webhook.test',
      occurredAt: new Date().toISOString(),
      event,
    };
    await repo.insertDeliveries(tx, [
      { id: deliveryId, webhookId: id, kind: payload.kind, payload },
    ]);
    await recordAudit(tx, ctx, {
      scope: { type: 'event', id: eventId },
      action: 'event.webhook.test',
      target: { type: 'webhook', id },
      after: { delivery: deliveryId },
    });
    return presentOne(tx, row);
  });
  signalWebhooksQueued();
  return result;
}

/**
 * Queues one `report.submitted` delivery for each enabled webhook of the event, in the caller's
 * transaction (the report's own): they exist exactly when the report does. The payload keeps
 * only what may leave the platform (see payloads.ts).
 */
export async function queueReportWebhooks(
  tx: Executor,
  ids: { eventId: string; reportId: string },
): Promise<void> {
  const webhookIds = await repo.enabledWebhookIds(tx, ids.eventId);
  if (!webhookIds.length) return;
  const event = await repo.eventFacts(tx, ids.eventId);
  const report = await repo.reportFacts(tx, ids.reportId);
  if (!event || !report) return;
  const submittedAt = report.submittedAt.toISOString();
  const payload: DeliveryFacts = {
    kind: 'report.submitted',
    occurredAt: submittedAt,
    event,
    report: { ...report, submittedAt },
  };
  await repo.insertDeliveries(
    tx,
    webhookIds.map((webhookId) => ({ id: randomUUID(), webhookId, kind: payload.kind, payload })),
  );
  signalWebhooksQueued();
}
