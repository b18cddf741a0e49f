/** A day as the API sends it (YYYY-MM-DD), as that same day in the reader's calendar. */
function localDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, (m ?? 1) - 1, d ?? 1);
}

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/**
 * When an event takes place, in the reader's language: "3 Mar 2026", "3–5 Mar 2026", or
 * "Until 5 Mar 2026"; null when it has no dates yet.
 */
export function formatEventDays(startsOn: string | null, endsOn: string | null): string | null {
  if (startsOn && endsOn && endsOn !== startsOn) {
    return dayFormat.formatRange(localDay(startsOn), localDay(endsOn));
  }
  if (startsOn) return dayFormat.format(localDay(startsOn));
  if (endsOn) return `Until ${dayFormat.format(localDay(endsOn))}`;
  return null;
}
