import type { Executor } from '../../db/connection.js';
import { enqueueEmail, enqueueEmails, type EmailMessage } from '../email/service.js';
import { renderEmail } from '../email/template.js';
import { liveOwners, type RsvpKind } from './repository.js';
import { cancellationTokens, cancellationUrl, type TokenWriter } from './token.js';

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

interface Recipient {
  id: string;
  name: string;
  email: string;
}

/** One RSVP email to its owner, with the link that cancels the RSVP. */
function rsvpEmail(
  publicUrl: string,
  tokenOf: TokenWriter,
  person: Recipient,
  rsvp: EmailedRsvp,
  event: EmailedEvent,
  kind: string,
  subject: string,
  paragraphs: string[],
): EmailMessage {
  const cancel = cancellationUrl(publicUrl, tokenOf(rsvp.id));
  return {
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
  };
}

/** The confirmation of a new RSVP: a place, or a place on the waitlist (with the position). */
export async function sendRsvpConfirmation(
  tx: Executor,
  publicUrl: string,
  rsvp: EmailedRsvp & { status: string },
  waitlistPosition: number | null,
  event: EmailedEvent,
) {
  const [person] = await liveOwners(tx, [rsvp.userId]);
  if (!person) return;
  const confirmed = rsvp.status === 'confirmed';
  await enqueueEmail(
    tx,
    rsvpEmail(
      publicUrl,
      await cancellationTokens(tx),
      person,
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
    ),
  );
}

/**
 * A place freed up and the waitlist moved up: each of these people now has one. One query for
 * the people, one for the secret of their links, a few statements for the emails.
 */
export async function sendPromotions(
  tx: Executor,
  publicUrl: string,
  promoted: readonly EmailedRsvp[],
  event: EmailedEvent,
) {
  if (promoted.length === 0) return;
  const [people, tokenOf] = await Promise.all([
    liveOwners(
      tx,
      promoted.map((r) => r.userId),
    ),
    cancellationTokens(tx),
  ]);
  const byId = new Map(people.map((p) => [p.id, p]));
  await enqueueEmails(
    tx,
    promoted.flatMap((rsvp) => {
      const person = byId.get(rsvp.userId);
      if (!person) return [];
      return [
        rsvpEmail(
          publicUrl,
          tokenOf,
          person,
          rsvp,
          event,
          'rsvp.promoted',
          `A place opened up: you are confirmed for ${event.name}`,
          [
            `A place freed up at ${event.name}${when(event)}, and you were next on the waitlist: your place as ${asWhat(rsvp.kind)} is now confirmed.`,
          ],
        ),
      ];
    }),
  );
}
