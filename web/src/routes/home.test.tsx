import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi, renderAt } from '../test/render';
import { anEvent, member, pageOf, publisher, signedInAs } from '../test/fixtures';

const rustfest = anEvent();
const meetup = anEvent({
  id: 'ev-2',
  name: 'Berlin Meetup',
  status: 'draft',
  chapter: { id: 'ch-1', name: 'Berlin' },
  myRole: { role: 'event_admin', via: 'chapter', from: 'Berlin' },
});
const pycon = anEvent({
  id: 'ev-3',
  name: 'PyCon',
  organization: { id: 'org-2', name: 'Python Society' },
  myRole: { role: 'responder', via: 'event', from: null },
  suspended: true,
});
const myEvents = {
  organizations: [
    { id: 'org-1', name: 'Rust Community', events: [rustfest, meetup] },
    { id: 'org-2', name: 'Python Society', events: [pycon] },
  ],
  truncated: false,
};

describe('the home page and header of a signed-in person', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists their events by organization, with their roles', async () => {
    fakeApi({
      ...signedInAs(member),
      'GET /api/events/approvals?page=1&pageSize=1': { status: 200, body: pageOf([]) },
      'GET /api/me/events': { status: 200, body: myEvents },
    });
    renderAt('/');
    const section = await screen.findByRole('region', { name: 'Your events' });
    expect(
      await within(section).findByRole('heading', { level: 3, name: 'Rust Community' }),
    ).toBeTruthy();
    expect(within(section).getByRole('heading', { level: 3, name: 'Python Society' })).toBeTruthy();
    expect(
      within(section).getByRole('link', { name: 'RustFest Berlin' }).getAttribute('href'),
    ).toBe('/events/ev-1');
    expect(within(section).getByText('via Berlin')).toBeTruthy();
    expect(within(section).getByText('Responder')).toBeTruthy();
    expect(within(section).getByText('Suspended')).toBeTruthy();
    expect(within(section).getByText('Draft')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'See the organizations' })).toBeTruthy();
    // The menu: Organizations for everyone signed in; no Approvals with an empty queue.
    expect(screen.getByRole('link', { name: 'Organizations' }).getAttribute('href')).toBe('/orgs');
    expect(screen.queryByRole('link', { name: 'Approvals' })).toBeNull();
  });

  it('says kindly when they have no event yet', async () => {
    fakeApi({
      ...signedInAs(member),
      'GET /api/events/approvals?page=1&pageSize=1': { status: 200, body: pageOf([]) },
      'GET /api/me/events': { status: 200, body: { organizations: [], truncated: false } },
    });
    renderAt('/');
    expect(await screen.findByText(/You have no role in any event yet/)).toBeTruthy();
  });

  it('switches to another event from the header, searching on the server', async () => {
    const calls = fakeApi({
      ...signedInAs(member),
      'GET /api/events/approvals?page=1&pageSize=1': { status: 200, body: pageOf([]) },
      'GET /api/me/events': { status: 200, body: myEvents },
      'GET /api/me/events?q=py': {
        status: 200,
        body: { organizations: [myEvents.organizations[1]], truncated: false },
      },
      'GET /api/events/ev-3': { status: 404, body: { error: { code: 'not_found' } } },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/account');
    const button = await screen.findByRole('button', { name: /^Events\b.*go to one of yours/ });
    expect(button.getAttribute('aria-haspopup')).toBe('listbox');
    await user.click(button);
    const search = await screen.findByRole('combobox', { name: 'Search your events' });
    const list = await screen.findByRole('listbox', { name: 'Your events' });
    expect(await within(list).findByRole('group', { name: 'Rust Community' })).toBeTruthy();
    expect(
      within(list).getByRole('option', { name: /Berlin Meetup.*Event admin via Berlin/ }),
    ).toBeTruthy();
    await user.type(search, 'py');
    await waitFor(() =>
      expect(within(list).queryByRole('option', { name: /RustFest/ })).toBeNull(),
    );
    expect(calls.some((c) => c.key === 'GET /api/me/events?q=py')).toBe(true);
    await user.keyboard('{ArrowDown}{Enter}');
    await waitFor(() => expect(router.state.location.pathname).toBe('/events/ev-3'));
  });

  it('shows Approvals to publishers, and to others while their queue holds an event', async () => {
    fakeApi({
      ...signedInAs(publisher),
      'GET /api/me/events': { status: 200, body: myEvents },
    });
    renderAt('/');
    expect(await screen.findByRole('link', { name: 'Approvals' })).toBeTruthy();
    vi.unstubAllGlobals();

    fakeApi({
      ...signedInAs(member),
      'GET /api/events/approvals?page=1&pageSize=1': {
        status: 200,
        body: { ...pageOf([meetup], 3), pageSize: 1 },
      },
      'GET /api/me/events': { status: 200, body: myEvents },
    });
    renderAt('/');
    expect((await screen.findAllByRole('link', { name: 'Approvals' })).length).toBeGreaterThan(0);
  });
});
