import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AdminClient, type Person } from './support/accounts.js';
import { desktop, expectAccessible, openApp, phone, type OpenApp } from './support/browser.js';
import type { RunningServer } from './support/server.js';
import { totpCode } from './support/totp.js';

const admin: Person = {
  name: 'Ada Operator',
  email: 'ada@example.org',
  password: 'correct horse battery',
};
const bea: Person = {
  name: 'Bea Attendee',
  email: 'bea@example.org',
  password: 'a long walk by the river',
};
const newPassword = 'lanterns over quiet water';

// One Steward for the file, whose first admin (made through the API) reads the development
// outbox. The tests run in order and follow one person: Bea signs up, confirms her address,
// forgets her password, turns on two-factor, uses her account page, and finally deletes it.
describe('accounts in a browser', () => {
  let app: OpenApp;
  let server: RunningServer;
  let page: Page;
  let operator: AdminClient;
  let secret = '';
  let backupCodes: string[] = [];
  beforeAll(async () => {
    app = await openApp({ viewport: desktop });
    ({ server, page } = app);
    operator = await AdminClient.create(server, admin);
  });
  afterAll(async () => {
    await operator?.close();
    await app?.close();
  });

  const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
  const main = () => page.getByRole('main');

  const signIn = async (person: Person, password = person.password) => {
    await page.goto(`${server.url}/sign-in`);
    await heading('Sign in').waitFor();
    await page.getByRole('textbox', { name: 'Email' }).fill(person.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };
  const signOut = async () => {
    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await heading('Welcome to Steward').waitFor();
  };

  it('signs up, confirms the address from the emailed link, then signs in', async () => {
    await page.goto(`${server.url}/sign-in`);
    await main().getByRole('link', { name: 'Create an account' }).click();
    await heading('Create an account').waitFor();
    expect(await page.title()).toBe('Create an account · Steward');
    await expectAccessible(page, 'sign-up');

    await page.getByRole('textbox', { name: 'Your name' }).fill(bea.name);
    await page.getByRole('textbox', { name: 'Email' }).fill(bea.email);
    await page.getByRole('textbox', { name: 'Password' }).fill('too short');
    await page.getByRole('button', { name: 'Create account' }).click();
    // The server's rule, shown at its field.
    await page.getByText('Use at least 12 characters').waitFor();
    await expectAccessible(page, 'sign-up with a field error');

    await page.getByRole('textbox', { name: 'Password' }).fill(bea.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await heading('Check your email').waitFor();
    await main().getByText(bea.email).first().waitFor();
    await expectAccessible(page, 'sign-up done');

    // Not confirmed yet: signing in says so (and sends a new link).
    await signIn(bea);
    await page
      .getByRole('alert')
      .filter({ hasText: /confirm your email address/i })
      .waitFor();

    const link = await operator.emailedLink(bea.email, 'verify-email');
    await page.goto(link);
    await heading('Email address confirmed').waitFor();
    expect(page.url()).not.toContain('token=');
    await main().getByText(bea.email).waitFor();
    await expectAccessible(page, 'email confirmed');

    await main().getByRole('link', { name: 'Sign in' }).click();
    await heading('Sign in').waitFor();
    expect(await page.getByRole('textbox', { name: 'Email' }).inputValue()).toBe(bea.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(bea.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await heading(`Welcome, ${bea.name}`).waitFor();

    // A link that does not work (expired, or mistyped) offers a new one.
    await page.goto(`${server.url}/verify-email#token=${'x'.repeat(40)}`);
    await heading('This link does not work').waitFor();
    await page.getByRole('button', { name: 'Send a new link' }).waitFor();
    await expectAccessible(page, 'email link used');
    await page.goto(server.url);
    await signOut();
  });

  it('resets a forgotten password with the emailed link', async () => {
    await page.goto(`${server.url}/sign-in`);
    await main().getByRole('link', { name: 'Forgot your password?' }).click();
    await heading('Reset your password').waitFor();
    await expectAccessible(page, 'forgot password');
    await page.getByRole('textbox', { name: 'Email' }).fill(bea.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await heading('Check your email').waitFor();
    await expectAccessible(page, 'forgot password sent');

    const link = await operator.emailedLink(bea.email, 'reset-password');
    await page.goto(link);
    await heading('Choose a new password').waitFor();
    expect(page.url()).not.toContain('token=');
    await expectAccessible(page, 'reset password');
    await page.getByRole('textbox', { name: 'New password' }).fill('short');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Use at least 12 characters').waitFor();
    await expectAccessible(page, 'reset password with a field error');
    await page.getByRole('textbox', { name: 'New password' }).fill(newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await heading('Your password is changed').waitFor();
    await expectAccessible(page, 'password reset done');

    await signIn(bea);
    await page.getByRole('alert').filter({ hasText: 'not right' }).waitFor();
    await signIn(bea, newPassword);
    await heading(`Welcome, ${bea.name}`).waitFor();
    bea.password = newPassword;

    // The link worked once.
    await page.goto(link);
    await page.getByRole('textbox', { name: 'New password' }).fill('another long passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await heading('This link does not work').waitFor();
    await expectAccessible(page, 'reset link used');
  });

  it('sets up two-factor from the account page, then signs in with a code', async () => {
    await page.goto(server.url);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Account' })
      .click();
    await heading('Your account').waitFor();
    expect(await page.title()).toBe('Your account · Steward');
    await expectAccessible(page, 'account');

    await main().getByRole('link', { name: 'Set up two-factor' }).click();
    await heading('Two-factor authentication').waitFor();
    await expectAccessible(page, 'two-factor, off');
    await page.getByLabel('Your password').fill(bea.password);
    await page.getByRole('button', { name: 'Start setting up' }).click();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    secret = ((await page.getByLabel('Setup key').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]+$/);
    await expectAccessible(page, 'two-factor, scan');

    await page.getByRole('textbox', { name: '6-digit code' }).fill('000000');
    await page.getByRole('button', { name: 'Turn on two-factor' }).click();
    await page.getByText('is not right').waitFor();
    await page.getByRole('textbox', { name: '6-digit code' }).fill(totpCode(secret));
    await page.getByRole('button', { name: 'Turn on two-factor' }).click();
    await heading('Two-factor is on').waitFor();
    const codes = page.getByRole('list', { name: 'Backup codes' }).getByRole('listitem');
    backupCodes = (await codes.allTextContents()).map((c) => c.trim());
    expect(backupCodes.length).toBeGreaterThan(5);
    await expectAccessible(page, 'two-factor, backup codes');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download codes' }).click();
    expect((await download).suggestedFilename()).toBe('steward-backup-codes.txt');
    await page.getByRole('button', { name: 'I have saved my codes' }).click();
    await heading(`Welcome, ${bea.name}`).waitFor();

    await signOut();
    await signIn(bea);
    await heading('Enter your two-factor code').waitFor();
    await expectAccessible(page, 'sign-in, second step');
    await page.getByRole('textbox', { name: 'Code' }).fill('123456');
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'not right' }).waitFor();
    await expectAccessible(page, 'sign-in, second step with an error');
    await page.getByRole('textbox', { name: 'Code' }).fill(totpCode(secret));
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await heading(`Welcome, ${bea.name}`).waitFor();
  });

  it('signs in with a backup code, which works only once', async () => {
    await signOut();
    await signIn(bea);
    await heading('Enter your two-factor code').waitFor();
    await page.getByRole('textbox', { name: 'Code' }).fill(backupCodes[0]!);
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await heading(`Welcome, ${bea.name}`).waitFor();

    await signOut();
    await signIn(bea);
    await page.getByRole('textbox', { name: 'Code' }).fill(backupCodes[0]!);
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'not right' }).waitFor();
    await page.getByRole('textbox', { name: 'Code' }).fill(backupCodes[1]!);
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await heading(`Welcome, ${bea.name}`).waitFor();
  });

  it('makes new backup codes, and turns two-factor off', async () => {
    await page.goto(`${server.url}/account/two-factor`);
    await heading('Two-factor authentication').waitFor();
    await main().getByText(/is on/).first().waitFor();
    await expectAccessible(page, 'two-factor, on');

    const newCodes = page.getByRole('region', { name: 'Backup codes' });
    await newCodes.getByLabel('Your password').fill(bea.password);
    await newCodes.getByRole('button', { name: 'Make new backup codes' }).click();
    await newCodes.getByRole('list', { name: 'Backup codes' }).waitFor();
    const fresh = await newCodes.getByRole('listitem').allTextContents();
    expect(fresh).not.toContain(backupCodes[2]);

    const off = page.getByRole('region', { name: 'Turn off two-factor' });
    await off.getByLabel('Your password').fill('not my password');
    await off.getByRole('button', { name: 'Turn off two-factor' }).click();
    await off.getByText('is not right').waitFor();
    await off.getByLabel('Your password').fill(bea.password);
    await off.getByRole('button', { name: 'Turn off two-factor' }).click();
    await page.getByRole('region', { name: 'Set up two-factor' }).waitFor();

    await signOut();
    await signIn(bea);
    await heading(`Welcome, ${bea.name}`).waitFor();
  });

  it('changes the profile and the password, and downloads the data', async () => {
    await page.goto(`${server.url}/account`);
    await heading('Your account').waitFor();
    const profile = page.getByRole('region', { name: 'Profile' });
    await profile.getByRole('textbox', { name: 'Name' }).fill('Bea Q. Attendee');
    await profile.getByRole('textbox', { name: 'Pronouns' }).fill('she/her');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await profile.getByText('Saved.').waitFor();
    await page.getByRole('banner').getByText('Bea Q. Attendee').waitFor();
    bea.name = 'Bea Q. Attendee';

    const password = page.getByRole('region', { name: 'Password' });
    await password.getByLabel('Current password').fill('wrong password here');
    await password.getByLabel('New password').fill('ribbons of morning light');
    await password.getByRole('button', { name: 'Change password' }).click();
    await password.getByText('is not right').waitFor();
    await expectAccessible(page, 'account with a field error');
    await password.getByLabel('Current password').fill(bea.password);
    await password.getByRole('button', { name: 'Change password' }).click();
    await password.getByText('Password changed').waitFor();
    bea.password = 'ribbons of morning light';

    const email = page.getByRole('region', { name: 'Email address' });
    await email.getByRole('textbox', { name: 'New email address' }).fill('bea@example.net');
    await email.getByLabel('Your password').fill(bea.password);
    await email.getByRole('button', { name: 'Send confirmation link' }).click();
    await email.getByText(/We have sent a link to bea@example.net/).waitFor();

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download my data' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('steward-my-data.json');
    const stream = await file.createReadStream();
    let text = '';
    for await (const chunk of stream) text += String(chunk);
    expect(text).toContain(bea.email);
    await expectAccessible(page, 'account after changes');

    await page.reload();
    await heading('Your account').waitFor();
    expect(await profile.getByRole('textbox', { name: 'Pronouns' }).inputValue()).toBe('she/her');
  });

  it('sets a profile picture from the keyboard, shrinks a large photo, and removes it', async () => {
    await page.goto(`${server.url}/account`);
    const section = page.getByRole('region', { name: 'Profile picture' });
    await section.getByText('No picture yet').waitFor();
    const pick = async (file: { name: string; mimeType: string; buffer: Buffer }) => {
      const chooser = page.waitForEvent('filechooser');
      await section.getByRole('button', { name: /^(Choose a|Change) picture$/ }).focus();
      await page.keyboard.press('Enter');
      await (await chooser).setFiles(file);
    };
    const shown = async () => {
      const picture = section.getByRole('img', { name: 'Your profile picture' });
      await picture.waitFor();
      // Loaded from the server (allowed by the CSP), not just named.
      await expect
        .poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
        .toBeGreaterThan(0);
      return picture.getAttribute('src');
    };

    // The smallest valid PNG: a 1×1 transparent pixel.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    await pick({ name: 'me.png', mimeType: 'image/png', buffer: png });
    await section.getByText('Picture saved.').waitFor();
    const first = await shown();
    expect(first).toMatch(/^\/api\/users\/[^/]+\/avatar\?v=\d+$/);
    expect(await page.getByRole('banner').locator('img').getAttribute('src')).toBe(first);
    await expectAccessible(page, 'account with a picture');

    // Only named a picture: the server reads the bytes, and its words are shown.
    await pick({ name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('<svg></svg>') });
    await section.getByRole('alert').filter({ hasText: 'Use a PNG, JPEG, WebP or GIF' }).waitFor();
    await expectAccessible(page, 'account with a refused picture');

    // A photo over the limit (noise does not compress) is drawn smaller before it is sent.
    const photo = await page.evaluate(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 700;
      const context = canvas.getContext('2d')!;
      const pixels = context.createImageData(700, 700);
      let seed = 2463534242;
      for (let i = 0; i < pixels.data.length; i++) {
        // xorshift32: noise that PNG cannot compress; alpha stays opaque.
        seed ^= seed << 13;
        seed ^= seed >>> 17;
        seed ^= seed << 5;
        pixels.data[i] = i % 4 === 3 ? 255 : seed & 255;
      }
      context.putImageData(pixels, 0, 0);
      return canvas.toDataURL('image/png').split(',')[1]!;
    });
    const buffer = Buffer.from(photo, 'base64');
    expect(buffer.length).toBeGreaterThan(512 * 1024);
    await pick({ name: 'photo.png', mimeType: 'image/png', buffer });
    await section.getByText('Picture saved.').waitFor();
    await expect.poll(shown).not.toBe(first);

    await section.getByRole('button', { name: 'Remove picture' }).click();
    await section.getByText('Picture removed.').waitFor();
    await section.getByText('No picture yet').waitFor();
    expect(await section.getByRole('img', { name: 'Your profile picture' }).count()).toBe(0);
    await expectAccessible(page, 'account without a picture');
  });

  it('signs out everywhere', async () => {
    await page.goto(`${server.url}/account`);
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await heading('Sign in').waitFor();
    await signIn(bea);
    await heading(`Welcome, ${bea.name}`).waitFor();
  });

  it('deletes the account after a warning and the password', async () => {
    await page.goto(`${server.url}/account`);
    const danger = page.getByRole('region', { name: 'Delete account' });
    await danger.getByText('cannot be undone').waitFor();
    await danger.getByRole('button', { name: 'Delete my account…' }).click();
    await danger.getByLabel('Your password, to confirm').fill('not my password');
    await danger.getByRole('button', { name: 'Delete my account for good' }).click();
    await danger.getByText('is not right').waitFor();
    await expectAccessible(page, 'delete account with an error');
    await danger.getByLabel('Your password, to confirm').fill(bea.password);
    await danger.getByRole('button', { name: 'Delete my account for good' }).click();
    await heading('Welcome to Steward').waitFor();
    await page.getByText('Your account is deleted').waitFor();

    await signIn(bea);
    await page.getByRole('alert').filter({ hasText: 'not right' }).waitFor();
  });
});

describe('account pages on a phone', () => {
  let app: OpenApp;
  let server: RunningServer;
  let page: Page;
  let operator: AdminClient;
  beforeAll(async () => {
    app = await openApp({ viewport: phone, hasTouch: true, isMobile: true });
    ({ server, page } = app);
    operator = await AdminClient.create(server, admin);
  });
  afterAll(async () => {
    await operator?.close();
    await app?.close();
  });

  const fits = async (label: string) => {
    await page.getByRole('heading', { level: 1 }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow, `horizontal overflow on ${label}`).toBeLessThanOrEqual(0);
    await expectAccessible(page, `${label} on a phone`);
  };

  it('fits the signed-out account pages on a 360 px screen', async () => {
    for (const path of ['/sign-up', '/forgot-password', '/reset-password', '/verify-email']) {
      await page.goto(`${server.url}${path}`);
      await fits(path);
    }
  });

  it('fits the account and two-factor pages, signed in', async () => {
    await page.goto(`${server.url}/sign-up`);
    await page.getByRole('textbox', { name: 'Your name' }).fill(bea.name);
    await page.getByRole('textbox', { name: 'Email' }).fill(bea.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(bea.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check your email' }).waitFor();
    await fits('sign-up done');
    await page.goto(await operator.emailedLink(bea.email, 'verify-email'));
    await page.getByRole('heading', { level: 1, name: 'Email address confirmed' }).waitFor();
    await fits('email confirmed');

    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('textbox', { name: 'Password' }).fill(bea.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: /Welcome/ }).waitFor();

    await page.goto(`${server.url}/account`);
    await fits('account');
    await page.goto(`${server.url}/account/two-factor`);
    await page.getByLabel('Your password').fill(bea.password);
    await page.getByRole('button', { name: 'Start setting up' }).click();
    const key = await page.getByLabel('Setup key').textContent();
    await fits('two-factor setup');
    await page
      .getByRole('textbox', { name: '6-digit code' })
      .fill(totpCode((key ?? '').replace(/\s/g, '')));
    await page.getByRole('button', { name: 'Turn on two-factor' }).click();
    await page.getByRole('heading', { level: 1, name: 'Two-factor is on' }).waitFor();
    await fits('backup codes');
  });
});
