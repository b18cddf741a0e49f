import { and, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import { decide, listPlan, type ActorFacts, type EventFacts } from '@steward/permissions';
import { eventColumns, planWhere } from '../../authz/list-filter.js';
import { events } from '../../db/schema/index.js';

// What "public" means for an event, decided by the engine for a visitor without an account, and
// the same as SQL for lists. Archived events are not public here: the engine lets anyone view
// them, but their public page, the listings and the calendar feed are for events still on.

/** A visitor without an account. */
export const nobody: ActorFacts = { userId: null, assignments: [] };

/** Whether anyone may see the event's public page, its calendar feed, and find it listed. */
export function isPublicEvent(event: EventFacts, now: Date): boolean {
  return (
    event.status === 'active' &&
    decide(nobody, 'event.view', { type: 'event', ...event }, now).allowed
  );
}

/**
 * isPublicEvent() as one SQL condition over `events` joined to `organizations`, through the
 * engine's list plan. The status comes first so that the (status, starts_on) index serves it.
 */
export function publicEventsWhere(now: Date): SQL {
  return and(
    eq(events.status, 'active'),
    planWhere(listPlan(nobody, 'event.view', now), eventColumns),
  )!;
}

/**
 * Events that end today or later in their own time zone (the last day, or the only one when there
 * is no end date). An event without a start date is not upcoming: it cannot be placed in time.
 */
export const upcomingWhere: SQL = and(
  isNotNull(events.startsOn),
  sql`coalesce(${events.endsOn}, ${events.startsOn}) >= (current_timestamp at time zone ${events.timeZone})::date`,
)!;

/** Where an event's calendar feed is served (relative, like every other link the API gives). */
export const calendarPath = (slug: string) =>
  `/api/public/events/${encodeURIComponent(slug)}/calendar.ics`;
