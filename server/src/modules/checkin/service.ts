import type { RequestActor } from '../../authz/actor.js';
import type { Database, Executor } from '../../db/connection.js';
import type { ServiceContext } from '../../context.js';
import { recordAudit } from '../../audit/record.js';
import { AppError } from '../../errors.js';
import { lockEvent } from '../events/repository.js';
import { eventAllowing } from '../events/service.js';
import { findSession, hasSessions } from '../sessions/repository.js';
import * as repo from './repository.js';

type ActingContext = ServiceContext & { actor: { userId: string } };

/** What the door may know of an event: its name, to say where one is, and its clock. */
type EventHead = { id: string; name: string; slug: string; timeZone: string };

const noSuchSession = () => new AppError('not_found', 'No such session.');
const noSuchRsvp = () => new AppError('not_found', 'No such RSVP.');

/**
 * The sessions to check people in to, each with its counts: by start time, or one entry with
 * id null for the event itself when it has no sessions.
 */
export async function overview(db: Executor, event: EventHead) {
  const sessions = await repo.sessionsWithCounts(db, event.id);
  return {
    event: { id: event.id, name: event.name, slug: event.slug, timeZone: event.timeZone },
    sessions:
      sessions.length > 0
        ? sessions.map((s) => ({
            id: s.id,
            name: s.name,
            startsAt: s.startsAt.toISOString(),
            endsAt: s.endsAt.toISOString(),
            counts: { expected: s.expected, checkedIn: s.checkedIn },
          }))
        : [
            {
              id: null,
              name: event.name,
              startsAt: null,
              endsAt: null,
              counts: await repo.countsOf(db, event.id, null),
            },
          ],
  };
}

/**
 * The session (or, as null, the event itself) that check-in is about. A session of another event
 * is no session of this one (404); an event with sessions is checked in to per session.
 */
async function checkinTarget(
  tx: Executor,
  eventId: string,
  sessionId: string | null | undefined,
  field: 'querystring.sessionId' | 'body.sessionId',
) {
  if (sessionId) {
    const session = await findSession(tx, eventId, sessionId);
    if (!session) throw noSuchSession();
    return session.id;
  }
  if (await hasSessions(tx, eventId)) {
    throw new AppError('validation_failed', 'This event has sessions: choose one.', [
      { field, message: 'Choose a session' },
    ]);
  }
  return null;
}

const presentPerson = (p: repo.PersonRow) => ({
  rsvpId: p.rsvpId,
  name: p.name,
  kind: p.kind as 'attendee' | 'volunteer',
  status: p.status as 'confirmed' | 'waitlisted' | 'cancelled',
  checkedIn: p.checkedInAt !== null,
  checkedInAt: p.checkedInAt ? p.checkedInAt.toISOString() : null,
});

/**
 * The people of a session (or the event itself) matching a name: the first PEOPLE_LIMIT by name,
 * how many match, and the session's counts (exact, whatever the search).
 */
export async function people(
  db: Executor,
  eventId: string,
  query: { sessionId?: string | undefined; q?: string | undefined },
) {
  const sessionId = await checkinTarget(db, eventId, query.sessionId, 'querystring.sessionId');
  const { people: rows, total } = await repo.peopleOf(db, eventId, sessionId, query.q);
  return {
    people: rows.map(presentPerson),
    total,
    counts: await repo.countsOf(db, eventId, sessionId),
  };
}

export interface CheckinInput {
  rsvpId: string;
  sessionId: string | null;
}

/**
 * Checks one person in, or undoes it (`checkedIn` false): idempotent (asking for what is already
 * so changes nothing and writes no entry), audited, in one transaction that re-decides
 * `event.checkin` on the event as read under its shared lock. A cancelled RSVP cannot be checked
 * in (409); its earlier check-ins may still be undone.
 */
export async function setCheckedIn(
  db: Database,
  ctx: ActingContext,
  actor: RequestActor,
  eventId: string,
  input: CheckinInput,
  checkedIn: boolean,
) {
  return db.transaction(async (tx) => {
    // Shared: check-ins at several doors go on side by side, while a change that locks the event
    // for update (an RSVP's place, a cancellation, a state change) waits for them, and they for it.
    await lockEvent(tx, eventId, 'share');
    await eventAllowing(tx, actor, eventId, 'event.checkin');
    const sessionId = await checkinTarget(tx, eventId, input.sessionId, 'body.sessionId');
    const rsvp = await repo.lockRsvp(tx, eventId, input.rsvpId, sessionId);
    if (!rsvp) throw noSuchRsvp();
    if (checkedIn) {
      if (rsvp.status === 'cancelled') {
        throw new AppError('invalid_state', 'This RSVP was cancelled: it cannot be checked in.');
      }
      if (!rsvp.chose) {
        throw new AppError(
          'validation_failed',
          'This person did not choose this session: they can add it to their RSVP.',
          [{ field: 'body.sessionId', message: 'Not one of their sessions' }],
        );
      }
      const row = await repo.insertCheckIn(tx, {
        eventId,
        rsvpId: rsvp.id,
        sessionId,
        checkedInBy: ctx.actor.userId,
      });
      if (row) {
        await recordAudit(tx, ctx, {
          scope: { type: 'event', id: eventId },
          action: 'event.checkin',
          target: { type: 'rsvp', id: rsvp.id },
          after: { sessionId, checkedInAt: row.checkedInAt.toISOString() },
        });
      }
    } else {
      const row = await repo.deleteCheckIn(tx, rsvp.id, sessionId);
      if (row) {
        await recordAudit(tx, ctx, {
          scope: { type: 'event', id: eventId },
          action: 'event.checkin.undo',
          target: { type: 'rsvp', id: rsvp.id },
          before: { sessionId, checkedInAt: row.checkedInAt.toISOString() },
        });
      }
    }
    const person = await repo.findPerson(tx, eventId, sessionId, rsvp.id);
    return {
      person: presentPerson(person!),
      counts: await repo.countsOf(tx, eventId, sessionId),
    };
  });
}
