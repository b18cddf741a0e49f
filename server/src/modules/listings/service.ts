import { and } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { toEventFacts } from '../../authz/facts.js';
import { AppError } from '../../errors.js';
import { eventFilter, findEventBySlug } from '../events/repository.js';
import { locationRefs } from '../locations/refs.js';
import { hasSessions, sessionsOf } from '../sessions/repository.js';
import { renderCalendar } from './calendar.js';
import * as repo from './repository.js';
import { calendarPath, isPublicEvent, publicEventsWhere, upcomingWhere } from './visibility.js';

// What anyone may read without an account: upcoming public events, the regions to filter them by,
// and an event's calendar feed. Nothing here changes anything, so nothing is audited.

export interface ListingQuery {
  regionId?: string | undefined;
  organizationId?: string | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

/** One page of upcoming public events, soonest first, with their location and places left. */
export async function listPublicEvents(db: Executor, query: ListingQuery) {
  const visible = eventFilter(and(publicEventsWhere(new Date()), upcomingWhere)!, { q: query.q });
  const { items, total } = await repo.listedEvents(db, repo.listingFilter(visible, query), query);
  const places = await locationRefs(
    db,
    items.map((e) => e.locationId),
  );
  return {
    items: items.map((e) => ({
      name: e.name,
      slug: e.slug,
      // Upcoming events have a start date (upcomingWhere).
      startsOn: e.startsOn!,
      endsOn: e.endsOn,
      timeZone: e.timeZone,
      organization: { id: e.organizationId, name: e.organizationName },
      location: e.locationId ? (places.get(e.locationId) ?? null) : null,
      rsvpOpen: e.rsvpOpen,
      places: { attendee: e.attendeePlacesLeft },
    })),
    total,
  };
}

/** Every region with how many upcoming public events its locations hold (the listing's filter). */
export async function publicRegions(db: Executor) {
  const where = and(publicEventsWhere(new Date()), upcomingWhere)!;
  return repo.regionsWithEventCounts(db, where);
}

/**
 * An event's calendar feed: while the event is public, and has dates or sessions. Anything else
 * answers the 404 of a missing event, as its public page does.
 */
export async function eventCalendar(db: Executor, slug: string, publicUrl: string) {
  const row = await findEventBySlug(db, slug);
  if (!row || !isPublicEvent(toEventFacts(row), new Date())) {
    throw new AppError('not_found', 'No such event.');
  }
  const e = row.event;
  const sessions = await sessionsOf(db, e.id);
  const places = await locationRefs(db, [e.locationId, ...sessions.map((s) => s.locationId)]);
  const placeOf = (id: string | null) => (id ? (places.get(id) ?? null) : null);
  const feed = renderCalendar({
    event: e,
    eventLocation: placeOf(e.locationId),
    sessions: sessions.map((s) => ({ ...s, location: placeOf(s.locationId ?? e.locationId) })),
    publicUrl,
  });
  if (feed === null) {
    throw new AppError(
      'not_found',
      'This event has no dates and no sessions yet, so there is nothing to put in a calendar.',
    );
  }
  return { slug: e.slug, feed };
}

/**
 * The link to an event's calendar feed for its public page: null while the feed would answer
 * 404 (not public, or neither dates nor sessions).
 */
export async function calendarUrl(
  db: Executor,
  event: { id: string; slug: string; startsOn: string | null; endsOn: string | null },
  isPublic: boolean,
): Promise<string | null> {
  if (!isPublic) return null;
  const dated = event.startsOn !== null || event.endsOn !== null;
  return dated || (await hasSessions(db, event.id)) ? calendarPath(event.slug) : null;
}
