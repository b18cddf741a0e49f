// A time on an event's own clock (when an incident happened, when a session starts). A
// datetime-local input holds a wall time without a zone ("2026-06-03T14:05"); the event's time
// zone turns it into an instant, sent as ISO 8601 with that zone's offset
// ("2026-06-03T14:05:00+02:00"), so everyone reads the time that was meant whatever zone their
// phone is set to.

const pad = (n: number) => String(n).padStart(2, '0');

function partsIn(zone: string, at: Date) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** The zone's offset from UTC at an instant, in minutes (Berlin in summer: 120). */
function offsetMinutes(zone: string, at: Date): number {
  const p = partsIn(zone, at);
  const wallAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((wallAsUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** An instant as a datetime-local value on the zone's clock. */
export function wallTimeIn(zone: string, at: Date = new Date()): string {
  const p = partsIn(zone, at);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * A datetime-local value read on the zone's clock, as ISO 8601 with the zone's offset then;
 * null when empty or unreadable. A wall time that happens twice (clocks going back) takes the
 * first; one skipped by clocks going forward takes the offset from before the change.
 */
export function wallTimeToIso(value: string, zone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const wallAsUtc = Date.UTC(y, mo - 1, d, h, mi);
  if (Number.isNaN(wallAsUtc)) return null;
  let offset: number;
  try {
    // The offset a little before and after: the earlier one wins where both fit.
    const before = offsetMinutes(zone, new Date(wallAsUtc - 14 * 3_600_000));
    const after = offsetMinutes(zone, new Date(wallAsUtc + 14 * 3_600_000));
    const fits = (o: number) => offsetMinutes(zone, new Date(wallAsUtc - o * 60_000)) === o;
    offset = fits(before) ? before : fits(after) ? after : before;
  } catch {
    return null;
  }
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:00${offsetText(offset)}`;
}
