import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import {
  desktop,
  expectAccessible,
  openApp,
  phone,
  watchForProblems,
  type OpenApp,
} from './support/browser.js';
import type { RunningServer } from './support/server.js';
import { totpCode } from './support/totp.js';

const admin = { name: 'Ada Operator', email: 'ada@example.org', password: 'correct horse battery' };

// One Steward and one browser for the file; the tests run in order and tell one story: an
// installation is set up through its link, then used.
describe('the web app in a browser', () => {
  let app: OpenApp;
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    app = await openApp({ viewport: desktop });
    ({ server, context, page } = app);
  });
  afterAll(() => app?.close());

  const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
  let secret = '';

  it('tells a visitor that Steward is not set up yet', async () => {
    await page.goto(server.url);
    await heading('Welcome to Steward').waitFor();
    await page.getByText(/not set up yet/i).waitFor();
    expect(await page.title()).toMatch(/Steward/);
    await expectAccessible(page, 'home, signed out, desktop');
  });

  it('explains that the setup page needs the link', async () => {
    await page.goto(`${server.url}/setup`);
    await heading('Set up Steward').waitFor();
    await page.getByText(/needs the one-time setup link/i).waitFor();
    await expectAccessible(page, 'setup without a link');
  });

  it('refuses a wrong setup link', async () => {
    await page.goto(`${server.url}/setup#token=${'x'.repeat(43)}`);
    await page.getByText(/setup link is not valid/i).waitFor();
    await expectAccessible(page, 'setup with a wrong link');
  });

  it('creates the first system admin through the setup link', async () => {
    await page.goto(server.setupUrl!);
    await heading('Set up Steward').waitFor();
    await page.getByRole('textbox', { name: 'Your name' }).waitFor();
    // The token leaves the address bar at once.
    expect(page.url()).not.toContain('token=');
    await expectAccessible(page, 'setup form');

    await page.getByRole('textbox', { name: 'Your name' }).fill(admin.name);
    await page.getByRole('textbox', { name: 'Email' }).fill(admin.email);
    await page.getByRole('textbox', { name: 'Password' }).fill('too short');
    await page.getByRole('button', { name: 'Create admin account' }).click();
    await page
      .getByText(/at least 12 characters/i)
      .first()
      .waitFor();
    await expectAccessible(page, 'setup form with an error');

    await page.getByRole('textbox', { name: 'Password' }).fill(admin.password);
    await page.getByRole('button', { name: 'Create admin account' }).click();
    // A system admin needs two-factor before anything else.
    await heading('Two-factor authentication').waitFor();
    await page.getByText('Your admin role needs two-factor authentication').waitFor();
    expect(new URL(page.url()).pathname).toBe('/account/two-factor');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await expectAccessible(page, 'two-factor required');
  });

  it('keeps the new admin on two-factor setup until it is on', async () => {
    for (const path of ['/', '/account', '/admin/outbox']) {
      await page.goto(`${server.url}${path}`);
      await heading('Two-factor authentication').waitFor();
      expect(new URL(page.url()).pathname, `from ${path}`).toBe('/account/two-factor');
    }
    // The server holds admin actions back meanwhile, whatever the page shows.
    const outbox = await page.request.get(`${server.url}/api/admin/outbox`);
    expect(outbox.status()).toBe(403);
    expect(((await outbox.json()) as { error: { code: string } }).error.code).toBe('mfa_required');
  });

  it('sets up two-factor, and is let through', async () => {
    await page.getByLabel('Your password').fill(admin.password);
    await page.getByRole('button', { name: 'Start setting up' }).click();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    secret = ((await page.getByLabel('Setup key').textContent()) ?? '').replace(/\s/g, '');
    await page.getByRole('textbox', { name: '6-digit code' }).fill(totpCode(secret));
    await page.getByRole('button', { name: 'Turn on two-factor' }).click();
    await heading('Two-factor is on').waitFor();
    await page.getByRole('list', { name: 'Backup codes' }).waitFor();
    await page.getByRole('button', { name: 'I have saved my codes' }).click();
    await heading(`Welcome, ${admin.name}`).waitFor();
    await expectAccessible(page, 'home, signed in');
  });

  it('does not let the same link be used again', async () => {
    await page.goto(server.setupUrl!);
    await page.getByText(/already set up/i).waitFor();
    await page.getByRole('link', { name: 'Sign in' }).first().waitFor();
  });

  it('signs out, refuses a wrong password, and signs in again', async () => {
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await heading('Welcome to Steward').waitFor();

    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await heading('Sign in').waitFor();
    expect(await page.title()).toBe('Sign in · Steward');
    await expectAccessible(page, 'sign-in');

    await page.getByRole('textbox', { name: 'Email' }).fill(admin.email);
    await page.getByRole('textbox', { name: 'Password' }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'not right' }).waitFor();
    await expectAccessible(page, 'sign-in with an error');

    await page.getByRole('textbox', { name: 'Password' }).fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await heading('Enter your two-factor code').waitFor();
    await page.getByRole('textbox', { name: 'Code' }).fill(totpCode(secret));
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await heading(`Welcome, ${admin.name}`).waitFor();
  });

  it('shows its own not-found page for unknown addresses', async () => {
    await page.goto(`${server.url}/no/such/page`);
    await heading('Page not found').waitFor();
    await page.getByRole('link', { name: 'Go to the home page' }).click();
    await heading(/Welcome/).waitFor();
    await page.goto(`${server.url}/no/such/page`);
    await expectAccessible(page, 'not found');
  });

  it('serves the browsable API documentation', async () => {
    const docs = await context.newPage();
    const docProblems = watchForProblems(docs);
    await docs.goto(`${server.url}/api/docs`);
    await docs.getByText('Steward API').first().waitFor();
    await docs.getByText('/api/setup').first().waitFor();
    expect(docProblems).toEqual([]);
    await docs.close();
  });
});

describe('the web app on a phone, by keyboard alone', () => {
  let app: OpenApp;
  let server: RunningServer;
  let page: Page;
  beforeAll(async () => {
    app = await openApp({ viewport: phone, hasTouch: true, isMobile: true });
    ({ server, page } = app);
  });
  afterAll(() => app?.close());

  const focusedName = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      return (el?.labels?.[0]?.textContent ?? el?.textContent ?? '').trim();
    });
  /** Presses Tab until the focused field or button is named `name`. */
  const tabTo = async (name: string) => {
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      if ((await focusedName()).startsWith(name)) return;
    }
    throw new Error(`could not reach ${name} by keyboard`);
  };
  const typeInto = async (label: string, text: string) => {
    await tabTo(label);
    await page.keyboard.type(text);
  };

  it('fits a 360 px screen without sideways scrolling', async () => {
    for (const path of ['/', '/sign-in', '/setup', '/nowhere']) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
      await expectAccessible(page, `${path} on a phone`);
    }
  });

  it('opens the navigation behind a menu button', async () => {
    await page.goto(server.url);
    const burger = page.getByRole('button', { name: 'Open navigation' });
    await burger.waitFor();
    expect(await burger.getAttribute('aria-expanded')).toBe('false');
    await burger.click();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'API docs' }).waitFor({ state: 'visible' });
    expect(
      await page.getByRole('button', { name: 'Close navigation' }).getAttribute('aria-expanded'),
    ).toBe('true');
    await expectAccessible(page, 'navigation open on a phone');
  });

  it('skips to the main content and sets up by keyboard alone', async () => {
    await page.goto(server.setupUrl!);
    await page.getByRole('textbox', { name: 'Your name' }).waitFor();
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.textContent?.trim());
    expect(first).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);

    // From inside main, Tab reaches the form fields in order.
    await typeInto('Your name', admin.name);
    await typeInto('Email', admin.email);
    await typeInto('Password', admin.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Two-factor authentication' }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow, 'horizontal overflow on two-factor setup').toBeLessThanOrEqual(0);
  });

  it('sets up two-factor by keyboard alone', async () => {
    await typeInto('Your password', admin.password);
    await page.keyboard.press('Enter');
    const key = page.getByLabel('Setup key');
    await key.waitFor();
    const secret = ((await key.textContent()) ?? '').replace(/\s/g, '');
    await typeInto('6-digit code', totpCode(secret));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Two-factor is on' }).waitFor();
    await expectAccessible(page, 'backup codes on a phone');
    await tabTo('I have saved my codes');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `Welcome, ${admin.name}` }).waitFor();
  });
});
