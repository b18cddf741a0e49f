import {
  canGrant,
  canRevoke,
  type ActorFacts,
  type AssignmentDecision,
  type EventFacts,
} from '@steward/permissions';
import { authorizeActor } from '../../authz/authorize.js';
import type { RequestActor } from '../../authz/actor.js';
import type { Database, Executor } from '../../db/connection.js';
import type { ServiceContext } from '../../context.js';
import { recordAudit } from '../../audit/record.js';
import { AppError } from '../../errors.js';
import { enqueueEmails } from '../email/service.js';
import { renderEmail } from '../email/template.js';
import { lockedEvent } from '../events/service.js';
import { notify } from '../notifications/service.js';
import { futureExpiry } from '../roles/leaders.js';
import {
  countRoleHolders,
  deleteRoleAssignment,
  upsertRoleAssignment,
} from '../roles/repository.js';
import { sessionIdsOf } from '../rsvps/repository.js';
import { rsvpSummary } from '../rsvps/service.js';
import { cancellationTokens, cancellationUrl } from '../rsvps/token.js';
import { hasSessions } from '../sessions/repository.js';
import * as repo from './repository.js';

type ActingContext = ServiceContext & { actor: { userId: string } };

/** An attendee as the organizers see them; `sessionIds` by start time. */
function presentAttendee(row: repo.AttendeeRow, sessionIds: string[], withSessions: boolean) {
  const sessionCheckIns = row.checkIns.filter((id): id is string => id !== null);
  return {
    rsvpId: row.rsvpId,
    userId: row.userId,
    name: row.name,
    image: row.image,
    email: row.email,
    kind: row.kind as 'attendee' | 'volunteer',
    status: row.status as 'confirmed' | 'waitlisted' | 'cancelled',
    waitlistPosition: row.waitlistPosition,
    sessionIds,
    checkedInSessionIds: withSessions ? sessionCheckIns : null,
    checkedIn: withSessions ? sessionCheckIns.length > 0 : row.checkIns.includes(null),
    checkiner: row.checkiner,
    createdAt: row.createdAt.toISOString(),
  };
}

export type AttendeeView = ReturnType<typeof presentAttendee>;

async function presentAll(tx: Executor, eventId: string, rows: repo.AttendeeRow[]) {
  const [sessions, withSessions] = await Promise.all([
    sessionIdsOf(
      tx,
      rows.map((r) => r.rsvpId),
    ),
    hasSessions(tx, eventId),
  ]);
  return rows.map((r) => presentAttendee(r, sessions.get(r.rsvpId) ?? [], withSessions));
}

/** One page of an event's live RSVPs (the route authorized event.attendees.view), with counts. */
export async function listAttendees(db: Database, event: EventFacts, query: repo.AttendeeQuery) {
  const { items, total } = await repo.listAttendees(db, event.id, query);
  return {
    items: await presentAll(db, event.id, items),
    total,
    page: query.page,
    pageSize: query.pageSize,
    summary: await rsvpSummary(db, event),
  };
}

async function attendeeView(tx: Executor, eventId: string, userId: string) {
  const row = await repo.findAttendee(tx, eventId, userId);
  if (!row) throw new AppError('not_found', 'This person has no RSVP for this event.');
  return (await presentAll(tx, eventId, [row]))[0]!;
}

function refuse(decision: AssignmentDecision): never {
  throw new AppError('forbidden', decision.reason);
}

/** Where the checkiner finds the door, and the words of the notice. */
const checkinPath = (eventId: string) => `/events/${eventId}/check-in`;

/**
 * Makes someone with a live RSVP a checkiner of the event, or renews it with a new expiry
 * (SPEC §6 through canGrant: the event's admins). Under the event's lock, audited old → new with
 * the reason; the person is told.
 */
export async function setCheckiner(
  db: Database,
  ctx: ActingContext,
  actor: ActorFacts,
  eventId: string,
  userId: string,
  input: { expiresAt?: string | null | undefined; reason?: string | null | undefined },
  publicUrl: string,
) {
  const expiresAt = futureExpiry(input.expiresAt);
  return db.transaction(async (tx) => {
    const { row, resource } = await lockedEvent(tx, eventId);
    const rsvp = await repo.findAttendee(tx, eventId, userId);
    if (!rsvp || rsvp.status === 'cancelled') {
      throw new AppError(
        'validation_failed',
        'Only someone who RSVP’d to this event (and has not cancelled) can be a checkiner.',
        [{ field: 'params.userId', message: 'No RSVP for this event' }],
      );
    }
    const facts = { eventAdminCount: await countRoleHolders(tx, 'event', eventId, 'event_admin') };
    const grant = canGrant(actor, 'checkiner', resource, facts, new Date());
    if (!grant.allowed) refuse(grant);
    const before = await upsertRoleAssignment(tx, {
      userId,
      role: 'checkiner',
      scopeType: 'event',
      scopeId: eventId,
      grantedBy: ctx.actor.userId,
      reason: input.reason ?? null,
      expiresAt,
    });
    await recordAudit(tx, ctx, {
      scope: { type: 'event', id: eventId },
      action: before ? 'event.checkiner.expiry' : 'event.checkiner.assign',
      target: { type: 'user', id: userId },
      before: before
        ? { role: 'checkiner', expiresAt: before.expiresAt?.toISOString() ?? null }
        : null,
      after: { role: 'checkiner', expiresAt: expiresAt?.toISOString() ?? null },
      reason: input.reason ?? null,
    });
    const until = expiresAt ? ` until ${expiresAt.toUTCString()}` : '';
    await tellCheckiner(
      tx,
      { id: eventId, name: row.event.name },
      userId,
      before
        ? `Your role checkiner in ${row.event.name} now lasts${until || ' with no end date'}.`
        : `You can now check people in at ${row.event.name}${until}: you see their names at the door.`,
      ctx.actor.userId,
      publicUrl,
    );
    return attendeeView(tx, eventId, userId);
  });
}

/** Ends someone's checkiner role in the event (canRevoke); audited with the reason; they are told. */
export async function removeCheckiner(
  db: Database,
  ctx: ActingContext,
  actor: ActorFacts,
  eventId: string,
  userId: string,
  reason: string | null,
  publicUrl: string,
) {
  return db.transaction(async (tx) => {
    const { row, resource } = await lockedEvent(tx, eventId);
    const facts = { eventAdminCount: await countRoleHolders(tx, 'event', eventId, 'event_admin') };
    const revoke = canRevoke(actor, 'checkiner', resource, facts, new Date());
    if (!revoke.allowed) refuse(revoke);
    const removed = await deleteRoleAssignment(tx, {
      userId,
      role: 'checkiner',
      scopeType: 'event',
      scopeId: eventId,
    });
    if (!removed) throw new AppError('not_found', 'This person is not a checkiner of this event.');
    await recordAudit(tx, ctx, {
      scope: { type: 'event', id: eventId },
      action: 'event.checkiner.remove',
      target: { type: 'user', id: userId },
      before: { role: 'checkiner', expiresAt: removed.expiresAt?.toISOString() ?? null },
      after: null,
      reason,
    });
    await tellCheckiner(
      tx,
      { id: eventId, name: row.event.name },
      userId,
      `You no longer check people in at ${row.event.name}.`,
      ctx.actor.userId,
      publicUrl,
      true,
    );
    return attendeeView(tx, eventId, userId);
  });
}

/** Tells someone their checkiner role changed (SPEC §10), as they prefer; in the change's transaction. */
async function tellCheckiner(
  tx: Executor,
  event: { id: string; name: string },
  userId: string,
  words: string,
  actorId: string,
  publicUrl: string,
  removed = false,
) {
  await notify(
    tx,
    [userId],
    {
      kind: 'role.changed',
      actorId,
      eventId: event.id,
      target: { type: 'event', id: event.id },
      title: words,
      link: removed ? `/events/${event.id}` : checkinPath(event.id),
      email: {
        subject: `Your role in ${event.name} changed`,
        paragraphs: [words],
        actionLabel: removed ? `Open ${event.name}` : 'Open check-in',
        footer: 'If this looks wrong, reply to the person who changed it or to the event team.',
      },
    },
    publicUrl,
  );
}

const presentMessage = (m: repo.MessageRow) => ({
  id: m.id,
  audience: m.audience as 'everyone' | 'attendees' | 'volunteers' | 'waitlisted',
  subject: m.subject,
  body: m.body,
  recipientCount: m.recipientCount,
  sentBy: m.senderName !== null ? { name: m.senderName } : null,
  sentAt: m.sentAt.toISOString(),
});

/** One page of the messages sent to an event's people, newest first (the route authorized it). */
export async function listMessages(
  db: Database,
  eventId: string,
  page: { page: number; pageSize: number },
) {
  const { items, total } = await repo.listMessages(db, eventId, page);
  return { items: items.map(presentMessage), total, page: page.page, pageSize: page.pageSize };
}

export interface NewMessage {
  audience: 'everyone' | 'attendees' | 'volunteers' | 'waitlisted';
  subject: string;
  body: string;
}

/**
 * Sends a message to an audience of the event's people: one email each through the outbox (so
 * no recipient sees another's address, and nobody at the event sees any), kept in
 * event_messages, and audited once with its subject, audience and count (the body stays in the
 * message, not the log). The body is plain text: renderEmail escapes it for the HTML part.
 */
export async function sendMessage(
  db: Database,
  ctx: ActingContext,
  actor: RequestActor,
  eventId: string,
  input: NewMessage,
  publicUrl: string,
) {
  return db.transaction(async (tx) => {
    // Shared: the audience and the decision hold until this commits (a change of places or of
    // the event's state waits), while check-ins at the door, which share it too, go on.
    const { row, resource } = await lockedEvent(tx, eventId, 'share');
    // Decided again on the event as read under the lock: it may be archived or suspended by now.
    authorizeActor(actor, 'event.attendees.message', resource, {
      seeWith: 'event.view',
      what: 'event',
    });
    const event = row.event;
    const recipients = await repo.audienceOf(tx, eventId, input.audience);
    if (recipients.length === 0) {
      throw new AppError('validation_failed', 'Nobody is in this audience yet.', [
        { field: 'body.audience', message: 'Nobody to send to' },
      ]);
    }
    const message = await repo.insertMessage(tx, {
      eventId,
      sentBy: ctx.actor.userId,
      audience: input.audience,
      subject: input.subject,
      body: input.body,
      recipientCount: recipients.length,
    });
    // Paragraphs as the writer separated them; line breaks inside one stay (renderEmail).
    const paragraphs = input.body
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean);
    const tokenOf = await cancellationTokens(tx);
    await enqueueEmails(
      tx,
      recipients.map((person) => ({
        to: person.email,
        userId: person.userId,
        kind: 'event.message',
        ...renderEmail({
          subject: `${event.name}: ${input.subject}`,
          greeting: `Hello ${person.name},`,
          paragraphs: [
            ...paragraphs,
            `Can't come after all? Cancel your RSVP with this link, no sign-in needed:\n${cancellationUrl(publicUrl, tokenOf(person.rsvpId))}`,
          ],
          action: {
            label: 'Open the event',
            url: `${publicUrl}/e/${encodeURIComponent(event.slug)}`,
          },
          footer: `The organizers of ${event.name} sent this through Steward because you RSVP’d to it.`,
        }),
      })),
    );
    await recordAudit(tx, ctx, {
      scope: { type: 'event', id: eventId },
      action: 'event.message.send',
      target: { type: 'event_message', id: message.id },
      after: {
        audience: input.audience,
        subject: input.subject,
        recipientCount: recipients.length,
      },
    });
    const sent = await repo.findMessage(tx, message.id);
    return presentMessage(sent!);
  });
}
