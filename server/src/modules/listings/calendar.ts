import ical from 'ical-generator';
import type { LocationRef } from '../locations/refs.js';

// An event as an iCalendar feed (RFC 5545), written by ical-generator, which escapes the text
// and folds long lines. Sessions are instants, written in UTC so that every calendar shows them
// at the right moment in its own zone. An event without sessions is whole days: floating dates,
// the same days wherever the calendar is (its time zone named them), with DTEND the day after.

export interface CalendarEvent {
  id: string;
  name: string;
  slug: string;
  startsOn: string | null;
  endsOn: string | null;
  updatedAt: Date;
}

export interface CalendarSession {
  id: string;
  name: string;
  startsAt: Date;
  endsAt: Date;
  volunteersOnly: boolean;
  updatedAt: Date;
  /** Where it is held: its own location, or else the event's. */
  location: LocationRef | null;
}

/** One line for a calendar's location field: the name and the address, without line breaks. */
const placeText = (location: LocationRef) =>
  [location.name, ...location.address.split(/\r?\n/)]
    .map((part) => part.trim())
    .filter(Boolean)
    .join(', ');

/** The day after an ISO date (YYYY-MM-DD), in the calendar, not in any time zone. */
const dayAfter = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

const later = (a: Date, b: Date) => (a > b ? a : b);

/**
 * The feed of one event: a VEVENT per session, or one all-day VEVENT for its dates. Null when it
 * has neither. UIDs are stable (the session's or event's id and the instance's host) so that a
 * subscribed calendar updates its entries instead of adding new ones.
 */
export function renderCalendar(input: {
  event: CalendarEvent;
  eventLocation: LocationRef | null;
  sessions: readonly CalendarSession[];
  publicUrl: string;
}): string | null {
  const { event, eventLocation, sessions, publicUrl } = input;
  const host = new URL(publicUrl).host;
  const url = `${publicUrl}/e/${encodeURIComponent(event.slug)}`;
  const cal = ical({
    name: event.name,
    prodId: { company: 'Steward', product: 'Steward', language: 'EN' },
    url,
  });
  if (sessions.length > 0) {
    for (const s of sessions) {
      cal.createEvent({
        id: `session-${s.id}@${host}`,
        summary: `${event.name}: ${s.name}`,
        start: s.startsAt,
        end: s.endsAt,
        // Last revised: the session, or the event whose name it carries.
        stamp: later(s.updatedAt, event.updatedAt),
        location: s.location ? placeText(s.location) : null,
        description: s.volunteersOnly ? `For volunteers.\n${url}` : url,
        url,
      });
    }
    return cal.toString();
  }
  const first = event.startsOn ?? event.endsOn;
  const last = event.endsOn ?? event.startsOn;
  if (!first || !last) return null;
  cal.createEvent({
    id: `event-${event.id}@${host}`,
    summary: event.name,
    start: first,
    // DTEND of whole days is exclusive: the day after the last one.
    end: dayAfter(last),
    allDay: true,
    stamp: event.updatedAt,
    location: eventLocation ? placeText(eventLocation) : null,
    description: url,
    url,
  });
  return cal.toString();
}
