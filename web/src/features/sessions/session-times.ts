/**
 * When a session takes place, on the event's own clock and in the reader's language:
 * "3 Jun 2026, 10:00 – 12:00", or both dates when it runs past midnight.
 */
export function formatSessionTimes(startsAt: string, endsAt: string, timeZone: string): string {
  const format = new Intl.DateTimeFormat(undefined, {
    timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return format.formatRange(new Date(startsAt), new Date(endsAt));
}
