import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MyRsvpItem } from '../api/rsvps';
import { aLocation, aSummary, anRsvp, threeSessions } from '../features/rsvps/test-fixtures';
import { member, signedInRoutes } from '../test/fixtures';
import { fakeApi, renderAt } from '../test/render';

const rustfest: MyRsvpItem = {
  ...anRsvp({ sessionIds: ['ses-keynote', 'ses-workshop'], shareEmail: true }),
  event: {
    id: 'ev-1',
    name: 'RustFest Berlin',
    slug: 'rustfest-berlin',
    startsOn: '2026-06-03',
    endsOn: '2026-06-05',
    timeZone: 'Europe/Berlin',
    location: aLocation(),
  },
};
const pycon: MyRsvpItem = {
  ...anRsvp({
    id: 'rsvp-2',
    kind: 'volunteer',
    status: 'waitlisted',
    waitlistPosition: 2,
    sessionIds: [],
  }),
  event: {
    id: 'ev-2',
    name: 'PyCon Lisbon',
    slug: 'pycon-lisbon',
    startsOn: '2026-09-10',
    endsOn: null,
    timeZone: 'Europe/Lisbon',
    location: null,
  },
};

const meetup: MyRsvpItem = {
  ...anRsvp({ id: 'rsvp-3', sessionIds: [] }),
  event: {
    id: 'ev-3',
    name: 'Rust Meetup April',
    slug: 'rust-meetup-april',
    startsOn: '2026-04-10',
    endsOn: null,
    timeZone: 'Europe/Berlin',
    location: null,
  },
};

describe('My RSVPs', () => {
  // Whether an event is over depends on the day: only the clock is set, timers stay real.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-05-01T10:00:00.000Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('lists one’s upcoming RSVPs with status and sessions, and cancels one after asking', async () => {
    let items = [rustfest, pycon, meetup];
    const calls = fakeApi({
      ...signedInRoutes(member),
      'GET /api/me/rsvps': () => ({ status: 200, body: { items } }),
      'GET /api/events/ev-1/sessions': { status: 200, body: { sessions: threeSessions() } },
      'DELETE /api/events/ev-2/rsvp': () => {
        items = [rustfest, meetup];
        return { status: 200, body: { rsvp: null, summary: aSummary() } };
      },
    });
    const user = userEvent.setup();
    renderAt('/rsvps');
    expect(await screen.findByRole('heading', { level: 1, name: 'My RSVPs' })).toBeTruthy();
    const list = await screen.findByRole('list', { name: 'Your RSVPs' });
    expect(screen.getByText('2 RSVPs to upcoming events, the soonest first.')).toBeTruthy();
    // The RSVPs themselves, not the lists of sessions inside them.
    const [first, second] = Array.from(list.children) as HTMLElement[];
    expect(list.children).toHaveLength(2);
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'My RSVPs' }).getAttribute('aria-current')).toBe(
      'page',
    );
    expect(within(first!).getByRole('link', { name: 'RustFest Berlin' }).getAttribute('href')).toBe(
      '/e/rustfest-berlin',
    );
    expect(first!.textContent).toContain(
      'Kulturbrauerei, Schönhauser Allee 36, 10435 Berlin (Berlin)',
    );
    expect(first!.textContent).toContain('You are going as an attendee.');
    expect(await within(first!).findByText(/^Keynote:/)).toBeTruthy();
    expect(within(first!).getByText(/^Embedded workshop:/)).toBeTruthy();
    expect(first!.textContent).toContain('The organizers can see your email address.');
    expect(second!.textContent).toContain('Waitlist: number 2');
    expect(second!.textContent).toContain(
      'You are on the waitlist for volunteers, number 2 in line.',
    );
    // An event that is over is listed apart, with nothing to cancel.
    const past = screen.getByRole('list', { name: 'Your RSVPs to events that are over' });
    expect(within(past).getByRole('link', { name: 'Rust Meetup April' })).toBeTruthy();
    expect(within(past).queryByRole('button')).toBeNull();
    // Nothing to name: no sessions asked for.
    expect(calls.some((c) => c.key === 'GET /api/events/ev-2/sessions')).toBe(false);

    await user.click(
      within(second!).getByRole('button', { name: 'Cancel your RSVP to PyCon Lisbon' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Cancel your RSVP?' });
    expect(dialog.textContent).toContain('You leave the waitlist of PyCon Lisbon.');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel my RSVP' }));
    expect(await screen.findByText('1 RSVP to upcoming events, the soonest first.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('link', { name: 'PyCon Lisbon' })).toBeNull());
    // Its row is gone with the button that had focus: focus is on what the list now says.
    await waitFor(() =>
      expect(document.activeElement?.textContent).toBe(
        '1 RSVP to upcoming events, the soonest first.',
      ),
    );
    expect(calls.filter((c) => c.key === 'DELETE /api/events/ev-2/rsvp')).toHaveLength(1);
  });

  it('points to upcoming events when there is none', async () => {
    fakeApi({
      ...signedInRoutes(member),
      'GET /api/me/rsvps': { status: 200, body: { items: [] } },
    });
    renderAt('/rsvps');
    expect(await screen.findByText('You have no RSVPs to upcoming events.')).toBeTruthy();
    expect(
      within(screen.getByRole('main'))
        .getByRole('link', { name: 'upcoming events' })
        .getAttribute('href'),
    ).toBe('/upcoming');
  });

  it('asks a visitor to sign in', async () => {
    fakeApi({ 'GET /api/auth/session': { status: 200, body: { user: null } } });
    renderAt('/rsvps');
    expect(await screen.findByText(/to see this page/)).toBeTruthy();
    // The menu offers My RSVPs to signed-in people only; upcoming events to everyone.
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'My RSVPs' })).toBeNull();
    expect(within(nav).getByRole('link', { name: 'Upcoming events' }).getAttribute('href')).toBe(
      '/upcoming',
    );
  });
});
