// Times of an event's sessions, said on the event's own clock (where people will be), whatever
// zone the reader's device is set to.

/** How each kind of time is said: a session's day and hours, or a time of day. */
const shapes = {
  session: { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' },
  clock: { hour: '2-digit', minute: '2-digit' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;
type Shape = keyof typeof shapes;

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * One formatter per time zone and shape: building one is slow, and a page lists many sessions.
 * Throws RangeError for a zone this browser does not know.
 */
function formatIn(timeZone: string, shape: Shape): Intl.DateTimeFormat {
  const key = `${shape} ${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, { timeZone, ...shapes[shape] });
    formats.set(key, format);
  }
  return format;
}

/**
 * Says a time with the event's zone's formatter; with UTC's, named, when this browser does not
 * know the zone (an older browser, a zone named since): a page that shows it still works, and
 * the reader is not misled about which clock it is.
 */
function onEventClock(timeZone: string, shape: Shape, say: (f: Intl.DateTimeFormat) => string) {
  try {
    return say(formatIn(timeZone, shape));
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return `${say(formatIn('UTC', shape))} UTC`;
  }
}

/**
 * When a session takes place, in the event's time zone and the reader's language: "Wed, Jun 3,
 * 10:00 AM – 12:30 PM"; the day is said again when it ends on another.
 */
export function formatSessionTime(startsAt: string, endsAt: string, timeZone: string): string {
  return onEventClock(timeZone, 'session', (f) =>
    f.formatRange(new Date(startsAt), new Date(endsAt)),
  );
}

/** The time of day of an instant on the event's clock: "10:05" (a check-in at the door). */
export function formatClockTime(at: string, timeZone: string): string {
  return onEventClock(timeZone, 'clock', (f) => f.format(new Date(at)));
}
