import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PublicEventListing } from '../api/listings';
import { aLocation } from '../features/rsvps/test-fixtures';
import { pageOf } from '../test/fixtures';
import { fakeApi, renderAt } from '../test/render';

const signedOut = { 'GET /api/auth/session': { status: 200, body: { user: null } } };
const EVENTS = '/api/public/events';
const regions = {
  'GET /api/public/regions': {
    status: 200,
    body: {
      items: [
        { id: 'reg-1', name: 'Berlin', eventCount: 2 },
        { id: 'reg-2', name: 'Lisbon', eventCount: 1 },
      ],
    },
  },
};

const listing = (over: Partial<PublicEventListing> = {}): PublicEventListing => ({
  name: 'RustFest Berlin',
  slug: 'rustfest-berlin',
  startsOn: '2026-06-03',
  endsOn: '2026-06-05',
  timeZone: 'Europe/Berlin',
  organization: { id: 'org-1', name: 'Rust Community' },
  location: aLocation(),
  rsvpOpen: true,
  places: { attendee: 12 },
  ...over,
});
const pycon = listing({
  name: 'PyCon Lisbon',
  slug: 'pycon-lisbon',
  startsOn: '2026-09-10',
  endsOn: null,
  timeZone: 'Europe/Lisbon',
  organization: { id: 'org-2', name: 'Python Society' },
  location: null,
  places: { attendee: 0 },
});
const meetup = listing({
  name: 'Rust Meetup',
  slug: 'rust-meetup',
  rsvpOpen: false,
  places: { attendee: null },
});

const page = (query: string) => `GET ${EVENTS}?${query}`;
/** A page of the listing, as the server answers the page size the listing asks for. */
const answer = (items: PublicEventListing[], total = items.length, n = 1) => ({
  status: 200,
  body: { ...pageOf(items, total, n), pageSize: 20 },
});

describe('upcoming events', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists upcoming public events for anyone, with when, where and places left', async () => {
    fakeApi({
      ...signedOut,
      ...regions,
      [page('page=1&pageSize=20')]: answer([listing(), pycon, meetup]),
    });
    renderAt('/upcoming');
    expect(await screen.findByRole('heading', { level: 1, name: 'Upcoming events' })).toBeTruthy();
    const list = await screen.findByRole('list', { name: 'Upcoming events' });
    expect(screen.getByText('3 events.')).toBeTruthy();
    const [rust, py, meet] = Array.from(list.children) as HTMLElement[];
    expect(within(rust!).getByRole('link', { name: 'RustFest Berlin' }).getAttribute('href')).toBe(
      '/e/rustfest-berlin',
    );
    expect(rust!.textContent).toContain(
      'Kulturbrauerei, Schönhauser Allee 36, 10435 Berlin (Berlin)',
    );
    expect(rust!.textContent).toMatch(/2026/);
    expect(rust!.textContent).toContain('12 places left');
    expect(py!.textContent).toContain('Place to be announced');
    expect(py!.textContent).toContain('Full: waitlist open');
    expect(meet!.textContent).toContain('Not taking RSVPs');
    // In the menu for everyone, signed in or not.
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(
      within(nav).getByRole('link', { name: 'Upcoming events' }).getAttribute('aria-current'),
    ).toBe('page');
    const region = screen.getByRole('combobox', { name: /Region/ }) as HTMLSelectElement;
    expect(Array.from(region.options).map((o) => o.textContent)).toEqual([
      'All regions',
      'Berlin (2 events)',
      'Lisbon (1 event)',
    ]);
  });

  it('keeps the region, organization, search and page in the address', async () => {
    const calls = fakeApi({
      ...signedOut,
      ...regions,
      [page('page=1&pageSize=20')]: answer([listing(), pycon], 45),
      [page('regionId=reg-2&page=1&pageSize=20')]: answer([pycon], 21),
      [page('regionId=reg-2&page=2&pageSize=20')]: answer([pycon], 21, 2),
      [page('regionId=reg-2&organizationId=org-2&page=1&pageSize=20')]: answer([pycon]),
      [page('regionId=reg-2&organizationId=org-2&q=py&page=1&pageSize=20')]: answer([pycon]),
      [page('regionId=reg-2&q=py&page=1&pageSize=20')]: answer([pycon]),
    });
    const user = userEvent.setup();
    const { router } = renderAt('/upcoming');
    await screen.findByText('45 events.');

    await user.selectOptions(screen.getByRole('combobox', { name: /Region/ }), 'reg-2');
    expect(await screen.findByText('21 events match.')).toBeTruthy();
    expect(router.state.location.search).toBe('?region=reg-2');

    await user.click(screen.getByRole('button', { name: 'Later' }));
    expect(await screen.findByText('Page 2 of 2')).toBeTruthy();
    expect(router.state.location.search).toBe('?region=reg-2&page=2');

    // The organization's name narrows the list to its events, back at the first page.
    await user.click(screen.getByRole('link', { name: 'Only events by Python Society' }));
    expect(await screen.findByRole('button', { name: 'Show all organizations' })).toBeTruthy();
    expect(router.state.location.search).toBe('?region=reg-2&organization=org-2');
    expect(screen.getByText(/Only events by/).textContent).toBe('Only events by Python Society.');

    await user.type(screen.getByRole('searchbox', { name: /Search events/ }), 'py');
    await vi.waitFor(() =>
      expect(router.state.location.search).toBe('?region=reg-2&organization=org-2&q=py'),
    );
    // The page asked with the search: it has drawn the address with it.
    await vi.waitFor(() =>
      expect(
        calls.some(
          (c) => c.key === page('regionId=reg-2&organizationId=org-2&q=py&page=1&pageSize=20'),
        ),
      ).toBe(true),
    );

    await user.click(screen.getByRole('button', { name: 'Show all organizations' }));
    await vi.waitFor(() => expect(router.state.location.search).toBe('?region=reg-2&q=py'));
    expect(screen.queryByText(/Only events by/)).toBeNull();
    expect(calls.some((c) => c.key === page('regionId=reg-2&q=py&page=1&pageSize=20'))).toBe(true);
  });

  it('opens a shared link with its filters, and says when nothing matches', async () => {
    fakeApi({
      ...signedOut,
      ...regions,
      [page('regionId=reg-1&organizationId=org-9&q=zig&page=1&pageSize=20')]: answer([]),
    });
    renderAt('/upcoming?region=reg-1&organization=org-9&q=zig');
    expect(await screen.findByText('No upcoming events match these filters.')).toBeTruthy();
    expect((screen.getByRole('combobox', { name: /Region/ }) as HTMLSelectElement).value).toBe(
      'reg-1',
    );
    expect(
      (screen.getByRole('searchbox', { name: /Search events/ }) as HTMLInputElement).value,
    ).toBe('zig');
    expect(screen.getByText(/Only events by/).textContent).toBe('Only events by one organization.');
  });

  it('asks for the regions again when the page is opened again', async () => {
    const calls = fakeApi({ ...signedOut, ...regions, [page('page=1&pageSize=20')]: answer([]) });
    const { router } = renderAt('/upcoming');
    expect(await screen.findByText('No upcoming public events yet.')).toBeTruthy();
    await router.navigate('/sign-in');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    await router.navigate(-1);
    expect(await screen.findByText('No upcoming public events yet.')).toBeTruthy();
    // Regions come and go (and events move between them): not kept for minutes.
    await vi.waitFor(() =>
      expect(calls.filter((c) => c.key === 'GET /api/public/regions')).toHaveLength(2),
    );
  });

  it('says so when there are no upcoming events at all', async () => {
    fakeApi({
      ...signedOut,
      ...regions,
      [page('page=1&pageSize=20')]: answer([]),
    });
    renderAt('/upcoming');
    expect(await screen.findByText('No upcoming public events yet.')).toBeTruthy();
  });
});
