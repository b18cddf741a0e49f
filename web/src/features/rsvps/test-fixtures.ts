import type { LocationRef } from '../../api/places';
import type { KindCounts, MyRsvp, RsvpState, RsvpSummary } from '../../api/rsvps';
import type { EventSession } from '../../api/sessions';

// Sessions, RSVPs and locations as the API answers them, for the RSVP and listing pages' tests.

export const aLocation = (over: Partial<LocationRef> = {}): LocationRef => ({
  id: 'loc-1',
  name: 'Kulturbrauerei',
  address: 'Schönhauser Allee 36, 10435 Berlin',
  region: { id: 'reg-1', name: 'Berlin' },
  archived: false,
  ...over,
});

export const aSession = (over: Partial<EventSession> = {}): EventSession => ({
  id: 'ses-talks',
  name: 'Talks',
  // 10:00–17:00 in Berlin (summer time).
  startsAt: '2026-06-03T08:00:00.000Z',
  endsAt: '2026-06-03T15:00:00.000Z',
  location: null,
  requiredForAttendees: false,
  volunteersOnly: false,
  ...over,
});

/** A keynote every attendee attends, an optional workshop elsewhere, and a set-up shift. */
export const threeSessions = (): EventSession[] => [
  aSession({ id: 'ses-keynote', name: 'Keynote', requiredForAttendees: true }),
  aSession({
    id: 'ses-workshop',
    name: 'Embedded workshop',
    startsAt: '2026-06-04T07:00:00.000Z',
    endsAt: '2026-06-04T10:30:00.000Z',
    location: aLocation({ id: 'loc-2', name: 'c-base', address: 'Rungestraße 20' }),
  }),
  aSession({
    id: 'ses-setup',
    name: 'Set-up shift',
    startsAt: '2026-06-02T14:00:00.000Z',
    endsAt: '2026-06-02T18:00:00.000Z',
    volunteersOnly: true,
  }),
];

const counts = (over: Partial<KindCounts> = {}): KindCounts => ({
  capacity: null,
  confirmed: 0,
  waitlisted: 0,
  ...over,
});

export const aSummary = (
  over: { open?: boolean; attendee?: Partial<KindCounts>; volunteer?: Partial<KindCounts> } = {},
): RsvpSummary => ({
  open: over.open ?? true,
  attendee: counts(over.attendee),
  volunteer: counts(over.volunteer),
});

export const anRsvp = (over: Partial<MyRsvp> = {}): MyRsvp => ({
  id: 'rsvp-1',
  kind: 'attendee',
  status: 'confirmed',
  waitlistPosition: null,
  sessionIds: ['ses-keynote'],
  shareEmail: false,
  createdAt: '2026-05-01T10:00:00.000Z',
  ...over,
});

export const rsvpState = (rsvp: MyRsvp | null, summary = aSummary()): RsvpState => ({
  rsvp,
  summary,
});
