import { and, asc, count, desc, eq, ilike, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { likePattern } from '../../db/inputs.js';
import { eventMessages, rsvps, users } from '../../db/schema/index.js';
import { waitlistPositionOf } from '../rsvps/repository.js';

// The people who RSVP'd to an event as its organizers see them, and the messages sent to them.

/** RSVPs that still hold a place or wait for one: cancelled ones are history. */
export const liveStatuses = ['confirmed', 'waitlisted'] as const;

// Written out: Drizzle leaves columns unqualified in a select list.
const attendeeColumns = {
  rsvpId: rsvps.id,
  userId: rsvps.userId,
  name: users.name,
  image: users.image,
  // The address leaves the database only for those who chose to share it (SPEC §11).
  email: sql<string | null>`case when ${rsvps.shareEmail} then ${users.email} end`,
  kind: rsvps.kind,
  status: rsvps.status,
  createdAt: rsvps.createdAt,
  waitlistPosition: waitlistPositionOf('"rsvps"'),
  // A check-in to the event itself has no session: it shows as null here.
  checkIns: sql<(string | null)[]>`array(
    select ci.session_id::text from check_ins ci
    where ci.rsvp_id = "rsvps"."id" order by ci.session_id nulls first
  )`,
  checkiner: sql<boolean>`exists (
    select 1 from role_assignments ra
    where ra.user_id = "rsvps"."user_id" and ra.scope_type = 'event'
      and ra.scope_id = "rsvps"."event_id" and ra.role = 'checkiner'
      and (ra.expires_at is null or ra.expires_at > now())
  )`,
};

export type AttendeeRow = {
  rsvpId: string;
  userId: string;
  name: string;
  image: string | null;
  email: string | null;
  kind: string;
  status: string;
  createdAt: Date;
  waitlistPosition: number | null;
  checkIns: (string | null)[];
  checkiner: boolean;
};

export interface AttendeeQuery {
  kind?: string | undefined;
  status?: string | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

const attendeeFilter = (eventId: string, query: Omit<AttendeeQuery, 'page' | 'pageSize'>) =>
  and(
    eq(rsvps.eventId, eventId),
    isNull(users.deletedAt),
    query.status ? eq(rsvps.status, query.status) : inArray(rsvps.status, [...liveStatuses]),
    query.kind ? eq(rsvps.kind, query.kind) : undefined,
    query.q ? ilike(users.name, likePattern(query.q)) : undefined,
  )!;

/** One page of an event's live RSVPs, by name, and how many match. */
export async function listAttendees(tx: Executor, eventId: string, query: AttendeeQuery) {
  const where = attendeeFilter(eventId, query);
  const items = await tx
    .select(attendeeColumns)
    .from(rsvps)
    .innerJoin(users, eq(users.id, rsvps.userId))
    .where(where)
    .orderBy(asc(users.name), asc(rsvps.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [total] = await tx
    .select({ n: count() })
    .from(rsvps)
    .innerJoin(users, eq(users.id, rsvps.userId))
    .where(where);
  return { items: items as AttendeeRow[], total: total?.n ?? 0 };
}

/** One person's RSVP to the event (whatever its status), as the attendee list shows it. */
export async function findAttendee(
  tx: Executor,
  eventId: string,
  userId: string,
): Promise<AttendeeRow | null> {
  const [row] = await tx
    .select(attendeeColumns)
    .from(rsvps)
    .innerJoin(users, eq(users.id, rsvps.userId))
    .where(and(eq(rsvps.eventId, eventId), eq(rsvps.userId, userId), isNull(users.deletedAt)));
  return (row as AttendeeRow | undefined) ?? null;
}

/** Who each audience of a message is (docs/community-events.md). */
const audienceWhere: Record<string, SQL> = {
  everyone: inArray(rsvps.status, [...liveStatuses]),
  attendees: and(eq(rsvps.status, 'confirmed'), eq(rsvps.kind, 'attendee'))!,
  volunteers: and(eq(rsvps.status, 'confirmed'), eq(rsvps.kind, 'volunteer'))!,
  waitlisted: eq(rsvps.status, 'waitlisted'),
};

/**
 * The people a message to `audience` goes to: accounts that can still be reached (not
 * deactivated, not deleted). Their addresses never leave the server.
 */
export async function audienceOf(tx: Executor, eventId: string, audience: string) {
  return tx
    .select({ rsvpId: rsvps.id, userId: users.id, name: users.name, email: users.email })
    .from(rsvps)
    .innerJoin(users, eq(users.id, rsvps.userId))
    .where(
      and(
        eq(rsvps.eventId, eventId),
        audienceWhere[audience],
        isNull(users.deactivatedAt),
        isNull(users.deletedAt),
      ),
    )
    .orderBy(asc(rsvps.queuedSeq));
}

export async function insertMessage(tx: Executor, values: typeof eventMessages.$inferInsert) {
  const [row] = await tx.insert(eventMessages).values(values).returning();
  return row!;
}

const messageColumns = {
  id: eventMessages.id,
  audience: eventMessages.audience,
  subject: eventMessages.subject,
  body: eventMessages.body,
  recipientCount: eventMessages.recipientCount,
  sentAt: eventMessages.sentAt,
  senderName: users.name,
};

export type MessageRow = {
  id: string;
  audience: string;
  subject: string;
  body: string;
  recipientCount: number;
  sentAt: Date;
  senderName: string | null;
};

/** One page of the messages sent to an event's people, newest first, and how many there are. */
export async function listMessages(
  tx: Executor,
  eventId: string,
  page: { page: number; pageSize: number },
): Promise<{ items: MessageRow[]; total: number }> {
  const [items, [total]] = await Promise.all([
    tx
      .select(messageColumns)
      .from(eventMessages)
      .leftJoin(users, eq(users.id, eventMessages.sentBy))
      .where(eq(eventMessages.eventId, eventId))
      .orderBy(desc(eventMessages.sentAt), desc(eventMessages.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    tx.select({ n: count() }).from(eventMessages).where(eq(eventMessages.eventId, eventId)),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function findMessage(tx: Executor, id: string): Promise<MessageRow | null> {
  const [row] = await tx
    .select(messageColumns)
    .from(eventMessages)
    .leftJoin(users, eq(users.id, eventMessages.sentBy))
    .where(eq(eventMessages.id, id));
  return row ?? null;
}
