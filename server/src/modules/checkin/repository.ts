import { and, asc, count, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { isUuid, likePattern } from '../../db/inputs.js';
import { checkIns, eventSessions, events, rsvps, users } from '../../db/schema/index.js';

// Check-in at the door: the sessions with their counts, the people of one session (names only),
// and the check-in rows themselves. `sessionId` null stands for the event itself, which is what
// people check in to when the event has no sessions.

/** Expected: confirmed RSVPs that chose the session. Checked in: its check-in rows. */
const sessionCountColumns = {
  expected: sql<number>`(
    select count(*)::int from rsvp_sessions rs join rsvps r on r.id = rs.rsvp_id
    where rs.session_id = "event_sessions"."id" and r.status = 'confirmed'
  )`,
  checkedIn: sql<number>`(
    select count(*)::int from check_ins ci where ci.session_id = "event_sessions"."id"
  )`,
};

/** The event itself: every confirmed RSVP is expected; check-ins without a session. */
const eventCountColumns = {
  expected: sql<number>`(
    select count(*)::int from rsvps r where r.event_id = "events"."id" and r.status = 'confirmed'
  )`,
  checkedIn: sql<number>`(
    select count(*)::int from check_ins ci
    where ci.event_id = "events"."id" and ci.session_id is null
  )`,
};

export interface Counts {
  expected: number;
  checkedIn: number;
}

/** The event's sessions by start time, each with its counts. */
export async function sessionsWithCounts(tx: Executor, eventId: string) {
  return tx
    .select({
      id: eventSessions.id,
      name: eventSessions.name,
      startsAt: eventSessions.startsAt,
      endsAt: eventSessions.endsAt,
      ...sessionCountColumns,
    })
    .from(eventSessions)
    .where(eq(eventSessions.eventId, eventId))
    .orderBy(asc(eventSessions.startsAt), asc(eventSessions.name), asc(eventSessions.id));
}

/** The counts of one session, or of the event itself (all its confirmed RSVPs expected). */
export async function countsOf(
  tx: Executor,
  eventId: string,
  sessionId: string | null,
): Promise<Counts> {
  if (sessionId !== null) {
    const [row] = await tx
      .select(sessionCountColumns)
      .from(eventSessions)
      .where(eq(eventSessions.id, sessionId));
    return { expected: row?.expected ?? 0, checkedIn: row?.checkedIn ?? 0 };
  }
  const [row] = await tx.select(eventCountColumns).from(events).where(eq(events.id, eventId));
  return { expected: row?.expected ?? 0, checkedIn: row?.checkedIn ?? 0 };
}

/** The check-in row of one RSVP at one session (or the event itself) matches this. */
const checkInOf = (sessionId: string | null) =>
  sessionId === null ? isNull(checkIns.sessionId) : eq(checkIns.sessionId, sessionId);

/** An RSVP chose the session; for the event itself, every RSVP counts as having chosen it. */
const chose = (sessionId: string | null): SQL =>
  sessionId === null
    ? sql`true`
    : sql`exists (select 1 from rsvp_sessions rs
        where rs.rsvp_id = ${rsvps.id} and rs.session_id = ${sessionId})`;

const personColumns = {
  rsvpId: rsvps.id,
  name: users.name,
  kind: rsvps.kind,
  status: rsvps.status,
  checkedInAt: checkIns.checkedInAt,
};

export type PersonRow = {
  rsvpId: string;
  name: string;
  kind: string;
  status: string;
  checkedInAt: Date | null;
};

/** How many people the door lists at once: it searches by name for the rest. */
export const PEOPLE_LIMIT = 100;

/**
 * The people of a session at the door: RSVPs (confirmed or waitlisted) that chose it, and anyone
 * already checked in to it, by name, the first PEOPLE_LIMIT of them, and how many there are.
 * Names, kinds and places only: no address, no account id.
 */
export async function peopleOf(
  tx: Executor,
  eventId: string,
  sessionId: string | null,
  q: string | undefined,
): Promise<{ people: PersonRow[]; total: number }> {
  const where = and(
    eq(rsvps.eventId, eventId),
    isNull(users.deletedAt),
    or(
      and(inArray(rsvps.status, ['confirmed', 'waitlisted']), chose(sessionId)),
      sql`${checkIns.id} is not null`,
    ),
    q ? ilike(users.name, likePattern(q)) : undefined,
  );
  const [people, [total]] = await Promise.all([
    tx
      .select(personColumns)
      .from(rsvps)
      .innerJoin(users, eq(users.id, rsvps.userId))
      .leftJoin(checkIns, and(eq(checkIns.rsvpId, rsvps.id), checkInOf(sessionId)))
      .where(where)
      .orderBy(asc(users.name), asc(rsvps.id))
      .limit(PEOPLE_LIMIT),
    tx
      .select({ n: count() })
      .from(rsvps)
      .innerJoin(users, eq(users.id, rsvps.userId))
      .leftJoin(checkIns, and(eq(checkIns.rsvpId, rsvps.id), checkInOf(sessionId)))
      .where(where),
  ]);
  return { people, total: total?.n ?? 0 };
}

/** One person of the event as the door shows them at this session; null when no such RSVP. */
export async function findPerson(
  tx: Executor,
  eventId: string,
  sessionId: string | null,
  rsvpId: string,
): Promise<PersonRow | null> {
  if (!isUuid(rsvpId)) return null;
  const [row] = await tx
    .select(personColumns)
    .from(rsvps)
    .innerJoin(users, eq(users.id, rsvps.userId))
    .leftJoin(checkIns, and(eq(checkIns.rsvpId, rsvps.id), checkInOf(sessionId)))
    .where(and(eq(rsvps.id, rsvpId), eq(rsvps.eventId, eventId)));
  return row ?? null;
}

/**
 * An RSVP of the event, read under a shared row lock (a cancellation waits for the check-in, and
 * the check-in sees a cancellation that came first), with whether it chose the session.
 */
export async function lockRsvp(
  tx: Executor,
  eventId: string,
  rsvpId: string,
  sessionId: string | null,
) {
  if (!isUuid(rsvpId)) return null;
  const [row] = await tx
    .select({ id: rsvps.id, status: rsvps.status, chose: sql<boolean>`${chose(sessionId)}` })
    .from(rsvps)
    .where(and(eq(rsvps.id, rsvpId), eq(rsvps.eventId, eventId)))
    .for('share', { of: rsvps });
  return row ?? null;
}

/**
 * Checks an RSVP in; null when it already was. The unique constraint `check_ins_rsvp_session`
 * (nulls not distinct) keeps two doors checking one person in at once to one row.
 */
export async function insertCheckIn(
  tx: Executor,
  values: { eventId: string; rsvpId: string; sessionId: string | null; checkedInBy: string },
) {
  const [row] = await tx.insert(checkIns).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

/** Undoes a check-in; null when there was none. */
export async function deleteCheckIn(tx: Executor, rsvpId: string, sessionId: string | null) {
  const [row] = await tx
    .delete(checkIns)
    .where(and(eq(checkIns.rsvpId, rsvpId), checkInOf(sessionId)))
    .returning();
  return row ?? null;
}
