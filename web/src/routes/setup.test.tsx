import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiError, fakeApi, renderAt } from '../test/render';

const signedOut = { 'GET /api/auth/session': { status: 200, body: { user: null } } };

describe('setup page', () => {
  beforeEach(() => window.history.replaceState(null, '', '/setup'));
  afterEach(() => vi.unstubAllGlobals());

  it('asks for the setup link when there is no token', async () => {
    fakeApi(signedOut);
    renderAt('/setup');
    expect(await screen.findByText(/needs the one-time setup link/i)).toBeTruthy();
  });

  it('says so when the link is not valid', async () => {
    window.location.hash = '#token=wrong-token-wrong-token';
    const calls = fakeApi({
      ...signedOut,
      'POST /api/setup/check': { status: 404, body: apiError('setup_token_invalid', 'not valid') },
    });
    renderAt('/setup');
    expect(await screen.findByText(/setup link is not valid/i)).toBeTruthy();
    expect(calls.find((c) => c.key === 'POST /api/setup/check')?.body).toEqual({
      token: 'wrong-token-wrong-token',
    });
    expect(window.location.hash).toBe('');
  });

  it('says so when Steward is already set up', async () => {
    window.location.hash = '#token=some-token-some-token';
    fakeApi({
      ...signedOut,
      'POST /api/setup/check': { status: 409, body: apiError('setup_already_done', 'done') },
    });
    renderAt('/setup');
    expect(await screen.findByText(/already set up/i)).toBeTruthy();
    expect(within(screen.getByRole('main')).getByRole('link', { name: 'Sign in' })).toBeTruthy();
  });

  it('checks fields before sending, and shows the server’s field errors', async () => {
    window.location.hash = '#token=good-token-good-token';
    const calls = fakeApi({
      ...signedOut,
      'POST /api/setup/check': { status: 200, body: { valid: true } },
      'POST /api/setup': {
        status: 409,
        body: apiError('email_taken', 'taken', [
          { field: 'body.email', message: 'is already in use' },
        ]),
      },
    });
    renderAt('/setup');
    const user = userEvent.setup();
    await user.type(await screen.findByRole('textbox', { name: /your name/i }), 'Ada');
    await user.type(screen.getByRole('textbox', { name: /email/i }), 'ada@example.org');
    await user.type(screen.getByLabelText(/^password/i), 'short');
    await user.click(screen.getByRole('button', { name: 'Create admin account' }));
    expect(await screen.findByText('Use at least 12 characters')).toBeTruthy();
    expect(calls.some((c) => c.key === 'POST /api/setup')).toBe(false);

    await user.type(screen.getByLabelText(/^password/i), ' and more words');
    await user.click(screen.getByRole('button', { name: 'Create admin account' }));
    expect(await screen.findByText('is already in use')).toBeTruthy();
    expect(calls.find((c) => c.key === 'POST /api/setup')?.body).toEqual({
      token: 'good-token-good-token',
      name: 'Ada',
      email: 'ada@example.org',
      password: 'short and more words',
    });
  });
});
