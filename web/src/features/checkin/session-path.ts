/**
 * The check-in pages name the event itself (an event without sessions) `event` in the address,
 * and a session by its id; the API names the event itself with a null session.
 */
export const EVENT_ITSELF = 'event';

/** The session an address segment names (null: the event itself). */
export const sessionFromSegment = (segment: string): string | null =>
  segment === EVENT_ITSELF ? null : segment;

/** The check-in page of a session (null: the event itself). */
export const checkinSessionPath = (eventId: string, sessionId: string | null) =>
  `/events/${encodeURIComponent(eventId)}/check-in/${encodeURIComponent(sessionId ?? EVENT_ITSELF)}`;

/** The check-in page listing an event's sessions. */
export const checkinPath = (eventId: string) => `/events/${encodeURIComponent(eventId)}/check-in`;
