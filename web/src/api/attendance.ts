import type { QueryClient } from '@tanstack/react-query';
import { attendeesKey } from './attendees';
import { checkinKey } from './checkin';
import { publicEventsKey } from './events';
import { listingsKey } from './listings';
import { rsvpsKey } from './rsvps';

/**
 * After a change to what an event offers the people coming (its location, its places, whether
 * it takes RSVPs, its sessions): everything cached that says where someone stands, by key prefix.
 * A larger capacity lets the waitlist in; a session made required or volunteers only changes the
 * sessions RSVPs hold; a location moves the event in the listing's regions. So: every RSVP (the
 * event's summary and My RSVPs), the public pages and listings, the event's attendees and its
 * check-in.
 */
export async function attendanceChanged(queryClient: QueryClient, eventId: string) {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: rsvpsKey }),
    queryClient.invalidateQueries({ queryKey: publicEventsKey }),
    queryClient.invalidateQueries({ queryKey: listingsKey }),
    queryClient.invalidateQueries({ queryKey: attendeesKey(eventId) }),
    queryClient.invalidateQueries({ queryKey: checkinKey(eventId) }),
  ]);
}
