import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Invitation } from '../api/invitations';
import { apiError, fakeApi, renderAt } from '../test/render';

const token = 'an-invitation-token-0123456789';
const KEY = 'steward.invitation-token';
const bea = { id: 'u-bea', name: 'Bea', email: 'bea@example.org', systemRoles: [] };
const mo = { id: 'u-mo', name: 'Mo', email: 'mo@example.org', systemRoles: [] };

const invitation: Invitation = {
  status: 'pending',
  role: 'responder',
  scope: { type: 'event', id: 'ev-1', name: 'RustConf 2026' },
  email: 'bea@example.org',
  invitedBy: 'Ada Admin',
  message: 'We would love to have you\non the team.',
  expiresAt: '2026-12-01T10:00:00.000Z',
  accountExists: true,
};
const lookup = (i: Partial<Invitation> = {}) => ({
  'POST /api/invitations/lookup': { status: 200, body: { invitation: { ...invitation, ...i } } },
});
const session = (user: unknown, signUp = 'open') => ({
  'GET /api/auth/session': { status: 200, body: { user, signUp } },
});

describe('the invitation page', () => {
  beforeEach(() => {
    window.history.replaceState(null, '', '/invitations');
    window.sessionStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows what the invitation offers and, signed out, brings the person back after sign-in', async () => {
    window.location.hash = `#token=${token}`;
    const calls = fakeApi({ ...session(null), ...lookup() });
    renderAt('/invitations');
    expect(await screen.findByRole('heading', { level: 1, name: 'You are invited' })).toBeTruthy();
    const main = screen.getByRole('main');
    expect(main.textContent).toContain(
      'Ada Admin invited you to be Responder of the event RustConf 2026.',
    );
    expect(main.textContent).toContain('We would love to have you');
    expect(within(main).getAllByRole('definition')[0]!.textContent).toBe('bea@example.org');
    expect(calls.find((c) => c.key === 'POST /api/invitations/lookup')?.body).toEqual({ token });
    // The token leaves the address bar, and waits in this tab for the way back.
    expect(window.location.hash).toBe('');
    expect(window.sessionStorage.getItem(KEY)).toBe(token);
    const signIn = within(main).getByRole('link', { name: 'Sign in' });
    expect(signIn.getAttribute('href')).toBe('/sign-in?next=%2Finvitations');
    const signUp = within(main).getByRole('link', { name: 'Create an account' });
    expect(signUp.getAttribute('href')).toBe('/sign-up?next=%2Finvitations');
    expect(screen.queryByRole('button', { name: 'Accept invitation' })).toBeNull();
  });

  it('returns from sign-in to the kept token, accepts it and goes where the server says', async () => {
    window.sessionStorage.setItem(KEY, token);
    let signedIn = false;
    const calls = fakeApi({
      'GET /api/auth/session': () => ({
        status: 200,
        body: { user: signedIn ? bea : null, signUp: 'open' },
      }),
      'POST /api/auth/sign-in': () => {
        signedIn = true;
        return { status: 200, body: { status: 'signed_in', user: bea } };
      },
      ...lookup(),
      'POST /api/invitations/accept': {
        status: 200,
        body: { invitation: { ...invitation, status: 'accepted' }, next: '/account' },
      },
      'GET /api/account': { status: 200, body: { user: bea } },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/invitations');
    await user.click(
      await within(await screen.findByRole('main')).findByRole('link', { name: 'Sign in' }),
    );
    // The invited address is filled in already.
    const email = await screen.findByRole('textbox', { name: /email/i });
    expect((email as HTMLInputElement).value).toBe('bea@example.org');
    await user.type(screen.getByLabelText(/^password/i), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText(/You are signed in as/)).toBeTruthy();
    expect(router.state.location.pathname).toBe('/invitations');
    await user.click(screen.getByRole('button', { name: 'Accept invitation' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/account'));
    expect(calls.find((c) => c.key === 'POST /api/invitations/accept')?.body).toEqual({ token });
    expect(window.sessionStorage.getItem(KEY)).toBeNull();
  });

  it('never follows a next path to another site', async () => {
    window.sessionStorage.setItem(KEY, token);
    fakeApi({
      ...session(bea),
      ...lookup(),
      'POST /api/invitations/accept': {
        status: 200,
        body: { invitation, next: '//evil.example/x' },
      },
      'GET /api/setup': { status: 200, body: { needed: false } },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/invitations');
    await user.click(await screen.findByRole('button', { name: 'Accept invitation' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
  });

  it.each([
    ['expired', 'This invitation has expired', /ask Ada Admin to send you a new one/],
    ['revoked', 'This invitation was withdrawn', /took this invitation back/],
    ['accepted', 'This invitation was already accepted', /Each invitation works once/],
  ] as const)('says kindly when it is %s, and forgets the token', async (status, title, text) => {
    window.location.hash = `#token=${token}`;
    fakeApi({ ...session(bea), ...lookup({ status }) });
    renderAt('/invitations');
    expect(await screen.findByRole('heading', { level: 1, name: title })).toBeTruthy();
    expect(screen.getByRole('main').textContent).toMatch(text);
    expect(screen.queryByRole('button', { name: 'Accept invitation' })).toBeNull();
    await waitFor(() => expect(window.sessionStorage.getItem(KEY)).toBeNull());
  });

  it('shows which way it ended when accepting is refused', async () => {
    window.sessionStorage.setItem(KEY, token);
    fakeApi({
      ...session(bea),
      ...lookup(),
      'POST /api/invitations/accept': {
        status: 409,
        body: apiError('invitation_used', 'This invitation was already accepted.'),
      },
    });
    const user = userEvent.setup();
    renderAt('/invitations');
    await user.click(await screen.findByRole('button', { name: 'Accept invitation' }));
    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'This invitation was already accepted',
      }),
    ).toBeTruthy();
  });

  it('explains an account with another address, and lets the person sign out', async () => {
    window.sessionStorage.setItem(KEY, token);
    let signedIn = true;
    const calls = fakeApi({
      'GET /api/auth/session': () => ({
        status: 200,
        body: { user: signedIn ? mo : null, signUp: 'open' },
      }),
      ...lookup(),
      'POST /api/invitations/accept': {
        status: 403,
        body: apiError('invitation_wrong_account', 'This invitation is for another address.'),
      },
      'POST /api/auth/sign-out': () => {
        signedIn = false;
        return { status: 204 };
      },
    });
    const user = userEvent.setup();
    renderAt('/invitations');
    await user.click(await screen.findByRole('button', { name: 'Accept invitation' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('You are signed in as mo@example.org');
    expect(alert.textContent).toContain('sent to bea@example.org');
    await user.click(within(alert).getByRole('button', { name: 'Sign out' }));
    expect(
      await within(screen.getByRole('main')).findByRole('link', { name: 'Sign in' }),
    ).toBeTruthy();
    expect(calls.some((c) => c.key === 'POST /api/auth/sign-out')).toBe(true);
    expect(window.sessionStorage.getItem(KEY)).toBe(token);
  });

  it('says when a link names no invitation', async () => {
    window.location.hash = `#token=${token}`;
    fakeApi({
      ...session(null),
      'POST /api/invitations/lookup': {
        status: 404,
        body: apiError('not_found', 'No such invitation.'),
      },
    });
    renderAt('/invitations');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'This invitation link does not work' }),
    ).toBeTruthy();
  });

  it('asks for the link without a token, and offers no sign-up where it is closed', async () => {
    fakeApi(session(null, 'invite_only'));
    const { unmount } = renderAt('/invitations');
    expect(await screen.findByText(/needs the link from your invitation email/)).toBeTruthy();
    unmount();

    window.sessionStorage.setItem(KEY, token);
    fakeApi({ ...session(null, 'invite_only'), ...lookup() });
    renderAt('/invitations');
    const main = await screen.findByRole('main');
    expect(await within(main).findByRole('link', { name: 'Sign in' })).toBeTruthy();
    expect(within(main).queryByRole('link', { name: 'Create an account' })).toBeNull();
  });

  it('lets a newcomer create the account with the invitation, even by invitation only, and go in', async () => {
    window.location.hash = `#token=${token}`;
    let signedIn = false;
    const calls = fakeApi({
      'GET /api/auth/session': () => ({
        status: 200,
        body: { user: signedIn ? bea : null, signUp: 'invite_only' },
      }),
      ...lookup({ accountExists: false }),
      'POST /api/auth/sign-up': () => {
        signedIn = true;
        return { status: 201, body: { status: 'joined', next: '/account' } };
      },
      'GET /api/account': { status: 200, body: { user: bea } },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/invitations');
    const main = await screen.findByRole('main');
    await user.click(await within(main).findByRole('link', { name: 'Create an account' }));
    await screen.findByRole('heading', { level: 1, name: 'Create an account' });
    const email = screen.getByRole('textbox', { name: /Email/ }) as HTMLInputElement;
    expect(email.value).toBe('bea@example.org');
    await user.type(screen.getByRole('textbox', { name: /Your name/ }), 'Bea');
    await user.type(screen.getByLabelText(/^Password/), 'a long and unusual pass phrase');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/account'));
    expect(calls.find((c) => c.key === 'POST /api/auth/sign-up')?.body).toEqual({
      name: 'Bea',
      email: 'bea@example.org',
      password: 'a long and unusual pass phrase',
      invitation: token,
    });
    expect(window.sessionStorage.getItem(KEY)).toBeNull();
  });
});
