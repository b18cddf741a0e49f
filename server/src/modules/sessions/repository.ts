import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { isUuid } from '../../db/inputs.js';
import { checkIns, eventSessions, rsvpSessions, rsvps } from '../../db/schema/index.js';

export type SessionRow = typeof eventSessions.$inferSelect;
export type SessionInsert = typeof eventSessions.$inferInsert;

/** An event's sessions by start time. */
export async function sessionsOf(tx: Executor, eventId: string): Promise<SessionRow[]> {
  return tx
    .select()
    .from(eventSessions)
    .where(eq(eventSessions.eventId, eventId))
    .orderBy(asc(eventSessions.startsAt), asc(eventSessions.name), asc(eventSessions.id));
}

/** One session of an event; null when there is none (or it belongs to another event). */
export async function findSession(tx: Executor, eventId: string, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await tx
    .select()
    .from(eventSessions)
    .where(and(eq(eventSessions.id, id), eq(eventSessions.eventId, eventId)));
  return row ?? null;
}

/** Whether the event has sessions (then people check in to them, not to the event itself). */
export async function hasSessions(tx: Executor, eventId: string): Promise<boolean> {
  const rows = await tx
    .select({ id: eventSessions.id })
    .from(eventSessions)
    .where(eq(eventSessions.eventId, eventId))
    .limit(1);
  return rows.length > 0;
}

export async function insertSession(tx: Executor, values: SessionInsert) {
  const [row] = await tx.insert(eventSessions).values(values).returning();
  return row!;
}

export async function updateSession(tx: Executor, id: string, values: Partial<SessionInsert>) {
  const [row] = await tx
    .update(eventSessions)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(eventSessions.id, id))
    .returning();
  return row!;
}

export async function deleteSession(tx: Executor, id: string) {
  await tx.delete(eventSessions).where(eq(eventSessions.id, id));
}

/** Whether anyone was checked in to the session (then it is history and stays). */
export async function hasCheckIns(tx: Executor, sessionId: string) {
  const rows = await tx
    .select({ id: checkIns.id })
    .from(checkIns)
    .where(eq(checkIns.sessionId, sessionId))
    .limit(1);
  return rows.length > 0;
}

/** Adds a session to every live attendee RSVP of its event that lacks it; returns how many. */
export async function addToAttendeeRsvps(tx: Executor, eventId: string, sessionId: string) {
  const rows = await tx
    .insert(rsvpSessions)
    .select(
      tx
        .select({ rsvpId: rsvps.id, sessionId: sql<string>`${sessionId}::uuid`.as('session_id') })
        .from(rsvps)
        .where(
          and(
            eq(rsvps.eventId, eventId),
            eq(rsvps.kind, 'attendee'),
            inArray(rsvps.status, ['confirmed', 'waitlisted']),
          ),
        ),
    )
    .onConflictDoNothing()
    .returning({ rsvpId: rsvpSessions.rsvpId });
  return rows.length;
}

/** Takes a session out of the attendee RSVPs of its event (it became volunteers only). */
export async function removeFromAttendeeRsvps(tx: Executor, eventId: string, sessionId: string) {
  const rows = await tx
    .delete(rsvpSessions)
    .where(
      and(
        eq(rsvpSessions.sessionId, sessionId),
        inArray(
          rsvpSessions.rsvpId,
          tx
            .select({ id: rsvps.id })
            .from(rsvps)
            .where(and(eq(rsvps.eventId, eventId), eq(rsvps.kind, 'attendee'))),
        ),
      ),
    )
    .returning({ rsvpId: rsvpSessions.rsvpId });
  return rows.length;
}
