import type { RsvpKind } from '../../api/rsvps';

/** Each kind of RSVP in words. */
export const kindLabel: Record<RsvpKind, string> = { attendee: 'Attendee', volunteer: 'Volunteer' };
