import { decide, listPlan, type ActorFacts, type EventFacts } from '@steward/permissions';
import { authorizeActor } from '../../authz/authorize.js';
import type { RequestActor } from '../../authz/actor.js';
import { eventColumns, planWhere } from '../../authz/list-filter.js';
import { recordAudit } from '../../audit/record.js';
import type { Database, Executor } from '../../db/connection.js';
import type { LinkContext, ServiceContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { findEvent, type EventRow } from '../events/repository.js';
import { lockedEvent } from '../events/service.js';
import { locationRefs } from '../locations/refs.js';
import { sessionsOf } from '../sessions/repository.js';
import { sendRsvpConfirmation } from './emails.js';
import * as repo from './repository.js';
import { rsvpIdOfToken } from './token.js';
import { placeFor, promoteWaitlists, type Promoted } from './waitlist.js';

type ActingContext = ServiceContext & LinkContext & { actor: { userId: string } };

// Whether an event takes RSVPs is the engine's event.rsvp for a signed-in person with no role
// at all: the grant is a relation (signed in, event open, rsvpOpen), so nobody's roles change it.
const anySignedIn: ActorFacts = { userId: 'any signed-in person', assignments: [] };

/** Whether the event takes RSVPs now, as the engine decides it. */
export const rsvpsOpen = (event: EventFacts) =>
  decide(anySignedIn, 'event.rsvp', { type: 'event', ...event }, new Date()).allowed;

/** How full an event is, per kind (RsvpSummary). */
export async function rsvpSummary(tx: Executor, event: EventFacts) {
  const [capacities, counts] = await Promise.all([
    repo.capacitiesOf(tx, event.id),
    repo.countsOf(tx, event.id),
  ]);
  return {
    open: rsvpsOpen(event),
    attendee: { capacity: capacities.attendee, ...counts.attendee },
    volunteer: { capacity: capacities.volunteer, ...counts.volunteer },
  };
}

/** An RSVP as its owner sees it (MyRsvp); null when cancelled. */
export async function presentMyRsvp(tx: Executor, rsvp: repo.RsvpRow | null) {
  if (!rsvp || rsvp.status === 'cancelled') return null;
  const [position, sessions] = await Promise.all([
    repo.waitlistPosition(tx, rsvp),
    repo.sessionIdsOf(tx, [rsvp.id]),
  ]);
  return myRsvpOf(rsvp, position, sessions.get(rsvp.id) ?? []);
}

function myRsvpOf(rsvp: repo.RsvpRow, waitlistPosition: number | null, sessionIds: string[]) {
  return {
    id: rsvp.id,
    kind: rsvp.kind as repo.RsvpKind,
    status: rsvp.status as 'confirmed' | 'waitlisted',
    waitlistPosition,
    sessionIds,
    shareEmail: rsvp.shareEmail,
    createdAt: rsvp.createdAt.toISOString(),
  };
}

/** The caller's RSVP for an event and the event's summary (the route authorized event.view). */
export async function getRsvp(db: Database, userId: string, event: EventFacts) {
  const rsvp = await repo.findRsvp(db, event.id, userId);
  return { rsvp: await presentMyRsvp(db, rsvp), summary: await rsvpSummary(db, event) };
}

export interface RsvpInput {
  kind: repo.RsvpKind;
  sessionIds: string[];
  shareEmail: boolean;
}

/**
 * The sessions an RSVP takes: only the event's own, never a volunteers-only one for an attendee,
 * and every required one for an attendee (whatever they chose). In start order.
 */
async function chosenSessions(tx: Executor, eventId: string, input: RsvpInput) {
  const sessions = await sessionsOf(tx, eventId);
  const byId = new Map(sessions.map((s) => [s.id, s]));
  const unknown = input.sessionIds.filter((id) => !byId.has(id));
  if (unknown.length > 0) {
    throw new AppError('validation_failed', 'Choose sessions of this event.', [
      { field: 'body.sessionIds', message: `No such session in this event: ${unknown.join(', ')}` },
    ]);
  }
  const chosen = new Set(input.sessionIds);
  if (input.kind === 'attendee') {
    const forVolunteers = sessions.filter((s) => s.volunteersOnly && chosen.has(s.id));
    if (forVolunteers.length > 0) {
      throw new AppError('validation_failed', 'Some sessions are for volunteers only.', [
        {
          field: 'body.sessionIds',
          message: `For volunteers only: ${forVolunteers.map((s) => s.name).join(', ')}`,
        },
      ]);
    }
    for (const s of sessions) if (s.requiredForAttendees) chosen.add(s.id);
  }
  return sessions.filter((s) => chosen.has(s.id)).map((s) => s.id);
}

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, i) => id === b[i]);

const promotedPart = (promoted: Promoted[]) => (promoted.length > 0 ? { promoted } : {});

/**
 * RSVPs for the caller (`event.rsvp`, decided on the event as read under its row lock), or
 * changes their RSVP. The place is decided under that lock: see waitlist.ts. Returns whether it
 * was created.
 */
export async function putRsvp(
  db: Database,
  ctx: ActingContext,
  actor: RequestActor,
  eventId: string,
  input: RsvpInput,
) {
  return db.transaction(async (tx) => {
    const { row, resource } = await lockedEvent(tx, eventId);
    authorizeActor(actor, 'event.rsvp', resource, { seeWith: 'event.view', what: 'event' });
    const sessionIds = await chosenSessions(tx, eventId, input);
    const existing = await repo.findRsvp(tx, eventId, ctx.actor.userId);
    const live = existing && existing.status !== 'cancelled' ? existing : null;
    const rsvp = live
      ? await changeRsvp(tx, ctx, live, input, sessionIds)
      : await joinQueue(tx, ctx, row, existing, input, sessionIds);
    return {
      created: !live,
      rsvp: myRsvpOf(rsvp, await repo.waitlistPosition(tx, rsvp), sessionIds),
      summary: await rsvpSummary(tx, resource),
    };
  });
}

/**
 * A new RSVP, or one coming back after a cancellation (the row is kept: its check-ins are
 * history): at the back of the queue, audited, and confirmed by email.
 */
async function joinQueue(
  tx: Executor,
  ctx: ActingContext,
  event: EventRow,
  cancelled: repo.RsvpRow | null,
  input: RsvpInput,
  sessionIds: string[],
) {
  const eventId = event.event.id;
  const status = await placeFor(tx, eventId, input.kind);
  const now = new Date();
  const rsvp = cancelled
    ? await repo.updateRsvp(tx, cancelled.id, {
        kind: input.kind,
        status,
        shareEmail: input.shareEmail,
        requeue: true,
        confirmedAt: status === 'confirmed' ? now : null,
        cancelledAt: null,
        // Coming back is a new RSVP: its time is now.
        createdAt: now,
      })
    : await repo.insertRsvp(tx, {
        eventId,
        userId: ctx.actor.userId,
        kind: input.kind,
        status,
        shareEmail: input.shareEmail,
      });
  await repo.setSessions(tx, rsvp.id, sessionIds);
  const position = await repo.waitlistPosition(tx, rsvp);
  await recordAudit(tx, ctx, {
    scope: { type: 'event', id: eventId },
    action: 'rsvp.create',
    target: { type: 'rsvp', id: rsvp.id },
    before: cancelled ? { status: 'cancelled' } : null,
    after: {
      kind: rsvp.kind,
      status,
      waitlistPosition: position,
      sessionIds,
      shareEmail: rsvp.shareEmail,
    },
  });
  await sendRsvpConfirmation(tx, ctx.publicUrl, rsvp, position, {
    name: event.event.name,
    slug: event.event.slug,
    startsOn: event.event.startsOn,
  });
  return rsvp;
}

/**
 * Changes a live RSVP. A change of kind leaves the old kind first (its waitlist moves up, named
 * in the entry) and joins the back of the new kind's queue; sessions and shareEmail alone keep
 * the place. Audited old → new for what changed; nothing changed writes nothing.
 */
async function changeRsvp(
  tx: Executor,
  ctx: ActingContext,
  existing: repo.RsvpRow,
  input: RsvpInput,
  sessionIds: string[],
) {
  const before = {
    kind: existing.kind,
    status: existing.status,
    sessionIds: (await repo.sessionIdsOf(tx, [existing.id])).get(existing.id) ?? [],
    shareEmail: existing.shareEmail,
  };
  let rsvp = existing;
  let promoted: Promoted[] = [];
  if (existing.kind !== input.kind) {
    // Out of the old kind first, so the new kind's place is decided without it.
    await repo.updateRsvp(tx, existing.id, { status: 'cancelled' });
    const status = await placeFor(tx, existing.eventId, input.kind);
    rsvp = await repo.updateRsvp(tx, existing.id, {
      kind: input.kind,
      status,
      shareEmail: input.shareEmail,
      requeue: true,
      confirmedAt: status === 'confirmed' ? new Date() : null,
    });
    promoted = await promoteWaitlists(tx, ctx, existing.eventId);
  } else if (existing.shareEmail !== input.shareEmail) {
    rsvp = await repo.updateRsvp(tx, existing.id, { shareEmail: input.shareEmail });
  }
  if (!sameIds(before.sessionIds, sessionIds)) await repo.setSessions(tx, existing.id, sessionIds);
  const after = { kind: rsvp.kind, status: rsvp.status, sessionIds, shareEmail: rsvp.shareEmail };
  const changed = (Object.keys(after) as (keyof typeof after)[]).filter(
    (k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]),
  );
  if (changed.length > 0) {
    await recordAudit(tx, ctx, {
      scope: { type: 'event', id: existing.eventId },
      action: 'rsvp.update',
      target: { type: 'rsvp', id: rsvp.id },
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: {
        ...Object.fromEntries(changed.map((k) => [k, after[k]])),
        ...promotedPart(promoted),
      },
    });
  }
  return rsvp;
}

const noRsvp = () => new AppError('not_found', 'You have no RSVP for this event.');

/**
 * Cancels a live RSVP, with its event locked and read by the caller, and moves the waitlist up in
 * the same transaction (the promoted are emailed and named in the one audit entry). An archived
 * event's RSVPs stay as they were: the event is read-only (SPEC §6).
 */
async function cancelIn(
  tx: Executor,
  ctx: ServiceContext & LinkContext,
  event: EventFacts,
  rsvp: repo.RsvpRow,
  via: 'app' | 'link' | 'account_deletion',
) {
  if (event.status === 'archived') {
    throw new AppError('invalid_state', 'This event is archived: its RSVPs stay as they were.');
  }
  await repo.updateRsvp(tx, rsvp.id, { status: 'cancelled', cancelledAt: new Date() });
  const promoted = await promoteWaitlists(tx, ctx, rsvp.eventId);
  await recordAudit(tx, ctx, {
    scope: { type: 'event', id: rsvp.eventId },
    action: 'rsvp.cancel',
    target: { type: 'rsvp', id: rsvp.id },
    before: { kind: rsvp.kind, status: rsvp.status },
    after: { status: 'cancelled', via, ...promotedPart(promoted) },
  });
}

/** The caller cancels their own RSVP (the route authorized event.view). */
export async function cancelOwnRsvp(db: Database, ctx: ActingContext, eventId: string) {
  return db.transaction(async (tx) => {
    // Read after the lock: a concurrent cancellation or change is seen as it is.
    const { resource } = await lockedEvent(tx, eventId);
    const rsvp = await repo.findRsvp(tx, eventId, ctx.actor.userId);
    if (!rsvp || rsvp.status === 'cancelled') throw noRsvp();
    await cancelIn(tx, ctx, resource, rsvp, 'app');
    return { rsvp: null, summary: await rsvpSummary(tx, resource) };
  });
}

/**
 * Cancels the live RSVPs of someone deleting their account, in the deletion's transaction, as
 * they would one by one (cancelIn: the waitlist moves up and is emailed, one `rsvp.cancel` entry
 * by them in each event's scope, `via: account_deletion`), so nobody keeps a place nobody will
 * take. The events are locked in id order. RSVPs of events that are over or archived stay as
 * they were: the event's history, which nobody's waitlist is waiting on.
 */
export async function cancelRsvpsOfLeavingUser(tx: Executor, ctx: ActingContext): Promise<void> {
  for (const eventId of await repo.liveRsvpEventsOf(tx, ctx.actor.userId)) {
    const { resource } = await lockedEvent(tx, eventId);
    // Read again under the lock: it may have been cancelled, or the event archived, meanwhile.
    const rsvp = await repo.findRsvp(tx, eventId, ctx.actor.userId);
    if (!rsvp || rsvp.status === 'cancelled' || resource.status === 'archived') continue;
    await cancelIn(tx, ctx, resource, rsvp, 'account_deletion');
  }
}

const noSuchLink = () =>
  new AppError('not_found', 'This cancellation link is not valid. Check that it was copied whole.');

/** The RSVP a cancellation link names; 404 unless the token is ours and the RSVP exists. */
async function rsvpOfToken(tx: Executor, token: string) {
  const id = await rsvpIdOfToken(tx, token);
  const rsvp = id ? await repo.findRsvpById(tx, id) : null;
  if (!rsvp) throw noSuchLink();
  return rsvp;
}

/** What a cancellation link is for: the event, the kind and where the RSVP stands. */
export async function previewCancellation(db: Database, token: string) {
  const rsvp = await rsvpOfToken(db, token);
  const row = await findEvent(db, rsvp.eventId);
  if (!row) throw noSuchLink();
  return {
    event: { name: row.event.name, slug: row.event.slug, startsOn: row.event.startsOn },
    kind: rsvp.kind as repo.RsvpKind,
    status: rsvp.status as repo.RsvpStatus,
  };
}

/**
 * Cancels the RSVP of a link, signed out: the link is the authority (audited with no actor).
 * Using it again answers the same and changes nothing.
 */
export async function cancelByToken(
  db: Database,
  ctx: ServiceContext & LinkContext,
  token: string,
) {
  return db.transaction(async (tx) => {
    const found = await rsvpOfToken(tx, token);
    const { row, resource } = await lockedEvent(tx, found.eventId);
    // Read again under the lock: a cancellation may have just happened.
    const rsvp = (await repo.findRsvpById(tx, found.id))!;
    if (rsvp.status !== 'cancelled')
      await cancelIn(tx, { ...ctx, actor: null }, resource, rsvp, 'link');
    return { event: { name: row.event.name, slug: row.event.slug } };
  });
}

/**
 * One page of the caller's RSVPs (not cancelled) of the events they may still see (event.view,
 * as SQL through the engine's list plan), upcoming first.
 */
export async function myRsvps(
  db: Database,
  actor: ActorFacts & { userId: string },
  page: { page: number; pageSize: number },
) {
  const visible = planWhere(listPlan(actor, 'event.view', new Date()), eventColumns);
  const { items: rows, total } = await repo.rsvpsOfUser(db, actor.userId, visible, page);
  const [sessions, locations] = await Promise.all([
    repo.sessionIdsOf(
      db,
      rows.map((r) => r.rsvp.id),
    ),
    locationRefs(
      db,
      rows.map((r) => r.event.locationId),
    ),
  ]);
  return {
    items: rows.map(({ rsvp, event, waitlistPosition }) => ({
      ...myRsvpOf(rsvp, waitlistPosition, sessions.get(rsvp.id) ?? []),
      event: {
        id: event.id,
        name: event.name,
        slug: event.slug,
        startsOn: event.startsOn,
        endsOn: event.endsOn,
        timeZone: event.timeZone,
        location: event.locationId ? (locations.get(event.locationId) ?? null) : null,
      },
    })),
    total,
    page: page.page,
    pageSize: page.pageSize,
  };
}
