const formats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per time zone: building one is slow, and a page lists many sessions. */
function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: 'numeric',
      minute: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/**
 * When a session takes place, in the event's time zone (where people will be) and the reader's
 * language: "Wed, Jun 3, 10:00 AM – 12:30 PM"; the day is said again when it ends on another.
 */
export function formatSessionTime(startsAt: string, endsAt: string, timeZone: string): string {
  return formatIn(timeZone).formatRange(new Date(startsAt), new Date(endsAt));
}
