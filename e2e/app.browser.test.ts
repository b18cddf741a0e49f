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
    await heading(`Welcome, ${admin.name}`).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
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
    const typeInto = async (label: string, text: string) => {
      for (let i = 0; i < 15; i++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(
          () => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent ?? '',
        );
        if (focused.startsWith(label)) {
          await page.keyboard.type(text);
          return;
        }
      }
      throw new Error(`could not reach ${label} by keyboard`);
    };
    await typeInto('Your name', admin.name);
    await typeInto('Email', admin.email);
    await typeInto('Password', admin.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `Welcome, ${admin.name}` }).waitFor();
  });
});
