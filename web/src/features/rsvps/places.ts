import type { KindCounts } from '../../api/rsvps';

/** Whether every confirmed place of a kind is taken: a new RSVP of that kind waits. */
export const isFull = (counts: KindCounts) =>
  counts.capacity !== null && counts.confirmed >= counts.capacity;

const places = (n: number) => (n === 1 ? '1 place' : `${n} places`);

/** How many places of a kind are left, in words: "12 of 50 places left", "No limit", "Full". */
export function placesLeft(counts: KindCounts): string {
  if (counts.capacity === null) return 'No limit on places';
  if (isFull(counts)) {
    return counts.waitlisted > 0
      ? `Full: new RSVPs join the waitlist (${counts.waitlisted} waiting)`
      : 'Full: new RSVPs join the waitlist';
  }
  return `${places(counts.capacity - counts.confirmed)} left of ${counts.capacity}`;
}
