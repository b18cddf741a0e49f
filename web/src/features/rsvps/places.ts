import type { KindCounts } from '../../api/rsvps';

/**
 * Whether a new RSVP of a kind would join the waitlist: every place is taken, or someone of that
 * kind is already waiting (first come, first served, as the server decides).
 */
export const wouldWait = (counts: KindCounts) =>
  counts.capacity !== null && (counts.confirmed >= counts.capacity || counts.waitlisted > 0);

const places = (n: number) => (n === 1 ? '1 place' : `${n} places`);

/** How many places of a kind are left, in words: "12 places left of 50", "No limit", "Full". */
export function placesLeft(counts: KindCounts): string {
  if (counts.capacity === null) return 'No limit on places';
  if (wouldWait(counts)) {
    return counts.waitlisted > 0
      ? `Full: new RSVPs join the waitlist (${counts.waitlisted} waiting)`
      : 'Full: new RSVPs join the waitlist';
  }
  return `${places(counts.capacity - counts.confirmed)} left of ${counts.capacity}`;
}
