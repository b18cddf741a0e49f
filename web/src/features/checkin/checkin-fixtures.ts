import type { CheckinOverview, CheckinPeople, CheckinPerson } from '../../api/checkin';

// The check-in API's answers, for the check-in pages' tests.

export const anOverview = (over: Partial<CheckinOverview> = {}): CheckinOverview => ({
  event: {
    id: 'ev-1',
    name: 'RustFest Berlin',
    slug: 'rustfest-berlin',
    timeZone: 'Europe/Berlin',
  },
  sessions: [
    {
      id: 's-1',
      name: 'Opening talks',
      // 10:00–12:00 in Berlin.
      startsAt: '2026-06-03T08:00:00.000Z',
      endsAt: '2026-06-03T10:00:00.000Z',
      counts: { expected: 40, checkedIn: 12 },
    },
    {
      id: 's-2',
      name: 'Installfest',
      startsAt: '2026-06-03T13:00:00.000Z',
      endsAt: '2026-06-03T16:00:00.000Z',
      counts: { expected: 15, checkedIn: 0 },
    },
  ],
  ...over,
});

/** An event without sessions: its one entry is the event itself. */
export const eventItself = anOverview({
  sessions: [
    {
      id: null,
      name: 'RustFest Berlin',
      startsAt: null,
      endsAt: null,
      counts: { expected: 3, checkedIn: 1 },
    },
  ],
});

export const aPerson = (over: Partial<CheckinPerson> = {}): CheckinPerson => ({
  rsvpId: 'r-ana',
  name: 'Ana Lopez',
  kind: 'attendee',
  status: 'confirmed',
  checkedIn: false,
  checkedInAt: null,
  ...over,
});

export const ana = aPerson();
export const ben = aPerson({
  rsvpId: 'r-ben',
  name: 'Ben Okafor',
  checkedIn: true,
  checkedInAt: '2026-06-03T08:05:00.000Z',
});
export const wim = aPerson({ rsvpId: 'r-wim', name: 'Wim Waits', status: 'waitlisted' });
export const vera = aPerson({ rsvpId: 'r-vera', name: 'Vera Volunteer', kind: 'volunteer' });

export const peopleOf = (
  people: CheckinPerson[],
  counts = { expected: 3, checkedIn: people.filter((p) => p.checkedIn).length },
): CheckinPeople => ({ people, total: people.length, counts });

/** Runs a test with the device's clock set to another zone than the event's (then put back). */
export async function onPhoneClock(zone: string, test: () => Promise<void>) {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    await test();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}
