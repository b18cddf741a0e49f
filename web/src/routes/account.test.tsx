import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiError, fakeApi, renderAt } from '../test/render';

const bea = {
  id: '2',
  name: 'Bea',
  email: 'bea@example.org',
  systemRoles: [],
  pronouns: null,
  twoFactorEnabled: false,
  mfaSetupRequired: false,
};

describe('account page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is in the menu, and saves name and pronouns (the header follows)', async () => {
    const calls = fakeApi({
      'GET /api/auth/session': { status: 200, body: { user: bea, signUp: 'open' } },
      'PATCH /api/account': (body) => ({
        status: 200,
        body: { user: { ...bea, ...(body as object), twoFactorEnabled: false } },
      }),
    });
    renderAt('/account');
    expect(await screen.findByRole('heading', { level: 1, name: 'Your account' })).toBeTruthy();
    expect(
      within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', {
        name: 'Account',
      }),
    ).toBeTruthy();
    const profile = screen.getByRole('region', { name: 'Profile' });
    const user = userEvent.setup();
    await user.clear(within(profile).getByRole('textbox', { name: /^name/i }));
    await user.type(within(profile).getByRole('textbox', { name: /^name/i }), 'Bea Q.');
    await user.type(within(profile).getByRole('textbox', { name: /pronouns/i }), 'she/her');
    await user.click(within(profile).getByRole('button', { name: 'Save profile' }));
    expect(await within(profile).findByText('Saved.')).toBeTruthy();
    expect(within(screen.getByRole('banner')).getByText('Bea Q.')).toBeTruthy();
    expect(calls.find((c) => c.key === 'PATCH /api/account')?.body).toEqual({
      name: 'Bea Q.',
      pronouns: 'she/her',
    });
  });

  it('shows a wrong current password at its field', async () => {
    fakeApi({
      'GET /api/auth/session': { status: 200, body: { user: bea } },
      'POST /api/account/password': {
        status: 401,
        body: apiError('invalid_credentials', 'That password is not right.', [
          { field: 'body.currentPassword', message: 'is not right' },
        ]),
      },
    });
    renderAt('/account');
    const section = await screen.findByRole('region', { name: 'Password' });
    const user = userEvent.setup();
    await user.type(within(section).getByLabelText(/^current password/i), 'nope nope nope');
    await user.type(within(section).getByLabelText(/^new password/i), 'ribbons of morning light');
    await user.click(within(section).getByRole('button', { name: 'Change password' }));
    expect(await within(section).findByText('is not right')).toBeTruthy();
    // At the field, so no alert besides.
    expect(within(section).queryByRole('alert')).toBeNull();
  });

  it('deletes the account only after a warning and the password', async () => {
    let deleted = false;
    const calls = fakeApi({
      'GET /api/auth/session': () => ({
        status: 200,
        body: { user: deleted ? null : bea, signUp: 'open' },
      }),
      'GET /api/setup': { status: 200, body: { needed: false } },
      'DELETE /api/account': (body) => {
        if ((body as { password: string }).password !== 'the password!') {
          return {
            status: 401,
            body: apiError('invalid_credentials', 'That password is not right.', [
              { field: 'body.password', message: 'is not right' },
            ]),
          };
        }
        deleted = true;
        return { status: 204 };
      },
    });
    renderAt('/account');
    const danger = await screen.findByRole('region', { name: 'Delete account' });
    expect(within(danger).getByText(/cannot be undone/)).toBeTruthy();
    const user = userEvent.setup();
    await user.click(within(danger).getByRole('button', { name: 'Delete my account…' }));
    await user.type(within(danger).getByLabelText(/your password, to confirm/i), 'wrong');
    await user.click(within(danger).getByRole('button', { name: 'Delete my account for good' }));
    expect(await within(danger).findByText('is not right')).toBeTruthy();

    await user.clear(within(danger).getByLabelText(/your password, to confirm/i));
    await user.type(within(danger).getByLabelText(/your password, to confirm/i), 'the password!');
    await user.click(within(danger).getByRole('button', { name: 'Delete my account for good' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Welcome to Steward' }),
    ).toBeTruthy();
    expect(screen.getByText('Your account is deleted')).toBeTruthy();
    expect(calls.filter((c) => c.key === 'DELETE /api/account')).toHaveLength(2);
  });

  it('refuses to delete the last admin, saying why', async () => {
    fakeApi({
      'GET /api/auth/session': { status: 200, body: { user: bea } },
      'DELETE /api/account': {
        status: 409,
        body: apiError('last_admin', 'You are the last admin of Org A. Hand the role on first.'),
      },
    });
    renderAt('/account');
    const danger = await screen.findByRole('region', { name: 'Delete account' });
    const user = userEvent.setup();
    await user.click(within(danger).getByRole('button', { name: 'Delete my account…' }));
    await user.type(within(danger).getByLabelText(/your password, to confirm/i), 'the password!');
    await user.click(within(danger).getByRole('button', { name: 'Delete my account for good' }));
    expect((await within(danger).findByRole('alert')).textContent).toContain('last admin of Org A');
  });
});

const preference = (
  kind: string,
  label: string,
  over: { inApp?: boolean; email?: boolean; emailLocked?: boolean } = {},
) => ({
  kind,
  label,
  description: `About ${label.toLowerCase()}.`,
  inApp: true,
  email: false,
  emailLocked: false,
  ...over,
});

describe('notification settings on the account page', () => {
  afterEach(() => vi.unstubAllGlobals());

  const preferences = [
    preference('report.new', 'New reports', { email: true }),
    preference('report.assigned', 'Assigned to you'),
    preference('invitation', 'Invitations', { email: true, emailLocked: true }),
  ];

  it('sends the switched channels, and keeps a locked email on, saying why', async () => {
    const calls = fakeApi({
      'GET /api/auth/session': { status: 200, body: { user: bea } },
      'GET /api/account/notification-preferences': { status: 200, body: { items: preferences } },
      'PUT /api/account/notification-preferences': (body) => ({
        status: 200,
        body: {
          items: preferences.map((p) => ({
            ...p,
            ...(body as { items: { kind: string }[] }).items.find((i) => i.kind === p.kind),
          })),
        },
      }),
    });
    renderAt('/account');
    const section = await screen.findByRole('region', { name: 'Notifications' });
    const invitationsEmail = await within(section).findByRole('switch', {
      name: 'Invitations: by email',
    });
    expect((invitationsEmail as HTMLInputElement).checked).toBe(true);
    expect((invitationsEmail as HTMLInputElement).disabled).toBe(true);
    const why = document.getElementById(invitationsEmail.getAttribute('aria-describedby')!);
    expect(why?.textContent).toMatch(/^Always sent by email/);

    const save = within(section).getByRole('button', { name: 'Save notification settings' });
    expect((save as HTMLButtonElement).disabled).toBe(true);
    const user = userEvent.setup();
    await user.click(within(section).getByRole('switch', { name: 'New reports: by email' }));
    await user.click(within(section).getByRole('switch', { name: 'Assigned to you: by email' }));
    await user.click(within(section).getByRole('switch', { name: 'Assigned to you: in the app' }));
    await user.click(save);
    expect(await within(section).findByText('Saved.')).toBeTruthy();
    expect(calls.find((c) => c.key === 'PUT /api/account/notification-preferences')?.body).toEqual({
      items: [
        { kind: 'report.new', inApp: true, email: false },
        { kind: 'report.assigned', inApp: false, email: true },
        { kind: 'invitation', inApp: true, email: true },
      ],
    });
    expect(
      (within(section).getByRole('switch', { name: 'New reports: by email' }) as HTMLInputElement)
        .checked,
    ).toBe(false);
  });

  it('says when the settings were not saved', async () => {
    fakeApi({
      'GET /api/auth/session': { status: 200, body: { user: bea } },
      'GET /api/account/notification-preferences': { status: 200, body: { items: preferences } },
      'PUT /api/account/notification-preferences': {
        status: 500,
        body: apiError('internal_error', 'Something went wrong on our side.'),
      },
    });
    renderAt('/account');
    const section = await screen.findByRole('region', { name: 'Notifications' });
    const user = userEvent.setup();
    await user.click(
      await within(section).findByRole('switch', { name: 'New reports: in the app' }),
    );
    await user.click(within(section).getByRole('button', { name: 'Save notification settings' }));
    const alert = await within(section).findByRole('alert');
    expect(alert.textContent).toContain('Your notification settings were not saved');
    expect(alert.textContent).toContain('req-1');
    expect(within(section).queryByText('Saved.')).toBeNull();
  });
});
