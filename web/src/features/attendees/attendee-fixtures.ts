import type { Attendee, AttendeesPage, EventMessage } from '../../api/attendees';
import type { RsvpSummary } from '../../api/rsvps';
import type { EventSession } from '../../api/sessions';

// The attendees API's answers, for the attendee page's tests.

export const aSummary = (over: Partial<RsvpSummary> = {}): RsvpSummary => ({
  open: true,
  attendee: { capacity: 50, confirmed: 2, waitlisted: 1 },
  volunteer: { capacity: null, confirmed: 1, waitlisted: 0 },
  ...over,
});

export const anAttendee = (over: Partial<Attendee> = {}): Attendee => ({
  rsvpId: 'r-ana',
  userId: 'u-ana',
  name: 'Ana Lopez',
  image: null,
  email: null,
  kind: 'attendee',
  status: 'confirmed',
  waitlistPosition: null,
  sessionIds: ['s-1', 's-2'],
  checkedInSessionIds: ['s-1'],
  checkedIn: true,
  checkiner: false,
  createdAt: '2026-05-01T10:00:00.000Z',
  ...over,
});

/** Ana kept her address to herself; Sam shared his and checks people in; Wim waits. */
export const ana = anAttendee();
export const sam = anAttendee({
  rsvpId: 'r-sam',
  userId: 'u-sam',
  name: 'Sam Shares',
  email: 'sam@example.org',
  kind: 'volunteer',
  sessionIds: ['s-1'],
  checkedInSessionIds: [],
  checkedIn: false,
  checkiner: true,
});
export const wim = anAttendee({
  rsvpId: 'r-wim',
  userId: 'u-wim',
  name: 'Wim Waits',
  status: 'waitlisted',
  waitlistPosition: 1,
  sessionIds: ['s-1'],
  checkedInSessionIds: [],
  checkedIn: false,
});

export const attendeesOf = (
  items: Attendee[],
  total = items.length,
  page = 1,
  summary = aSummary(),
): AttendeesPage => ({ items, total, page, pageSize: 25, summary });

export const sessions: EventSession[] = [
  {
    id: 's-1',
    name: 'Opening talks',
    startsAt: '2026-06-03T08:00:00.000Z',
    endsAt: '2026-06-03T10:00:00.000Z',
    location: null,
    requiredForAttendees: true,
    volunteersOnly: false,
  },
  {
    id: 's-2',
    name: 'Installfest',
    startsAt: '2026-06-03T13:00:00.000Z',
    endsAt: '2026-06-03T17:00:00.000Z',
    location: null,
    requiredForAttendees: false,
    volunteersOnly: false,
  },
];

export const aMessage = (over: Partial<EventMessage> = {}): EventMessage => ({
  id: 'm-1',
  audience: 'everyone',
  subject: 'Doors open at nine',
  body: 'See you there.\n\nBring a laptop.',
  recipientCount: 4,
  sentBy: { name: 'Mo Member' },
  sentAt: '2026-05-20T09:00:00.000Z',
  ...over,
});
