import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiError, fakeApi, renderAt } from '../test/render';

const admin = {
  id: '1',
  name: 'Ada',
  email: 'ada@example.org',
  systemRoles: ['system_admin'],
  pronouns: null,
  twoFactorEnabled: false,
  mfaSetupRequired: true,
};
const totpURI =
  'otpauth://totp/Steward:ada%40example.org?secret=JBSWY3DPEHPK3PXPJBSWY3DP&issuer=Steward&digits=6&period=30';
const backupCodes = ['aaaaa-11111', 'bbbbb-22222', 'ccccc-33333'];

describe('two-factor page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('keeps an admin who needs two-factor on the page, and explains why', async () => {
    fakeApi({ 'GET /api/auth/session': { status: 200, body: { user: admin, signUp: 'open' } } });
    renderAt('/account');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Two-factor authentication' }),
    ).toBeTruthy();
    expect(screen.getByText('Your admin role needs two-factor authentication')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Back to your account' })).toBeNull();
  });

  it('sets up two-factor: password, QR code and key, a first code, then the backup codes', async () => {
    let enabled = false;
    const calls = fakeApi({
      'GET /api/auth/session': () => ({
        status: 200,
        body: {
          user: { ...admin, twoFactorEnabled: enabled, mfaSetupRequired: !enabled },
          signUp: 'open',
        },
      }),
      'GET /api/setup': { status: 200, body: { needed: false } },
      'POST /api/account/two-factor/enable': { status: 200, body: { totpURI, backupCodes } },
      'POST /api/account/two-factor/confirm': (body) => {
        if ((body as { code: string }).code !== '123456') {
          return {
            status: 401,
            body: apiError('two_factor_invalid', 'That code is not right. Try the next one.', [
              { field: 'body.code', message: 'is not right' },
            ]),
          };
        }
        enabled = true;
        return { status: 204 };
      },
    });
    renderAt('/account/two-factor');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/^your password/i), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Start setting up' }));

    const qr = await screen.findByRole('img', { name: 'QR code for your authenticator app' });
    expect(qr.querySelector('path')?.getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
    expect(screen.getByLabelText('Setup key').textContent).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP');

    await user.type(screen.getByRole('textbox', { name: /6-digit code/i }), '000000');
    await user.click(screen.getByRole('button', { name: 'Turn on two-factor' }));
    expect(await screen.findByText('is not right')).toBeTruthy();
    await user.clear(screen.getByRole('textbox', { name: /6-digit code/i }));
    await user.type(screen.getByRole('textbox', { name: /6-digit code/i }), '123456');
    await user.click(screen.getByRole('button', { name: 'Turn on two-factor' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Two-factor is on' })).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Backup codes' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(backupCodes);
    const download = screen.getByRole('link', { name: 'Download codes' });
    expect(download.getAttribute('download')).toBe('steward-backup-codes.txt');
    expect(decodeURIComponent(download.getAttribute('href')!)).toContain('bbbbb-22222');

    await user.click(screen.getByRole('button', { name: 'I have saved my codes' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome, Ada' })).toBeTruthy();
    expect(calls.filter((c) => c.key.startsWith('POST')).map((c) => c.body)).toEqual([
      { password: 'correct horse battery' },
      { code: '000000' },
      { code: '123456' },
    ]);
  });

  it('makes new backup codes and turns two-factor off, with the password', async () => {
    let enabled = true;
    const calls = fakeApi({
      'GET /api/auth/session': () => ({
        status: 200,
        body: {
          user: { ...admin, systemRoles: [], twoFactorEnabled: enabled, mfaSetupRequired: false },
        },
      }),
      'POST /api/account/two-factor/backup-codes': {
        status: 200,
        body: { backupCodes: ['new01-00001', 'new02-00002'] },
      },
      'POST /api/account/two-factor/disable': (body) => {
        if ((body as { password: string }).password !== 'right password') {
          return {
            status: 401,
            body: apiError('invalid_credentials', 'That password is not right.', [
              { field: 'body.password', message: 'is not right' },
            ]),
          };
        }
        enabled = false;
        return { status: 204 };
      },
    });
    renderAt('/account/two-factor');
    const user = userEvent.setup();
    const codes = await screen.findByRole('region', { name: 'Backup codes' });
    await user.type(within(codes).getByLabelText(/^your password/i), 'right password');
    await user.click(within(codes).getByRole('button', { name: 'Make new backup codes' }));
    expect(await within(codes).findByText('new02-00002')).toBeTruthy();

    const off = screen.getByRole('region', { name: 'Turn off two-factor' });
    await user.type(within(off).getByLabelText(/^your password/i), 'wrong password');
    await user.click(within(off).getByRole('button', { name: 'Turn off two-factor' }));
    expect(await within(off).findByText('is not right')).toBeTruthy();
    await user.clear(within(off).getByLabelText(/^your password/i));
    await user.type(within(off).getByLabelText(/^your password/i), 'right password');
    await user.click(within(off).getByRole('button', { name: 'Turn off two-factor' }));
    expect(await screen.findByRole('region', { name: 'Set up two-factor' })).toBeTruthy();
    expect(calls.filter((c) => c.key === 'POST /api/account/two-factor/disable')).toHaveLength(2);
  });
});
