import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AdminUser } from '../api/admin';
import { apiError, fakeApi, renderAt } from '../test/render';

const admin = { id: '1', name: 'Ada', email: 'ada@example.org', systemRoles: ['system_admin'] };
const member = { id: '2', name: 'Mo', email: 'mo@example.org', systemRoles: [] };

const bea: AdminUser = {
  id: 'u-bea',
  name: 'Bea Member',
  email: 'bea@example.org',
  status: 'active',
  twoFactorEnabled: true,
  systemRoles: [],
  createdAt: '2026-03-01T10:00:00.000Z',
  deactivatedAt: null,
  isYou: false,
  can: {
    deactivate: true,
    reactivate: false,
    resetTwoFactor: true,
    grant: ['system_admin', 'publisher'],
    revoke: [],
  },
};
const ada: AdminUser = {
  ...bea,
  id: 'u-ada',
  name: 'Ada',
  email: 'ada@example.org',
  systemRoles: ['system_admin'],
  isYou: true,
  can: {
    deactivate: false,
    reactivate: false,
    resetTwoFactor: false,
    grant: ['publisher'],
    revoke: [],
  },
};
const page = (items: AdminUser[]) => ({ items, page: 1, pageSize: 25, total: items.length });

describe('the users page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('searches people and deactivates one after confirming, with a reason', async () => {
    let deactivated = false;
    const calls = fakeApi({
      'GET /api/auth/session': { status: 200, body: { user: admin } },
      'GET /api/admin/users?page=1': () => ({
        status: 200,
        body: page(
          deactivated
            ? [
                {
                  ...bea,
                  status: 'deactivated',
                  deactivatedAt: '2026-03-02T10:00:00.000Z',
                  can: { ...bea.can, deactivate: false, reactivate: true },
                },
                ada,
              ]
            : [bea, ada],
        ),
      }),
      'GET /api/admin/users?page=1&q=bea': { status: 200, body: page([bea]) },
      'POST /api/admin/users/u-bea/deactivate': () => {
        deactivated = true;
        return {
          status: 200,
          body: {
            user: {
              ...bea,
              status: 'deactivated',
              deactivatedAt: '2026-03-02T10:00:00.000Z',
              can: { ...bea.can, deactivate: false, reactivate: true },
            },
          },
        };
      },
    });
    const user = userEvent.setup();
    renderAt('/admin/users');
    expect(await screen.findByRole('heading', { level: 1, name: 'Users' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Users' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'System settings' })).toBeTruthy();
    expect(await screen.findByText('2 people, newest first.')).toBeTruthy();
    expect(screen.getByRole('button', { name: /Ada \(you\)/ })).toBeTruthy();

    await user.type(screen.getByRole('searchbox', { name: 'Search by name or email' }), 'bea');
    expect(await screen.findByText('1 person matching “bea”, newest first.')).toBeTruthy();
    await user.clear(screen.getByRole('searchbox', { name: 'Search by name or email' }));
    expect(await screen.findByText('2 people, newest first.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: /Bea Member/ }));
    const panel = await screen.findByRole('region', { name: /Bea Member/ });
    expect(within(panel).getByText('On')).toBeTruthy();
    await user.click(within(panel).getByRole('button', { name: 'Deactivate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Deactivate Bea Member?' });
    expect(dialog.textContent).toMatch(/signed out everywhere/);
    await user.type(within(dialog).getByLabelText(/Reason/), 'Spam');
    await user.click(within(dialog).getByRole('button', { name: 'Deactivate' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.find((c) => c.key === 'POST /api/admin/users/u-bea/deactivate')?.body).toEqual({
      reason: 'Spam',
    });
    expect(await screen.findByRole('button', { name: 'Reactivate' })).toBeTruthy();
  });

  it('offers only what the server allows, and shows its refusal', async () => {
    const calls = fakeApi({
      'GET /api/auth/session': { status: 200, body: { user: admin } },
      'GET /api/admin/users?page=1': { status: 200, body: page([ada]) },
      'PUT /api/admin/users/u-ada/system-roles/publisher': {
        status: 409,
        body: apiError('conflict', 'Something changed meanwhile.'),
      },
    });
    const user = userEvent.setup();
    renderAt('/admin/users');
    await user.click(await screen.findByRole('button', { name: /Ada \(you\)/ }));
    const panel = await screen.findByRole('region', { name: /Ada/ });
    expect(within(panel).queryByRole('button', { name: 'Deactivate' })).toBeNull();
    expect(within(panel).queryByRole('button', { name: 'Reset two-factor' })).toBeNull();
    await user.click(within(panel).getByRole('button', { name: 'Make publisher' }));
    const dialog = await screen.findByRole('dialog', { name: 'Make Ada publisher?' });
    await user.click(within(dialog).getByRole('button', { name: 'Grant publisher' }));
    expect(await within(dialog).findByText('Something changed meanwhile.')).toBeTruthy();
    expect(calls.at(-1)?.body).toEqual({ reason: null });
  });

  it('lets the search box follow the address when going back', async () => {
    fakeApi({
      'GET /api/auth/session': { status: 200, body: { user: admin } },
      'GET /api/admin/users?page=1&q=bea': { status: 200, body: page([bea]) },
      'GET /api/admin/users?page=1&q=ada': { status: 200, body: page([ada]) },
    });
    const { router } = renderAt('/admin/users?q=bea');
    const box = await screen.findByRole('searchbox');
    expect((box as HTMLInputElement).value).toBe('bea');
    await router.navigate('/admin/users?q=ada');
    await waitFor(() => expect((box as HTMLInputElement).value).toBe('ada'));
    await router.navigate(-1);
    await waitFor(() => expect((box as HTMLInputElement).value).toBe('bea'));
    // And it stays there: the page does not write the earlier search back.
    await new Promise((r) => setTimeout(r, 400));
    expect(router.state.location.search).toBe('?q=bea');
    expect((box as HTMLInputElement).value).toBe('bea');
  });

  it('is not there for anyone but a system admin', async () => {
    fakeApi({
      'GET /api/auth/session': { status: 200, body: { user: member } },
      'GET /api/admin/users?page=1': { status: 404, body: apiError('not_found', 'No such page.') },
    });
    renderAt('/admin/users');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Users' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'System settings' })).toBeNull();
  });
});
