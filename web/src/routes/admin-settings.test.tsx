import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiError, fakeApi, renderAt } from '../test/render';

const admin = { id: '1', name: 'Ada', email: 'ada@example.org', systemRoles: ['system_admin'] };
const member = { id: '2', name: 'Mo', email: 'mo@example.org', systemRoles: [] };

describe('the system settings page', () => {
  afterEach(() => vi.unstubAllGlobals());

  const settings = {
    signUp: {
      value: 'open',
      default: 'open',
      choices: ['open', 'invite_only'],
      explanation: 'Whether anyone may create an account, or only people with an invitation.',
    },
    requireMfaForAdmins: {
      value: true,
      default: true,
      explanation: 'Whether system admins must set up two-factor authentication.',
    },
  };

  it('shows each setting with its explanation and saves only what changed', async () => {
    const calls = fakeApi({
      'GET /api/auth/session': { status: 200, body: { user: admin } },
      'GET /api/admin/settings': { status: 200, body: { settings } },
      'PATCH /api/admin/settings': {
        status: 200,
        body: { settings: { ...settings, signUp: { ...settings.signUp, value: 'invite_only' } } },
      },
    });
    const user = userEvent.setup();
    renderAt('/admin/settings');
    expect(await screen.findByRole('heading', { level: 1, name: 'System settings' })).toBeTruthy();
    expect(await screen.findByText(/only people with an invitation/)).toBeTruthy();
    const save = screen.getByRole('button', { name: 'Save settings' });
    expect(save.hasAttribute('disabled')).toBe(true);
    expect(
      (screen.getByRole('switch', { name: /Require two-factor/ }) as HTMLInputElement).checked,
    ).toBe(true);
    await user.click(screen.getByRole('radio', { name: 'By invitation only' }));
    await user.click(save);
    expect((await screen.findByRole('status')).textContent).toMatch(/Saved/);
    expect(calls.find((c) => c.key === 'PATCH /api/admin/settings')?.body).toEqual({
      signUp: 'invite_only',
    });
  });

  it('is not there for anyone but a system admin', async () => {
    fakeApi({
      'GET /api/auth/session': { status: 200, body: { user: member } },
      'GET /api/admin/settings': { status: 404, body: apiError('not_found', 'No such page.') },
    });
    renderAt('/admin/settings');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
  });
});
