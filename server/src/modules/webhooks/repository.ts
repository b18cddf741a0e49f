import { and, asc, count, desc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { events, reports, webhookDeliveries, webhooks } from '../../db/schema/index.js';
import type { DeliveryFacts, WebhookFormat } from './payloads.js';

export type WebhookRow = typeof webhooks.$inferSelect;

/** An event's webhooks, oldest first. */
export async function listWebhooks(db: Executor, eventId: string): Promise<WebhookRow[]> {
  return db
    .select()
    .from(webhooks)
    .where(eq(webhooks.eventId, eventId))
    .orderBy(asc(webhooks.createdAt), asc(webhooks.id));
}

export async function countWebhooks(db: Executor, eventId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(webhooks).where(eq(webhooks.eventId, eventId));
  return row!.n;
}

/** One webhook of an event; null when it is not this event's. */
export async function findWebhook(
  db: Executor,
  eventId: string,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<WebhookRow | null> {
  const query = db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.id, id), eq(webhooks.eventId, eventId)));
  const [row] = await (opts.lock ? query.for('update') : query);
  return row ?? null;
}

export async function insertWebhook(
  tx: Executor,
  row: Pick<
    typeof webhooks.$inferInsert,
    'eventId' | 'format' | 'url' | 'secret' | 'description' | 'createdBy'
  >,
): Promise<WebhookRow> {
  const [inserted] = await tx.insert(webhooks).values(row).returning();
  return inserted!;
}

export async function updateWebhook(
  tx: Executor,
  id: string,
  patch: Partial<Pick<WebhookRow, 'url' | 'description' | 'enabled'>>,
): Promise<WebhookRow> {
  const [updated] = await tx.update(webhooks).set(patch).where(eq(webhooks.id, id)).returning();
  return updated!;
}

export async function deleteWebhook(tx: Executor, id: string): Promise<void> {
  await tx.delete(webhooks).where(eq(webhooks.id, id));
}

/** The enabled webhooks of an event, for a new report. */
export async function enabledWebhookIds(tx: Executor, eventId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(and(eq(webhooks.eventId, eventId), eq(webhooks.enabled, true)));
  return rows.map((r) => r.id);
}

/** The event as a payload names it. */
export async function eventFacts(tx: Executor, eventId: string) {
  const [row] = await tx
    .select({ id: events.id, name: events.name, slug: events.slug })
    .from(events)
    .where(eq(events.id, eventId));
  return row ?? null;
}

/** The few fields of a report a payload may carry: no author, no text, no contact. */
export async function reportFacts(tx: Executor, reportId: string) {
  const [row] = await tx
    .select({
      id: reports.id,
      number: reports.number,
      type: reports.type,
      severity: reports.severity,
      anonymous: reports.anonymous,
      submittedAt: reports.submittedAt,
    })
    .from(reports)
    .where(eq(reports.id, reportId));
  return row ?? null;
}

export async function insertDeliveries(
  tx: Executor,
  rows: { id: string; webhookId: string; kind: string; payload: DeliveryFacts }[],
): Promise<void> {
  if (rows.length) await tx.insert(webhookDeliveries).values(rows);
}

/** Deliveries still waiting for a webhook that was just disabled: they will not be sent. */
export async function cancelPending(tx: Executor, webhookId: string): Promise<void> {
  await tx
    .update(webhookDeliveries)
    .set({ status: 'cancelled', lockedUntil: null })
    .where(
      and(eq(webhookDeliveries.webhookId, webhookId), eq(webhookDeliveries.status, 'pending')),
    );
}

export type DeliveryRow = Pick<
  typeof webhookDeliveries.$inferSelect,
  | 'id'
  | 'webhookId'
  | 'kind'
  | 'status'
  | 'attempts'
  | 'lastStatus'
  | 'lastError'
  | 'createdAt'
  | 'deliveredAt'
  | 'nextAttemptAt'
>;

/** The newest `perWebhook` deliveries of each of these webhooks, newest first. */
export async function latestDeliveries(
  db: Executor,
  webhookIds: string[],
  perWebhook: number,
): Promise<DeliveryRow[]> {
  if (!webhookIds.length) return [];
  const ranked = db
    .select({
      id: webhookDeliveries.id,
      webhookId: webhookDeliveries.webhookId,
      kind: webhookDeliveries.kind,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastStatus: webhookDeliveries.lastStatus,
      lastError: webhookDeliveries.lastError,
      createdAt: webhookDeliveries.createdAt,
      deliveredAt: webhookDeliveries.deliveredAt,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      rank: sql<number>`row_number() over (partition by ${webhookDeliveries.webhookId} order by ${webhookDeliveries.createdAt} desc, ${webhookDeliveries.id} desc)`.as(
        'rank',
      ),
    })
    .from(webhookDeliveries)
    .where(inArray(webhookDeliveries.webhookId, webhookIds))
    .as('ranked');
  const rows = await db
    .select()
    .from(ranked)
    .where(lte(ranked.rank, perWebhook))
    .orderBy(desc(ranked.createdAt), desc(ranked.id));
  return rows.map(({ rank: _rank, ...row }) => row);
}

export interface ClaimedDelivery {
  id: string;
  webhookId: string;
  kind: string;
  payload: DeliveryFacts;
  attempts: number;
  lockedUntil: Date;
}

/**
 * Claims up to `limit` due deliveries for one worker in one statement. `FOR UPDATE SKIP LOCKED`
 * makes a concurrent worker pass over rows another is claiming; `sending` with a lease until
 * `leaseUntil` keeps them from every other worker after this commits. A worker that dies leaves
 * its lease to lapse, and the delivery is due again. Only enabled webhooks' deliveries are due.
 */
export async function claimDue(
  db: Executor,
  opts: { now: Date; limit: number; leaseUntil: Date },
): Promise<ClaimedDelivery[]> {
  const d = webhookDeliveries;
  const enabled = db.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.enabled, true));
  const due = db
    .select({ id: d.id })
    .from(d)
    .where(
      and(
        or(
          and(eq(d.status, 'pending'), lte(d.nextAttemptAt, opts.now)),
          and(eq(d.status, 'sending'), lte(d.lockedUntil, opts.now)),
        ),
        inArray(d.webhookId, enabled),
      ),
    )
    .orderBy(asc(d.nextAttemptAt))
    .limit(opts.limit)
    .for('update', { skipLocked: true });
  const rows = await db
    .update(d)
    .set({ status: 'sending', attempts: sql`${d.attempts} + 1`, lockedUntil: opts.leaseUntil })
    .where(inArray(d.id, due))
    .returning({
      id: d.id,
      webhookId: d.webhookId,
      kind: d.kind,
      payload: d.payload,
      attempts: d.attempts,
      lockedUntil: d.lockedUntil,
    });
  return rows.map((r) => ({
    ...r,
    payload: r.payload as DeliveryFacts,
    lockedUntil: r.lockedUntil!,
  }));
}

/** Where and how to send the claimed deliveries. */
export async function targets(db: Executor, ids: string[]) {
  if (!ids.length)
    return new Map<string, { format: WebhookFormat; url: string; secret: string | null }>();
  const rows = await db
    .select({
      id: webhooks.id,
      format: webhooks.format,
      url: webhooks.url,
      secret: webhooks.secret,
    })
    .from(webhooks)
    .where(inArray(webhooks.id, ids));
  return new Map(
    rows.map((r) => [r.id, { format: r.format as WebhookFormat, url: r.url, secret: r.secret }]),
  );
}

// Only the worker holding the claim may record the outcome: a claim is one attempt, so its
// attempt number names it; after a lapsed lease another worker holds a later one.
const claimed = (c: Pick<ClaimedDelivery, 'id' | 'attempts'>) =>
  and(
    eq(webhookDeliveries.id, c.id),
    eq(webhookDeliveries.attempts, c.attempts),
    eq(webhookDeliveries.status, 'sending'),
  );

export async function markDelivered(
  db: Executor,
  c: ClaimedDelivery,
  outcome: { at: Date; status: number },
): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({
      status: 'delivered',
      deliveredAt: outcome.at,
      lastStatus: outcome.status,
      lastError: null,
      lockedUntil: null,
    })
    .where(claimed(c));
}

export async function scheduleRetry(
  db: Executor,
  c: ClaimedDelivery,
  retry: { at: Date; error: string; status: number | null },
): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({
      status: 'pending',
      nextAttemptAt: retry.at,
      lastError: retry.error,
      lastStatus: retry.status,
      lockedUntil: null,
    })
    .where(claimed(c));
}

export async function markFailed(
  db: Executor,
  c: ClaimedDelivery,
  outcome: { error: string; status: number | null },
): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({
      status: 'failed',
      lastError: outcome.error,
      lastStatus: outcome.status,
      lockedUntil: null,
    })
    .where(claimed(c));
}
