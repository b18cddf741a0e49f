import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, type APIRequestContext, type Page } from 'playwright-core';
import { AdminClient, type Person } from './support/accounts.js';
import { desktop, expectAccessible, openApp, phone, type OpenApp } from './support/browser.js';
import type { RunningServer } from './support/server.js';

const admin: Person = {
  name: 'Ada Operator',
  email: 'ada@example.org',
  password: 'correct horse battery',
};
const bea: Person = {
  name: 'Bea Member',
  email: 'bea@example.org',
  password: 'a long walk by the river',
};

// The first system admin is made through the API (with two-factor, which admin pages need) and
// the browser takes over their session. Bea has a confirmed account and a session of her own
// (through the API), so the tests can see her thrown out and let back in.
describe('administration of users in a browser', () => {
  let app: OpenApp;
  let server: RunningServer;
  let page: Page;
  let operator: AdminClient;
  let beaApi: APIRequestContext;
  beforeAll(async () => {
    app = await openApp({ viewport: desktop });
    ({ server, page } = app);
    operator = await AdminClient.create(server, admin);
    await app.context.addCookies(await operator.cookies());
    beaApi = await request.newContext({ baseURL: server.url });
    await ok(beaApi.post('/api/auth/sign-up', { data: bea }));
    const link = await operator.emailedLink(bea.email, 'verify-email');
    const token = decodeURIComponent(new URL(link).hash.replace(/^#token=/, ''));
    await ok(beaApi.post('/api/auth/verify-email', { data: { token } }));
    await ok(
      beaApi.post('/api/auth/sign-in', { data: { email: bea.email, password: bea.password } }),
    );
  });
  afterAll(async () => {
    await beaApi?.dispose();
    await operator?.close();
    await app?.close();
  });

  const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
  const beaSignedIn = async () => {
    const res = await beaApi.get('/api/auth/session');
    return ((await res.json()) as { user: unknown }).user !== null;
  };
  const openBea = async () => {
    await page.getByRole('searchbox', { name: 'Search by name or email' }).fill('bea');
    await page.getByText('1 person matching “bea”, newest first.').waitFor();
    await page.getByRole('button', { name: /Bea Member/ }).click();
    return page.getByRole('region', { name: /Bea Member/ });
  };

  it('finds Bea from the admin’s menu and deactivates her after confirming', async () => {
    await page.goto(server.url);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Users' })
      .click();
    await heading('Users').waitFor();
    expect(await page.title()).toBe('Users · Steward');
    await page.getByText('2 people, newest first.').waitFor();
    await expectAccessible(page, 'users');

    const details = await openBea();
    await details.getByRole('button', { name: 'Deactivate' }).click();
    const dialog = page.getByRole('dialog', { name: 'Deactivate Bea Member?' });
    await dialog.waitFor();
    await expectAccessible(page, 'users, deactivation dialog');
    await dialog.getByRole('textbox', { name: /Reason/ }).fill('Spam account');
    await dialog.getByRole('button', { name: 'Deactivate' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await details.getByRole('button', { name: 'Reactivate' }).waitFor();
    expect(await beaSignedIn()).toBe(false);
    const refused = await beaApi.post('/api/auth/sign-in', {
      data: { email: bea.email, password: bea.password },
    });
    expect(refused.status()).toBe(403);
  });

  it('reactivates Bea, who signs in again, and makes her a publisher', async () => {
    const details = page.getByRole('region', { name: /Bea Member/ });
    await details.getByRole('button', { name: 'Reactivate' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reactivate Bea Member?' });
    await dialog.getByRole('button', { name: 'Reactivate' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await details.getByRole('button', { name: 'Deactivate' }).waitFor();
    await ok(
      beaApi.post('/api/auth/sign-in', { data: { email: bea.email, password: bea.password } }),
    );
    expect(await beaSignedIn()).toBe(true);

    await details.getByRole('button', { name: 'Make publisher' }).click();
    const grant = page.getByRole('dialog', { name: 'Make Bea Member publisher?' });
    await grant.getByRole('button', { name: 'Grant publisher' }).click();
    await grant.waitFor({ state: 'hidden' });
    await details.getByRole('button', { name: 'Remove publisher' }).waitFor();
    const session = await beaApi.get('/api/auth/session');
    expect(
      ((await session.json()) as { user: { systemRoles: string[] } }).user.systemRoles,
    ).toEqual(['publisher']);
  });

  it('changes a system setting, with its explanation in view', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'System settings' })
      .click();
    await heading('System settings').waitFor();
    await page.getByText(/only people with an invitation/).waitFor();
    await expectAccessible(page, 'system settings');
    await page.getByRole('radio', { name: 'By invitation only' }).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const res = await beaApi.get('/api/auth/session');
    expect(((await res.json()) as { signUp: string }).signUp).toBe('invite_only');
  });

  it('fits a 360 px phone', async () => {
    await page.setViewportSize(phone);
    await page.goto(`${server.url}/admin/users`);
    await heading('Users').waitFor();
    const details = await openBea();
    await details.getByRole('button', { name: 'Deactivate' }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow, 'horizontal overflow on the users page').toBeLessThanOrEqual(0);
    await expectAccessible(page, 'users on a phone');
  });
});

async function ok<T extends { ok(): boolean; status(): number; text(): Promise<string> }>(
  response: Promise<T>,
): Promise<T> {
  const res = await response;
  if (!res.ok()) throw new Error(`${res.status()} ${await res.text()}`);
  return res;
}
