import { wallTimeIn } from '../shared/zoned-time';

/**
 * Whether an event is over: its last day (`endsOn`, or `startsOn`) is before today in its own
 * time zone, as the server decides. An event without dates is not over.
 */
export function isOver(
  event: { startsOn: string | null; endsOn: string | null; timeZone: string },
  now: Date = new Date(),
): boolean {
  const last = event.endsOn ?? event.startsOn;
  if (!last) return false;
  try {
    return last < wallTimeIn(event.timeZone, now).slice(0, 10);
  } catch {
    // A time zone this browser does not know: show the event rather than hide it.
    return false;
  }
}
