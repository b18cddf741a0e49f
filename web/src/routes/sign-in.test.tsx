import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiError, fakeApi, renderAt } from '../test/render';

const ada = { id: '1', name: 'Ada', email: 'ada@example.org', systemRoles: [] };

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
      'GET /api/auth/session': { status: 200, body: { user: ada } },
      'GET /api/setup': { status: 200, body: { needed: false } },
    });
    renderAt('/sign-in');
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome, Ada' })).toBeTruthy();
  });

  it('offers sign-up only when it is open', async () => {
    fakeApi({ 'GET /api/auth/session': { status: 200, body: { user: null, signUp: 'open' } } });
    const { unmount } = renderAt('/sign-in');
    expect(await screen.findByRole('link', { name: 'Create an account' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Forgot your password?' })).toBeTruthy();
    unmount();

    fakeApi({
      'GET /api/auth/session': { status: 200, body: { user: null, signUp: 'invite_only' } },
    });
    renderAt('/sign-in');
    await screen.findByRole('link', { name: 'Forgot your password?' });
    expect(screen.queryByRole('link', { name: 'Create an account' })).toBeNull();
  });

  it('asks for the second step, and signs in with a code and a trusted device', async () => {
    let signedIn = false;
    const calls = fakeApi({
      'GET /api/auth/session': () => ({
        status: 200,
        body: { user: signedIn ? ada : null, signUp: 'open' },
      }),
      'GET /api/setup': { status: 200, body: { needed: false } },
      'POST /api/auth/sign-in': { status: 200, body: { status: 'two_factor_required' } },
      'POST /api/auth/two-factor': (body) => {
        if ((body as { code: string }).code !== '123456') {
          return {
            status: 401,
            body: apiError(
              'two_factor_invalid',
              'That code is not right, or the sign-in took too long.',
            ),
          };
        }
        signedIn = true;
        return { status: 200, body: { status: 'signed_in', user: ada } };
      },
    });
    renderAt('/sign-in');
    const user = userEvent.setup();
    await user.type(await screen.findByRole('textbox', { name: /email/i }), 'ada@example.org');
    await user.type(screen.getByLabelText(/^password/i), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const heading = await screen.findByRole('heading', {
      level: 1,
      name: 'Enter your two-factor code',
    });
    expect(document.activeElement).toBe(heading);
    await user.type(screen.getByRole('textbox', { name: /code/i }), '999999');
    await user.click(screen.getByRole('button', { name: 'Verify and sign in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('not right');

    await user.clear(screen.getByRole('textbox', { name: /code/i }));
    await user.type(screen.getByRole('textbox', { name: /code/i }), '123456');
    await user.click(screen.getByRole('checkbox', { name: /trust this device/i }));
    await user.click(screen.getByRole('button', { name: 'Verify and sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome, Ada' })).toBeTruthy();
    expect(calls.filter((c) => c.key === 'POST /api/auth/two-factor').map((c) => c.body)).toEqual([
      { code: '999999', trustDevice: false },
      { code: '123456', trustDevice: true },
    ]);
  });

  it('starts over from the second step', async () => {
    fakeApi({
      'GET /api/auth/session': { status: 200, body: { user: null, signUp: 'open' } },
      'POST /api/auth/sign-in': { status: 200, body: { status: 'two_factor_required' } },
    });
    renderAt('/sign-in');
    const user = userEvent.setup();
    await user.type(await screen.findByRole('textbox', { name: /email/i }), 'ada@example.org');
    await user.type(screen.getByLabelText(/^password/i), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await user.click(await screen.findByRole('button', { name: 'Start over' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
  });

  it('goes to the next path after signing in', async () => {
    let signedIn = false;
    fakeApi({
      'GET /api/auth/session': () => ({
        status: 200,
        body: { user: signedIn ? ada : null, signUp: 'open' },
      }),
      'POST /api/auth/sign-in': () => {
        signedIn = true;
        return { status: 200, body: { status: 'signed_in', user: ada } };
      },
    });
    const { router } = renderAt('/sign-in?next=%2Finvitations');
    const user = userEvent.setup();
    // The way to sign up keeps the next path too.
    expect(
      (await screen.findByRole('link', { name: 'Create an account' })).getAttribute('href'),
    ).toBe('/sign-up?next=%2Finvitations');
    await user.type(screen.getByRole('textbox', { name: /email/i }), 'ada@example.org');
    await user.type(screen.getByLabelText(/^password/i), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/invitations'));
  });

  it.each(['//evil.example', 'https://evil.example', '/\\evil.example'])(
    'ignores a next path that leaves the app: %s',
    async (next) => {
      fakeApi({
        'GET /api/auth/session': { status: 200, body: { user: ada } },
        'GET /api/setup': { status: 200, body: { needed: false } },
      });
      const { router } = renderAt(`/sign-in?next=${encodeURIComponent(next)}`);
      expect(await screen.findByRole('heading', { level: 1, name: 'Welcome, Ada' })).toBeTruthy();
      expect(router.state.location.pathname).toBe('/');
    },
  );
});
