import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiError, fakeApi, renderAt } from '../test/render';

const open = { 'GET /api/auth/session': { status: 200, body: { user: null, signUp: 'open' } } };

describe('sign-up page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the server’s field errors, then asks to check the email', async () => {
    let attempt = 0;
    const calls = fakeApi({
      ...open,
      'POST /api/auth/sign-up': () =>
        ++attempt === 1
          ? {
              status: 400,
              body: apiError('validation_failed', 'Some fields need another look.', [
                { field: 'body.password', message: 'This password is too common' },
              ]),
            }
          : { status: 202, body: { status: 'accepted' } },
      'POST /api/auth/verify-email/resend': { status: 202, body: { status: 'accepted' } },
    });
    renderAt('/sign-up');
    const user = userEvent.setup();
    await user.type(await screen.findByRole('textbox', { name: /your name/i }), 'Bea');
    await user.type(screen.getByRole('textbox', { name: /email/i }), 'bea@example.org');
    await user.type(screen.getByLabelText(/^password/i), 'password1234');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText('This password is too common')).toBeTruthy();
    // Shown at its field: no alert besides.
    expect(screen.queryByRole('alert')).toBeNull();

    await user.clear(screen.getByLabelText(/^password/i));
    await user.type(screen.getByLabelText(/^password/i), 'a long walk by the river');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Check your email' })).toBeTruthy();
    expect(screen.getByText('bea@example.org')).toBeTruthy();
    expect(calls.filter((c) => c.key === 'POST /api/auth/sign-up').at(-1)?.body).toEqual({
      name: 'Bea',
      email: 'bea@example.org',
      password: 'a long walk by the river',
    });

    await user.click(screen.getByRole('button', { name: 'Send a new link' }));
    expect((await screen.findByRole('status')).textContent).toContain('a new link is on its way');
    expect(calls.find((c) => c.key === 'POST /api/auth/verify-email/resend')?.body).toEqual({
      email: 'bea@example.org',
    });
  });

  it('says when accounts are by invitation only', async () => {
    fakeApi({
      'GET /api/auth/session': { status: 200, body: { user: null, signUp: 'invite_only' } },
    });
    renderAt('/sign-up');
    expect(await screen.findByText(/by invitation only/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Create account' })).toBeNull();
  });

  it('says so when the server closed sign-up meanwhile', async () => {
    fakeApi({
      ...open,
      'POST /api/auth/sign-up': {
        status: 403,
        body: apiError('signup_closed', 'Accounts are created by invitation only here.'),
      },
    });
    renderAt('/sign-up');
    const user = userEvent.setup();
    await user.type(await screen.findByRole('textbox', { name: /your name/i }), 'Bea');
    await user.type(screen.getByRole('textbox', { name: /email/i }), 'bea@example.org');
    await user.type(screen.getByLabelText(/^password/i), 'a long walk by the river');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText(/by invitation only/)).toBeTruthy();
  });

  it('carries a next path of this app on to sign-in, and no other', async () => {
    fakeApi(open);
    const { unmount } = renderAt('/sign-up?next=%2Finvitations');
    const main = await screen.findByRole('main');
    expect((await within(main).findByRole('link', { name: 'Sign in' })).getAttribute('href')).toBe(
      '/sign-in?next=%2Finvitations',
    );
    unmount();

    fakeApi(open);
    renderAt(`/sign-up?next=${encodeURIComponent('https://evil.example')}`);
    const again = await screen.findByRole('main');
    expect((await within(again).findByRole('link', { name: 'Sign in' })).getAttribute('href')).toBe(
      '/sign-in',
    );
  });
});
