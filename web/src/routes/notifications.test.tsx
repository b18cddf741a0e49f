import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AppNotification } from '../api/notifications';
import { aNotification, notificationPage } from '../features/notifications/test-support';
import { member, signedInRoutes } from '../test/fixtures';
import { fakeApi, renderAt } from '../test/render';

const list = (page: number, unread: boolean) =>
  `GET /api/notifications?page=${page}&pageSize=20&unread=${unread}`;
const READ = '2026-06-03T12:00:00.000Z';

/** 25 notifications, the first 3 unread; `read` marks more read as the test goes. */
function inbox() {
  const read = new Set<string>();
  const all = Array.from({ length: 25 }, (_, i) =>
    aNotification({
      id: `n-${i + 1}`,
      title: `Notification ${i + 1}`,
      readAt: i < 3 ? null : READ,
    }),
  );
  const now = () => all.map((n) => (read.has(n.id) ? { ...n, readAt: READ } : n));
  const unreadOnes = () => now().filter((n) => n.readAt === null);
  const answer = (items: AppNotification[], page: number) => ({
    status: 200,
    body: notificationPage(items.slice((page - 1) * 20, page * 20), {
      page,
      total: items.length,
      unread: unreadOnes().length,
    }),
  });
  return {
    read,
    routes: {
      ...signedInRoutes(member),
      [list(1, false)]: () => answer(now(), 1),
      [list(2, false)]: () => answer(now(), 2),
      [list(1, true)]: () => answer(unreadOnes(), 1),
    },
  };
}

describe('the notifications page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('pages through all notifications, and filters the unread (kept in the address)', async () => {
    const { routes } = inbox();
    const calls = fakeApi(routes);
    const user = userEvent.setup();
    const { router } = renderAt('/notifications');
    expect(await screen.findByRole('heading', { level: 1, name: 'Notifications' })).toBeTruthy();
    const items = await screen.findByRole('list', { name: 'Notifications' });
    expect(within(items).getAllByRole('listitem')).toHaveLength(20);
    expect(screen.getByText('25 notifications, 3 unread. The newest first.')).toBeTruthy();

    const pager = screen.getByRole('navigation', { name: 'Pages of your notifications' });
    await user.click(within(pager).getByRole('button', { name: 'Older' }));
    expect(await screen.findByText('Notification 21')).toBeTruthy();
    expect(within(pager).getByText('Page 2 of 2')).toBeTruthy();
    expect(router.state.location.search).toBe('?page=2');

    await user.click(screen.getByRole('radio', { name: 'Unread' }));
    const unread = await screen.findByRole('list', { name: 'Unread notifications' });
    expect(within(unread).getAllByRole('listitem')).toHaveLength(3);
    expect(router.state.location.search).toBe('?show=unread');
    expect(calls.map((c) => c.key)).toContain(list(1, true));
    expect(screen.queryByRole('navigation', { name: 'Pages of your notifications' })).toBeNull();
  });

  it('marks one as read, then all', async () => {
    const { routes, read } = inbox();
    const calls = fakeApi({
      ...routes,
      'POST /api/notifications/n-2/read': () => {
        read.add('n-2');
        return { status: 200, body: { notification: aNotification({ id: 'n-2', readAt: READ }) } };
      },
      'POST /api/notifications/read-all': () => {
        ['n-1', 'n-3'].forEach((id) => read.add(id));
        return { status: 200, body: { unread: 0 } };
      },
    });
    const user = userEvent.setup();
    renderAt('/notifications?show=unread');
    const unread = await screen.findByRole('list', { name: 'Unread notifications' });
    expect(within(unread).getAllByText(/^Unread:/)).toHaveLength(3);
    await user.click(within(unread).getByRole('button', { name: 'Mark as read: Notification 2' }));
    await waitFor(() => expect(within(unread).getAllByRole('listitem')).toHaveLength(2));
    expect(calls.map((c) => c.key)).toContain('POST /api/notifications/n-2/read');

    await user.click(screen.getByRole('button', { name: 'Mark all as read' }));
    expect(await screen.findByText('Nothing unread. You are up to date.')).toBeTruthy();
    expect(
      (screen.getByRole('button', { name: 'Mark all as read' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it('asks a visitor to sign in', async () => {
    const calls = fakeApi({ 'GET /api/auth/session': { status: 200, body: { user: null } } });
    renderAt('/notifications');
    expect(await screen.findByText(/to see this page/)).toBeTruthy();
    expect(calls.map((c) => c.key)).toEqual(['GET /api/auth/session']);
  });
});
