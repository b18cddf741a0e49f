import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import type { LinkContext, ServiceContext } from '../../context.js';
import { events } from '../../db/schema/index.js';
import { sendPromotions } from './emails.js';
import * as repo from './repository.js';

// The places of an event, per kind (attendee, volunteer): confirmed while the kind has room,
// waitlisted otherwise, the waitlist moved up in queued_seq order. Everything here runs in the
// caller's transaction, which holds the event's row lock (events/repository.ts lockEvent), so
// counts and places are decided one request at a time.

export type PlaceStatus = 'confirmed' | 'waitlisted';

/** Someone the waitlist moved up, as the audit entry of the change that freed the place says. */
export interface Promoted {
  rsvpId: string;
  userId: string;
  kind: string;
}

/**
 * Where a person (re)joining `kind` goes: confirmed while confirmed places are below capacity and
 * nobody is waiting before them (first come first served, whatever happened earlier), else the
 * back of the waitlist.
 */
export async function placeFor(tx: Executor, eventId: string, kind: repo.RsvpKind) {
  const [capacities, counts] = await Promise.all([
    repo.capacitiesOf(tx, eventId),
    repo.countsOf(tx, eventId),
  ]);
  const capacity = capacities[kind];
  const { confirmed, waitlisted } = counts[kind];
  return (capacity === null || confirmed < capacity) && waitlisted === 0
    ? ('confirmed' as const)
    : ('waitlisted' as const);
}

/**
 * Moves each kind's waitlist up while confirmed places are free, first come first served, in the
 * caller's transaction (which holds the event's row lock); each promoted person is emailed.
 * Called after a cancellation, a change of kind and after an event's capacity grows. Lowering a
 * capacity confirms nobody and un-confirms nobody. Returns who was promoted, in queue order.
 */
export async function promoteWaitlists(
  tx: Executor,
  ctx: ServiceContext & LinkContext,
  eventId: string,
): Promise<Promoted[]> {
  const [capacities, counts] = await Promise.all([
    repo.capacitiesOf(tx, eventId),
    repo.countsOf(tx, eventId),
  ]);
  const promoted: repo.RsvpRow[] = [];
  for (const kind of ['attendee', 'volunteer'] as const) {
    const { confirmed, waitlisted } = counts[kind];
    if (waitlisted === 0) continue;
    const capacity = capacities[kind];
    const places = capacity === null ? null : capacity - confirmed;
    promoted.push(...(await repo.promote(tx, eventId, kind, places)));
  }
  if (promoted.length > 0) {
    const [event] = await tx
      .select({ name: events.name, slug: events.slug, startsOn: events.startsOn })
      .from(events)
      .where(eq(events.id, eventId));
    await sendPromotions(tx, ctx.publicUrl, promoted, event!);
  }
  return promoted.map((r) => ({ rsvpId: r.id, userId: r.userId, kind: r.kind }));
}
