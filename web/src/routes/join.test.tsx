import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { InviteLinkOffer } from '../api/joining';
import { apiError, fakeApi, renderAt } from '../test/render';

const token = 'an-invite-link-token-0123456789';
const KEY = 'steward.join-token';
const bea = { id: 'u-bea', name: 'Bea', email: 'bea@example.org', systemRoles: [] };

const offer: InviteLinkOffer = {
  status: 'active',
  role: 'responder',
  scope: { type: 'event', id: 'ev-1', name: 'RustConf 2026' },
  expiresAt: '2026-12-01T10:00:00.000Z',
};
const lookup = (o: Partial<InviteLinkOffer> = {}) => ({
  'POST /api/invite-links/lookup': { status: 200, body: { link: { ...offer, ...o } } },
});
const session = (user: unknown, signUp = 'open') => ({
  'GET /api/auth/session': { status: 200, body: { user, signUp } },
});

describe('the invite-link page', () => {
  beforeEach(() => {
    window.history.replaceState(null, '', '/join');
    window.sessionStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows what the link offers and, signed out, brings the person back after sign-in', async () => {
    window.location.hash = `#token=${token}`;
    const calls = fakeApi({ ...session(null), ...lookup() });
    renderAt('/join');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Join RustConf 2026' }),
    ).toBeTruthy();
    const main = screen.getByRole('main');
    expect(main.textContent).toContain(
      'This link invites you to be Responder of the event RustConf 2026.',
    );
    expect(main.textContent).toContain("You would handle the event's incident reports");
    expect(within(main).getByRole('term').textContent).toBe('Works until');
    expect(calls.find((c) => c.key === 'POST /api/invite-links/lookup')?.body).toEqual({ token });
    // The token leaves the address bar, and waits in this tab for the way back.
    expect(window.location.hash).toBe('');
    expect(window.sessionStorage.getItem(KEY)).toBe(token);
    expect(within(main).getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe(
      '/sign-in?next=%2Fjoin',
    );
    expect(within(main).getByRole('link', { name: 'Create an account' }).getAttribute('href')).toBe(
      '/sign-up?next=%2Fjoin',
    );
    expect(screen.queryByRole('button', { name: 'Join' })).toBeNull();
  });

  it('offers a new account even where sign-up is by invitation only, and sends the link along', async () => {
    window.location.hash = `#token=${token}`;
    const calls = fakeApi({
      ...session(null, 'invite_only'),
      ...lookup(),
      'POST /api/auth/sign-up': { status: 202, body: { status: 'accepted' } },
    });
    const user = userEvent.setup();
    renderAt('/join');
    const main = await screen.findByRole('main');
    expect(await within(main).findByRole('link', { name: 'Sign in' })).toBeTruthy();
    await user.click(within(main).getByRole('link', { name: 'Create an account' }));
    await screen.findByRole('heading', { level: 1, name: 'Create an account' });
    await user.type(screen.getByRole('textbox', { name: /Your name/ }), 'Bea');
    await user.type(screen.getByRole('textbox', { name: /Email/ }), 'bea@example.org');
    await user.type(screen.getByLabelText(/^Password/), 'a long and unusual pass phrase');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await screen.findByRole('heading', { level: 1, name: 'Check your email' });
    expect(calls.find((c) => c.key === 'POST /api/auth/sign-up')?.body).toMatchObject({
      inviteLink: token,
    });
  });

  it('joins with the kept token once signed in, and goes where the server says', async () => {
    window.sessionStorage.setItem(KEY, token);
    const calls = fakeApi({
      ...session(bea),
      ...lookup(),
      'POST /api/invite-links/redeem': { status: 200, body: { next: '/events/ev-1' } },
      'GET /api/events/approvals?page=1&pageSize=1': {
        status: 200,
        body: { items: [], page: 1, pageSize: 1, total: 0 },
      },
      'GET /api/events/ev-1': { status: 404, body: apiError('not_found', 'Not found') },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/join');
    expect(await screen.findByText(/You are signed in as/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Join' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/events/ev-1'));
    expect(calls.find((c) => c.key === 'POST /api/invite-links/redeem')?.body).toEqual({ token });
    expect(window.sessionStorage.getItem(KEY)).toBeNull();
  });

  it('never follows a next path to another site', async () => {
    window.sessionStorage.setItem(KEY, token);
    fakeApi({
      ...session(bea),
      ...lookup(),
      'POST /api/invite-links/redeem': { status: 200, body: { next: '//evil.example/x' } },
      'GET /api/setup': { status: 200, body: { needed: false } },
      'GET /api/me/events': { status: 200, body: { organizations: [], truncated: false } },
      'GET /api/events/approvals?page=1&pageSize=1': {
        status: 200,
        body: { items: [], page: 1, pageSize: 1, total: 0 },
      },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/join');
    await user.click(await screen.findByRole('button', { name: 'Join' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
  });

  it.each([
    ['expired', 'This invite link has expired', /has run out/],
    ['disabled', 'This invite link was turned off', /turned this link off/],
    ['used_up', 'This invite link has been used up', /that many already have/],
  ] as const)('says kindly when it is %s, and forgets the token', async (status, title, text) => {
    window.location.hash = `#token=${token}`;
    fakeApi({ ...session(bea), ...lookup({ status }) });
    renderAt('/join');
    expect(await screen.findByRole('heading', { level: 1, name: title })).toBeTruthy();
    expect(screen.getByText(text)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Join' })).toBeNull();
    await waitFor(() => expect(window.sessionStorage.getItem(KEY)).toBeNull());
  });

  it('says so when the link ran out between looking and joining', async () => {
    window.sessionStorage.setItem(KEY, token);
    fakeApi({
      ...session(bea),
      ...lookup(),
      'POST /api/invite-links/redeem': {
        status: 409,
        body: apiError(
          'invitation_used',
          'This invite link has been used as many times as it may.',
        ),
      },
    });
    const user = userEvent.setup();
    renderAt('/join');
    await user.click(await screen.findByRole('button', { name: 'Join' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'This invite link has been used up' }),
    ).toBeTruthy();
    await waitFor(() => expect(window.sessionStorage.getItem(KEY)).toBeNull());
  });

  it('explains a link that is not valid', async () => {
    window.location.hash = '#token=not-a-real-token-at-all';
    fakeApi({
      ...session(null),
      'POST /api/invite-links/lookup': {
        status: 404,
        body: apiError('not_found', 'This invite link is not valid.'),
      },
    });
    renderAt('/join');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'This invite link does not work' }),
    ).toBeTruthy();
    expect(screen.getByText(/The link may be incomplete/)).toBeTruthy();
    await waitFor(() => expect(window.sessionStorage.getItem(KEY)).toBeNull());
  });

  it('asks for the whole link when there is no token', async () => {
    fakeApi({ ...session(null) });
    renderAt('/join');
    expect(await screen.findByRole('heading', { level: 1, name: 'Join' })).toBeTruthy();
    expect(screen.getByText(/needs the whole invite link/)).toBeTruthy();
  });
});
