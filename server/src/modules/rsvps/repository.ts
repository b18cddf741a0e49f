import { and, asc, count, eq, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { isUuid } from '../../db/inputs.js';
import {
  eventSessions,
  events,
  organizations,
  rsvpSessions,
  rsvps,
  users,
} from '../../db/schema/index.js';

export type RsvpRow = typeof rsvps.$inferSelect;
export type RsvpKind = 'attendee' | 'volunteer';
export type RsvpStatus = 'confirmed' | 'waitlisted' | 'cancelled';

/** A person's RSVP for an event (cancelled ones too: the row is reused when they come back). */
export async function findRsvp(tx: Executor, eventId: string, userId: string) {
  const [row] = await tx
    .select()
    .from(rsvps)
    .where(and(eq(rsvps.eventId, eventId), eq(rsvps.userId, userId)));
  return row ?? null;
}

export async function findRsvpById(tx: Executor, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await tx.select().from(rsvps).where(eq(rsvps.id, id));
  return row ?? null;
}

/**
 * A new place at the back of the queue: the next value of queued_seq's own sequence. Taken
 * whenever an RSVP (re)joins, so first come, first served holds even when clocks tie.
 */
export const nextQueuedSeq = sql<number>`nextval(pg_get_serial_sequence('rsvps', 'queued_seq'))`;

export async function insertRsvp(
  tx: Executor,
  values: Pick<typeof rsvps.$inferInsert, 'eventId' | 'userId' | 'kind' | 'status' | 'shareEmail'>,
) {
  const now = new Date();
  const [row] = await tx
    .insert(rsvps)
    .values({ ...values, confirmedAt: values.status === 'confirmed' ? now : null })
    .returning();
  return row!;
}

export type RsvpChange = Partial<
  Pick<
    typeof rsvps.$inferInsert,
    'kind' | 'status' | 'shareEmail' | 'confirmedAt' | 'cancelledAt' | 'createdAt'
  >
> & { requeue?: boolean };

/** Changes an RSVP; `requeue` puts it at the back of the queue (a new queued_seq). */
export async function updateRsvp(tx: Executor, id: string, { requeue, ...change }: RsvpChange) {
  const [row] = await tx
    .update(rsvps)
    .set({ ...change, ...(requeue ? { queuedSeq: nextQueuedSeq } : {}), updatedAt: new Date() })
    .where(eq(rsvps.id, id))
    .returning();
  return row!;
}

/** How many RSVPs of an event hold each kind and status (cancelled ones are not counted). */
export async function countsOf(tx: Executor, eventId: string) {
  const rows = await tx
    .select({ kind: rsvps.kind, status: rsvps.status, n: count() })
    .from(rsvps)
    .where(and(eq(rsvps.eventId, eventId), ne(rsvps.status, 'cancelled')))
    .groupBy(rsvps.kind, rsvps.status);
  const counts = {
    attendee: { confirmed: 0, waitlisted: 0 },
    volunteer: { confirmed: 0, waitlisted: 0 },
  };
  for (const r of rows) {
    counts[r.kind as RsvpKind][r.status as 'confirmed' | 'waitlisted'] = r.n;
  }
  return counts;
}

/**
 * SQL for the waitlist position of the RSVP row `r` (1 for the next to be promoted), or null when
 * it is not waitlisted: its rank by queued_seq among the waitlisted of its event and kind.
 */
export const waitlistPositionOf = (r: string) =>
  sql<number | null>`case when ${sql.raw(r)}.status = 'waitlisted' then (
    select count(*)::int from rsvps wp
    where wp.event_id = ${sql.raw(r)}.event_id and wp.kind = ${sql.raw(r)}.kind
      and wp.status = 'waitlisted' and wp.queued_seq <= ${sql.raw(r)}.queued_seq
  ) end`;

/** An RSVP's place on its waitlist, or null when it is not waitlisted. */
export async function waitlistPosition(tx: Executor, rsvp: RsvpRow): Promise<number | null> {
  if (rsvp.status !== 'waitlisted') return null;
  const [row] = await tx
    .select({ n: count() })
    .from(rsvps)
    .where(
      and(
        eq(rsvps.eventId, rsvp.eventId),
        eq(rsvps.kind, rsvp.kind),
        eq(rsvps.status, 'waitlisted'),
        sql`${rsvps.queuedSeq} <= ${rsvp.queuedSeq}`,
      ),
    );
  return row?.n ?? null;
}

/** The sessions each RSVP chose, by RSVP id, ordered by start time. */
export async function sessionIdsOf(tx: Executor, rsvpIds: readonly string[]) {
  const out = new Map<string, string[]>(rsvpIds.map((id) => [id, []]));
  if (rsvpIds.length === 0) return out;
  const rows = await tx
    .select({ rsvpId: rsvpSessions.rsvpId, sessionId: rsvpSessions.sessionId })
    .from(rsvpSessions)
    .innerJoin(eventSessions, eq(eventSessions.id, rsvpSessions.sessionId))
    .where(inArray(rsvpSessions.rsvpId, [...rsvpIds]))
    .orderBy(asc(eventSessions.startsAt), asc(eventSessions.id));
  for (const r of rows) out.get(r.rsvpId)?.push(r.sessionId);
  return out;
}

/** Replaces the sessions an RSVP chose. */
export async function setSessions(tx: Executor, rsvpId: string, sessionIds: readonly string[]) {
  await tx.delete(rsvpSessions).where(eq(rsvpSessions.rsvpId, rsvpId));
  if (sessionIds.length === 0) return;
  await tx.insert(rsvpSessions).values(sessionIds.map((sessionId) => ({ rsvpId, sessionId })));
}

/**
 * Moves up to `places` of the waitlist of one kind to confirmed (all of it when null), first
 * come first served, and returns them in queue order.
 */
export async function promote(
  tx: Executor,
  eventId: string,
  kind: RsvpKind,
  places: number | null,
): Promise<RsvpRow[]> {
  if (places !== null && places <= 0) return [];
  const chosen = tx
    .select({ id: rsvps.id })
    .from(rsvps)
    .where(and(eq(rsvps.eventId, eventId), eq(rsvps.kind, kind), eq(rsvps.status, 'waitlisted')))
    .orderBy(asc(rsvps.queuedSeq))
    .limit(places ?? 2_147_483_647);
  const now = new Date();
  const rows = await tx
    .update(rsvps)
    .set({ status: 'confirmed', confirmedAt: now, updatedAt: now })
    .where(inArray(rsvps.id, chosen))
    .returning();
  return rows.sort((a, b) => a.queuedSeq - b.queuedSeq);
}

/** The capacities of an event, by kind (null: no limit). */
export async function capacitiesOf(tx: Executor, eventId: string) {
  const [row] = await tx
    .select({ attendee: events.attendeeCapacity, volunteer: events.volunteerCapacity })
    .from(events)
    .where(eq(events.id, eventId));
  return row ?? { attendee: null, volunteer: null };
}

/** An event is over once its last day (`endsOn`, or `startsOn`) is before today in its own time zone. */
const lastDay = sql`coalesce(${events.endsOn}, ${events.startsOn})`;
const eventIsOver = sql<boolean>`(${lastDay} is not null and ${lastDay} < (now() at time zone ${events.timeZone})::date)`;

/**
 * The events where a person holds a live RSVP (confirmed or waitlisted) that are not over and
 * not archived, by id: the order in which a caller locks them, so two such callers never
 * deadlock.
 */
export async function liveRsvpEventsOf(tx: Executor, userId: string): Promise<string[]> {
  const rows = await tx
    .select({ eventId: rsvps.eventId })
    .from(rsvps)
    .innerJoin(events, eq(events.id, rsvps.eventId))
    .where(
      and(
        eq(rsvps.userId, userId),
        ne(rsvps.status, 'cancelled'),
        ne(events.status, 'archived'),
        sql`not ${eventIsOver}`,
      ),
    )
    .orderBy(asc(rsvps.eventId));
  return rows.map((r) => r.eventId);
}

/**
 * One page of a person's RSVPs that are not cancelled, of the events `visible` lets through (SQL
 * over events and organizations), with their events: those not over yet first (soonest first,
 * undated after them), then past ones (latest first); and how many there are. "Over" is judged
 * by the event's last day in its own time zone.
 */
export async function rsvpsOfUser(
  tx: Executor,
  userId: string,
  visible: SQL,
  page: { page: number; pageSize: number },
) {
  const where = and(eq(rsvps.userId, userId), ne(rsvps.status, 'cancelled'), visible);
  const [items, [total]] = await Promise.all([
    tx
      .select({
        rsvp: rsvps,
        event: events,
        waitlistPosition: waitlistPositionOf('"rsvps"'),
      })
      .from(rsvps)
      .innerJoin(events, eq(events.id, rsvps.eventId))
      .innerJoin(organizations, eq(organizations.id, events.organizationId))
      .where(where)
      .orderBy(
        sql`${eventIsOver} asc`,
        sql`case when ${eventIsOver} then null else ${events.startsOn} end asc nulls last`,
        sql`${events.startsOn} desc nulls last`,
        asc(events.name),
        asc(rsvps.id),
      )
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    tx
      .select({ n: count() })
      .from(rsvps)
      .innerJoin(events, eq(events.id, rsvps.eventId))
      .innerJoin(organizations, eq(organizations.id, events.organizationId))
      .where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** The accounts of these ids that can still be emailed (not deleted), for RSVP emails. */
export async function liveOwners(tx: Executor, userIds: readonly string[]) {
  if (userIds.length === 0) return [];
  return tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(inArray(users.id, [...new Set(userIds)]), isNull(users.deletedAt)));
}
