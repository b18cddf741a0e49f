import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { attendeesKey } from '../api/attendees';
import { checkinKey } from '../api/checkin';
import { listingsKey } from '../api/listings';
import { rsvpsKey } from '../api/rsvps';

// For tests of what a change to an event's logistics or sessions asks again for.

/**
 * Puts answers in the cache, as pages visited before would have left them, under the prefixes
 * of what says where people stand at event ev-1; returns their keys.
 */
export function seedAttendance(queryClient: QueryClient): QueryKey[] {
  const keys: QueryKey[] = [
    [...rsvpsKey, 'event', 'ev-1'],
    [...rsvpsKey, 'mine'],
    [...listingsKey, 'regions'],
    [...attendeesKey('ev-1'), 'list', {}],
    [...checkinKey('ev-1'), 'overview'],
  ];
  for (const key of keys) queryClient.setQueryData(key, { seeded: true });
  return keys;
}

/** The keys whose answers were not marked to be asked for again. */
export const stillFresh = (queryClient: QueryClient, keys: QueryKey[]) =>
  keys.filter((key) => !queryClient.getQueryState(key)?.isInvalidated);
