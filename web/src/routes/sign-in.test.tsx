import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiError, fakeApi, renderAt } from '../test/render';

describe('sign-in page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows why signing in failed', async () => {
    fakeApi({
      'GET /api/auth/session': { status: 200, body: { user: null } },
      'POST /api/auth/sign-in': {
        status: 401,
        body: apiError('invalid_credentials', 'The email address or password is not right.'),
      },
    });
    renderAt('/sign-in');
    const user = userEvent.setup();
    await user.type(await screen.findByRole('textbox', { name: /email/i }), 'ada@example.org');
    await user.type(screen.getByLabelText(/^password/i), 'nope');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The email address or password is not right.');
  });

  it('sends a signed-in person home', async () => {
    fakeApi({
      'GET /api/auth/session': {
        status: 200,
        body: { user: { id: '1', name: 'Ada', email: 'ada@example.org', systemRoles: [] } },
      },
      'GET /api/setup': { status: 200, body: { needed: false } },
    });
    renderAt('/sign-in');
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome, Ada' })).toBeTruthy();
  });
});
