import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { member, signedInRoutes } from '../../test/fixtures';
import { fakeApi, renderAt } from '../../test/render';
import { aNotification, FakeEventSource, notificationPage, stubEventSource } from './test-support';

const PANEL = 'GET /api/notifications?page=1&pageSize=8&unread=false';
const home = {
  ...signedInRoutes(member),
  'GET /api/me/events': { status: 200, body: { organizations: [], truncated: false } },
};
const bell = (name: string | RegExp = /^Notifications/) =>
  within(screen.getByRole('banner')).getByRole('button', { name });

describe('the notification bell', () => {
  beforeEach(stubEventSource);
  afterEach(() => vi.unstubAllGlobals());

  it('shows the unread count from the stream, and announces a new notification politely', async () => {
    fakeApi(home);
    renderAt('/');
    await screen.findByRole('heading', { level: 1 });
    const stream = await waitFor(() => FakeEventSource.open());
    expect(stream.url).toBe('/api/notifications/stream');
    expect(bell().getAttribute('aria-label')).toBe('Notifications, none unread');

    // On connect: the count, and the newest one already there (not announced).
    stream.emit('unread', { unread: 3, latest: aNotification({ id: 'n-old', title: 'Old one' }) });
    expect(await screen.findByRole('button', { name: 'Notifications, 3 unread' })).toBeTruthy();
    const status = within(screen.getByRole('banner')).getByTestId('notification-announcer');
    expect(status.textContent).toBe('');

    const before = document.activeElement;
    stream.emit('unread', {
      unread: 4,
      latest: aNotification({ id: 'n-new', title: 'You were assigned #12' }),
    });
    expect(await screen.findByRole('button', { name: 'Notifications, 4 unread' })).toBeTruthy();
    expect(status.textContent).toBe('New notification: You were assigned #12');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(document.activeElement).toBe(before);
    // One stream for the tab.
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it('falls back to asking every minute when the stream keeps failing', async () => {
    const calls = fakeApi({
      ...home,
      'GET /api/notifications/unread-count': { status: 200, body: { unread: 2 } },
    });
    renderAt('/');
    const stream = await waitFor(() => FakeEventSource.open());
    stream.fail();
    stream.fail();
    expect(stream.closed).toBe(false);
    stream.fail();
    expect(stream.closed).toBe(true);
    expect(await screen.findByRole('button', { name: 'Notifications, 2 unread' })).toBeTruthy();
    expect(calls.filter((c) => c.key === 'GET /api/notifications/unread-count')).toHaveLength(1);
  });

  it('closes the stream on signing out', async () => {
    let signedIn = true;
    fakeApi({
      ...home,
      'GET /api/auth/session': () => ({ status: 200, body: { user: signedIn ? member : null } }),
      'GET /api/setup': { status: 200, body: { needed: false } },
      'POST /api/auth/sign-out': () => {
        signedIn = false;
        return { status: 204 };
      },
    });
    const user = userEvent.setup();
    renderAt('/');
    const stream = await waitFor(() => FakeEventSource.open());
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(stream.closed).toBe(true));
    expect(
      within(screen.getByRole('banner')).queryByRole('button', { name: /^Notifications/ }),
    ).toBeNull();
    expect(FakeEventSource.instances.every((s) => s.closed)).toBe(true);
  });

  it('lists the latest, and marks all as read', async () => {
    let unread = 2;
    const items = () => [
      aNotification({ readAt: unread ? null : '2026-06-03T11:00:00.000Z' }),
      aNotification({
        id: 'n-2',
        kind: 'role.changed',
        title: 'You are now a responder at RustFest Berlin',
        link: '/events/ev-1',
        readAt: unread ? null : '2026-06-03T11:00:00.000Z',
        actor: { id: 'u-ada', name: 'Ada' },
      }),
    ];
    const calls = fakeApi({
      ...home,
      [PANEL]: () => ({ status: 200, body: notificationPage(items(), { pageSize: 8, unread }) }),
      'POST /api/notifications/read-all': () => {
        unread = 0;
        return { status: 200, body: { unread: 0 } };
      },
    });
    const user = userEvent.setup();
    renderAt('/');
    const stream = await waitFor(() => FakeEventSource.open());
    stream.emit('unread', { unread: 2, latest: items()[0] });
    await user.click(await screen.findByRole('button', { name: 'Notifications, 2 unread' }));
    const panel = await screen.findByRole('dialog', { name: 'Notifications' });
    const list = await within(panel).findByRole('list', { name: 'Latest notifications' });
    const links = within(list).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual([
      'Unread: New report #12 at RustFest Berlin: Slides with insults',
      'Unread: You are now a responder at RustFest Berlin',
    ]);
    expect(within(list).getByText(/RustFest Berlin · by Ada/)).toBeTruthy();

    await user.click(within(panel).getByRole('button', { name: 'Mark all as read' }));
    expect(await screen.findByRole('button', { name: 'Notifications, none unread' })).toBeTruthy();
    expect(calls.filter((c) => c.key === 'POST /api/notifications/read-all')).toHaveLength(1);
    await waitFor(() => expect(within(list).queryByText(/^Unread:/)).toBeNull());
    expect(within(panel).getByText('All read.')).toBeTruthy();
    expect(
      (within(panel).getByRole('button', { name: 'Mark all as read' }) as HTMLButtonElement)
        .disabled,
    ).toBe(true);
  });

  it('marks a notification read when opened, and goes where it leads', async () => {
    let readAt: string | null = null;
    const calls = fakeApi({
      ...home,
      [PANEL]: () => ({
        status: 200,
        body: notificationPage([aNotification({ readAt })], {
          pageSize: 8,
          unread: readAt ? 0 : 1,
        }),
      }),
      'POST /api/notifications/n-1/read': () => {
        readAt = '2026-06-03T11:00:00.000Z';
        return { status: 200, body: { notification: aNotification({ readAt }) } };
      },
      'GET /api/reports/r-12': { status: 404, body: { error: { code: 'not_found' } } },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/');
    const stream = await waitFor(() => FakeEventSource.open());
    stream.emit('unread', { unread: 1, latest: aNotification() });
    await user.click(await screen.findByRole('button', { name: 'Notifications, 1 unread' }));
    const panel = await screen.findByRole('dialog', { name: 'Notifications' });
    await user.click(await within(panel).findByRole('link', { name: /Slides with insults/ }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/reports/r-12'));
    await waitFor(() =>
      expect(calls.some((c) => c.key === 'POST /api/notifications/n-1/read')).toBe(true),
    );
    expect(await screen.findByRole('button', { name: 'Notifications, none unread' })).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Notifications' })).toBeNull());
  });

  it('closes the panel on Escape with focus still on the bell', async () => {
    fakeApi({
      ...home,
      [PANEL]: { status: 200, body: notificationPage([], { pageSize: 8 }) },
    });
    const user = userEvent.setup();
    renderAt('/');
    await user.click(await screen.findByRole('button', { name: /^Notifications/ }));
    await screen.findByRole('dialog', { name: 'Notifications' });
    expect(document.activeElement).toBe(bell());
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Notifications' })).toBeNull());
    expect(document.activeElement).toBe(bell());
  });

  it('leads to the page of all notifications', async () => {
    fakeApi({
      ...home,
      [PANEL]: { status: 200, body: notificationPage([], { pageSize: 8 }) },
      'GET /api/notifications?page=1&pageSize=20&unread=false': {
        status: 200,
        body: notificationPage([]),
      },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/');
    await user.click(await screen.findByRole('button', { name: /^Notifications/ }));
    const panel = await screen.findByRole('dialog', { name: 'Notifications' });
    expect(await within(panel).findByText(/Nothing yet/)).toBeTruthy();
    await user.click(within(panel).getByRole('link', { name: 'See all notifications' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Notifications' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/notifications');
  });
});
