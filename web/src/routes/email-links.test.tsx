import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiError, fakeApi, renderAt } from '../test/render';

const signedOut = { 'GET /api/auth/session': { status: 200, body: { user: null } } };
const token = 'a-token-from-the-email-0123456789';

describe('the confirmation link', () => {
  beforeEach(() => window.history.replaceState(null, '', '/verify-email'));
  afterEach(() => vi.unstubAllGlobals());

  it('confirms the address once on load, drops the token, and offers sign-in', async () => {
    window.location.hash = `#token=${token}`;
    const calls = fakeApi({
      ...signedOut,
      'POST /api/auth/verify-email': {
        status: 200,
        body: { status: 'verified', email: 'bea@example.org' },
      },
    });
    renderAt('/verify-email');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Email address confirmed' }),
    ).toBeTruthy();
    expect(screen.getByText('bea@example.org')).toBeTruthy();
    expect(within(screen.getByRole('main')).getByRole('link', { name: 'Sign in' })).toBeTruthy();
    expect(window.location.hash).toBe('');
    expect(calls.filter((c) => c.key === 'POST /api/auth/verify-email')).toEqual([
      { key: 'POST /api/auth/verify-email', body: { token } },
    ]);
  });

  it('offers a new link when the token does not work', async () => {
    window.location.hash = `#token=${token}`;
    const calls = fakeApi({
      ...signedOut,
      'POST /api/auth/verify-email': {
        status: 400,
        body: apiError('token_invalid', 'This link has expired or has already been used.'),
      },
      'POST /api/auth/verify-email/resend': { status: 202, body: { status: 'accepted' } },
    });
    renderAt('/verify-email');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'This link does not work' }),
    ).toBeTruthy();
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: /email/i }), 'bea@example.org');
    await user.click(screen.getByRole('button', { name: 'Send a new link' }));
    expect((await screen.findByRole('status')).textContent).toContain('bea@example.org');
    expect(calls.find((c) => c.key === 'POST /api/auth/verify-email/resend')?.body).toEqual({
      email: 'bea@example.org',
    });
  });

  it('asks for the link when there is no token', async () => {
    fakeApi(signedOut);
    renderAt('/verify-email');
    expect(await screen.findByText(/needs the link from the confirmation email/)).toBeTruthy();
  });
});

describe('the password reset link', () => {
  beforeEach(() => window.history.replaceState(null, '', '/reset-password'));
  afterEach(() => vi.unstubAllGlobals());

  it('shows the server’s rule at the field, then changes the password', async () => {
    window.location.hash = `#token=${token}`;
    let attempt = 0;
    const calls = fakeApi({
      ...signedOut,
      'POST /api/auth/password/reset': () =>
        ++attempt === 1
          ? {
              status: 400,
              body: apiError('validation_failed', 'Some fields need another look.', [
                { field: 'body.password', message: 'Use at least 12 characters' },
              ]),
            }
          : { status: 204 },
    });
    renderAt('/reset-password');
    expect(window.location.hash).toBe('');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/^new password/i), 'short');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('Use at least 12 characters')).toBeTruthy();

    await user.clear(screen.getByLabelText(/^new password/i));
    await user.type(screen.getByLabelText(/^new password/i), 'lanterns over quiet water');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Your password is changed' }),
    ).toBeTruthy();
    expect(calls.filter((c) => c.key === 'POST /api/auth/password/reset').at(-1)?.body).toEqual({
      token,
      password: 'lanterns over quiet water',
    });
  });

  it('offers a new link when the token does not work', async () => {
    window.location.hash = `#token=${token}`;
    fakeApi({
      ...signedOut,
      'POST /api/auth/password/reset': {
        status: 400,
        body: apiError('token_invalid', 'This link has expired or has already been used.'),
      },
    });
    renderAt('/reset-password');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/^new password/i), 'lanterns over quiet water');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'This link does not work' }),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Ask for a new link' })).toBeTruthy();
  });
});
