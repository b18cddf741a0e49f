import { authorizeActor } from '../../authz/authorize.js';
import type { RequestActor } from '../../authz/actor.js';
import { recordAudit } from '../../audit/record.js';
import type { Database, Executor } from '../../db/connection.js';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { lockedEvent } from '../events/service.js';
import { usableLocation } from '../locations/usable.js';
import { locationRefs } from '../locations/refs.js';
import * as repo from './repository.js';

type ActingContext = ServiceContext & { actor: { userId: string } };

const noSuchSession = () => new AppError('not_found', 'No such session.');

/**
 * Locks the event for a change of its sessions and decides event.update again on the event as
 * read under the lock: it may have been archived or suspended since the route asked.
 */
async function lockedForChange(tx: Executor, actor: RequestActor, eventId: string) {
  const { resource } = await lockedEvent(tx, eventId);
  authorizeActor(actor, 'event.update', resource, { seeWith: 'event.view', what: 'event' });
}

/** Sessions as pages show them (Session), their locations read in one query. */
export async function presentSessions(db: Executor, rows: readonly repo.SessionRow[]) {
  const locations = await locationRefs(
    db,
    rows.map((s) => s.locationId),
  );
  return rows.map((s) => ({
    id: s.id,
    name: s.name,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    location: s.locationId ? (locations.get(s.locationId) ?? null) : null,
    requiredForAttendees: s.requiredForAttendees,
    volunteersOnly: s.volunteersOnly,
  }));
}

/** An event's sessions by start time (the route decided event.view). */
export async function listSessions(db: Database, eventId: string) {
  return presentSessions(db, await repo.sessionsOf(db, eventId));
}

export interface SessionFields {
  name: string;
  startsAt: string;
  endsAt: string;
  locationId: string | null;
  requiredForAttendees: boolean;
  volunteersOnly: boolean;
}

/** What the database keeps of a session's fields, for the audit log and the comparisons. */
const stored = (s: repo.SessionRow | SessionFields) => ({
  name: s.name,
  startsAt: new Date(s.startsAt).toISOString(),
  endsAt: new Date(s.endsAt).toISOString(),
  locationId: s.locationId ?? null,
  requiredForAttendees: s.requiredForAttendees,
  volunteersOnly: s.volunteersOnly,
});

type Stored = ReturnType<typeof stored>;

/** The rules of a session as a whole; `locationId` is checked when it is new to the session. */
async function checkSession(tx: Executor, s: Stored, locationIsNew: boolean) {
  if (new Date(s.endsAt) <= new Date(s.startsAt)) {
    throw new AppError('validation_failed', 'A session ends after it starts.', [
      { field: 'body.endsAt', message: 'After the start' },
    ]);
  }
  if (s.requiredForAttendees && s.volunteersOnly) {
    throw new AppError(
      'validation_failed',
      'A session cannot be both required for attendees and for volunteers only.',
      [{ field: 'body.volunteersOnly', message: 'Not for a session required for attendees' }],
    );
  }
  if (s.locationId && locationIsNew) await usableLocation(tx, s.locationId);
}

/**
 * Keeps attendee RSVPs in line with a session's flags: a required one is chosen for every
 * attendee, a volunteers-only one for none. Returns what changed, for the audit entry.
 */
async function alignRsvps(tx: Executor, eventId: string, s: repo.SessionRow, was?: Stored) {
  const out: { addedToRsvps?: number; removedFromRsvps?: number } = {};
  if (s.requiredForAttendees && !was?.requiredForAttendees) {
    out.addedToRsvps = await repo.addToAttendeeRsvps(tx, eventId, s.id);
  }
  if (s.volunteersOnly && was && !was.volunteersOnly) {
    out.removedFromRsvps = await repo.removeFromAttendeeRsvps(tx, eventId, s.id);
  }
  return out;
}

/** Adds a session to an event (event.update, decided under the event's lock). */
export async function createSession(
  db: Database,
  ctx: ActingContext,
  actor: RequestActor,
  eventId: string,
  input: SessionFields & { reason?: string | null | undefined },
) {
  return db.transaction(async (tx) => {
    await lockedForChange(tx, actor, eventId);
    const values = stored(input);
    await checkSession(tx, values, true);
    const row = await repo.insertSession(tx, {
      ...values,
      eventId,
      startsAt: new Date(values.startsAt),
      endsAt: new Date(values.endsAt),
    });
    const aligned = await alignRsvps(tx, eventId, row);
    await recordAudit(tx, ctx, {
      scope: { type: 'event', id: eventId },
      action: 'session.create',
      target: { type: 'session', id: row.id },
      after: { ...values, ...aligned },
      reason: input.reason ?? null,
    });
    return (await presentSessions(tx, [row]))[0]!;
  });
}

/**
 * Changes a session (event.update, decided under the event's lock). Audited old → new for what
 * changed; a change to nothing writes nothing.
 */
export async function updateSession(
  db: Database,
  ctx: ActingContext,
  actor: RequestActor,
  eventId: string,
  sessionId: string,
  changes: Partial<SessionFields> & { reason?: string | null | undefined },
) {
  return db.transaction(async (tx) => {
    await lockedForChange(tx, actor, eventId);
    const current = await repo.findSession(tx, eventId, sessionId);
    if (!current) throw noSuchSession();
    const was = stored(current);
    const { reason, ...given } = changes;
    const next = stored({ ...was, ...given });
    const changed = (Object.keys(next) as (keyof Stored)[]).filter((k) => next[k] !== was[k]);
    if (changed.length === 0) return (await presentSessions(tx, [current]))[0]!;
    await checkSession(tx, next, next.locationId !== was.locationId);
    const row = await repo.updateSession(tx, current.id, {
      ...next,
      startsAt: new Date(next.startsAt),
      endsAt: new Date(next.endsAt),
    });
    const aligned = await alignRsvps(tx, eventId, row, was);
    await recordAudit(tx, ctx, {
      scope: { type: 'event', id: eventId },
      action: 'session.update',
      target: { type: 'session', id: row.id },
      before: Object.fromEntries(changed.map((k) => [k, was[k]])),
      after: { ...Object.fromEntries(changed.map((k) => [k, next[k]])), ...aligned },
      reason: reason ?? null,
    });
    return (await presentSessions(tx, [row]))[0]!;
  });
}

/**
 * Removes a session (event.update, decided under the event's lock), with the choices of it.
 * Refused once someone checked in to it: check-ins are the event's history and stay.
 */
export async function deleteSession(
  db: Database,
  ctx: ActingContext,
  actor: RequestActor,
  eventId: string,
  sessionId: string,
  reason: string | null,
) {
  await db.transaction(async (tx) => {
    await lockedForChange(tx, actor, eventId);
    const current = await repo.findSession(tx, eventId, sessionId);
    if (!current) throw noSuchSession();
    if (await repo.hasCheckIns(tx, current.id)) {
      throw new AppError(
        'in_use',
        'People were checked in to this session, so it stays as part of the event’s history.',
      );
    }
    await repo.deleteSession(tx, current.id);
    await recordAudit(tx, ctx, {
      scope: { type: 'event', id: eventId },
      action: 'session.delete',
      target: { type: 'session', id: current.id },
      before: stored(current),
      reason,
    });
  });
}
