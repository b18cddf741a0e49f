import type { Executor } from '../../db/connection.js';
import { enqueueEmail } from '../email/service.js';
import { renderEmail } from '../email/template.js';
import { findLiveUser } from '../users/repository.js';
import type { RsvpKind } from './repository.js';
import { cancellationToken, cancellationUrl } from './token.js';

// The emails of RSVPs: the confirmation of a new one (a place, or a place on the waitlist) and
// the news of a promotion. Each carries the link that cancels the RSVP without signing in.

export interface EmailedEvent {
  name: string;
  slug: string;
  startsOn: string | null;
}

export interface EmailedRsvp {
  id: string;
  userId: string;
  kind: string;
}

const asWhat = (kind: string) =>
  (kind as RsvpKind) === 'volunteer' ? 'a volunteer' : 'an attendee';

const when = (event: EmailedEvent) => (event.startsOn ? ` on ${event.startsOn}` : '');

async function send(
  tx: Executor,
  publicUrl: string,
  rsvp: EmailedRsvp,
  event: EmailedEvent,
  kind: string,
  subject: string,
  paragraphs: string[],
) {
  const person = await findLiveUser(tx, rsvp.userId);
  if (!person) return;
  const cancel = cancellationUrl(publicUrl, await cancellationToken(tx, rsvp.id));
  await enqueueEmail(tx, {
    to: person.email,
    userId: person.id,
    kind,
    ...renderEmail({
      subject,
      greeting: `Hello ${person.name},`,
      paragraphs: [
        ...paragraphs,
        `Can't come after all? Cancel your RSVP with this link, no sign-in needed, so someone else can have your place:\n${cancel}`,
      ],
      action: { label: 'Open the event', url: `${publicUrl}/e/${encodeURIComponent(event.slug)}` },
      footer: `You get this email because you RSVP'd to ${event.name} on Steward.`,
    }),
  });
}

/** The confirmation of a new RSVP: a place, or a place on the waitlist (with the position). */
export async function sendRsvpConfirmation(
  tx: Executor,
  publicUrl: string,
  rsvp: EmailedRsvp & { status: string },
  waitlistPosition: number | null,
  event: EmailedEvent,
) {
  const confirmed = rsvp.status === 'confirmed';
  await send(
    tx,
    publicUrl,
    rsvp,
    event,
    confirmed ? 'rsvp.confirmed' : 'rsvp.waitlisted',
    confirmed
      ? `Your place at ${event.name} is confirmed`
      : `You are on the waitlist for ${event.name}`,
    confirmed
      ? [`Your place as ${asWhat(rsvp.kind)} at ${event.name}${when(event)} is confirmed.`]
      : [
          `${event.name}${when(event)} is full for now, so you are on the waitlist as ${asWhat(rsvp.kind)}, at position ${waitlistPosition ?? '?'}.`,
          'When a place frees up, the waitlist moves up in order and we email you if you get one.',
        ],
  );
}

/** A place freed up and the waitlist moved up: this person now has one. */
export async function sendPromotion(
  tx: Executor,
  publicUrl: string,
  rsvp: EmailedRsvp,
  event: EmailedEvent,
) {
  await send(
    tx,
    publicUrl,
    rsvp,
    event,
    'rsvp.promoted',
    `A place opened up: you are confirmed for ${event.name}`,
    [
      `A place freed up at ${event.name}${when(event)}, and you were next on the waitlist: your place as ${asWhat(rsvp.kind)} is now confirmed.`,
    ],
  );
}
