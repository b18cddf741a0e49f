import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, type APIRequestContext, type BrowserContext, type Page } from 'playwright-core';
import { desktop, expectAccessible, openApp, phone, type OpenApp } from './support/browser.js';
import type { RunningServer } from './support/server.js';
import { secretFromUri, totpCode } from './support/totp.js';

const admin = { name: 'Ada Operator', email: 'ada@example.org', password: 'correct horse battery' };
const cy = { name: 'Cy Newcomer', email: 'cy@example.org', password: 'paper boats on the canal' };

// The first system admin is made through the API (setup link, then two-factor, which admins need
// before admin pages), and the browser takes over that session. Cy's sign-up puts a real message,
// the address confirmation, in the development outbox.
describe('the email outbox in a browser', () => {
  let app: OpenApp;
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  let api: APIRequestContext;
  beforeAll(async () => {
    app = await openApp({ viewport: desktop });
    ({ server, context, page } = app);
    api = await request.newContext({ baseURL: server.url });
    const token = decodeURIComponent(new URL(server.setupUrl!).hash.replace(/^#token=/, ''));
    await ok(api.post('/api/setup', { data: { token, ...admin } }));
    const enable = await ok(
      api.post('/api/account/two-factor/enable', { data: { password: admin.password } }),
    );
    const { totpURI } = (await enable.json()) as { totpURI: string };
    await ok(
      api.post('/api/account/two-factor/confirm', {
        data: { code: totpCode(secretFromUri(totpURI)) },
      }),
    );
    await context.addCookies((await api.storageState()).cookies);
    await ok(api.post('/api/auth/sign-up', { data: cy }));
  });
  afterAll(async () => {
    await api?.dispose();
    await app?.close();
  });

  const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });

  it('is in the system admin’s menu, and shows the confirmation email sent to Cy', async () => {
    await page.goto(server.url);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Email outbox' })
      .click();
    await heading('Email outbox').waitFor();
    expect(await page.title()).toBe('Email outbox · Steward');
    await page.getByText(/nothing is sent/i).waitFor();
    const message = page.getByRole('button', { name: /to cy@example\.org/i });
    await message.waitFor();
    await expectAccessible(page, 'email outbox');

    await message.click();
    const body = page.getByRole('figure', { name: 'Text of the email' }).first();
    await body.waitFor();
    const link = body.getByRole('link', { name: /\/verify-email#token=/ });
    expect(await link.getAttribute('href')).toMatch(
      new RegExp(`^${server.url.replace(/[.]/g, '\\.')}/verify-email#token=`),
    );
    await expectAccessible(page, 'email outbox, a message open');
  });

  it('fits a 360 px phone', async () => {
    await page.setViewportSize(phone);
    await page.goto(`${server.url}/admin/outbox`);
    await heading('Email outbox').waitFor();
    await page.getByRole('button', { name: /to cy@example\.org/i }).click();
    await page.getByRole('figure', { name: 'Text of the email' }).first().waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow, 'horizontal overflow on the outbox').toBeLessThanOrEqual(0);
    await expectAccessible(page, 'email outbox on a phone');
  });
});

async function ok<T extends { ok(): boolean; status(): number; text(): Promise<string> }>(
  response: Promise<T>,
): Promise<T> {
  const res = await response;
  if (!res.ok()) throw new Error(`${res.status()} ${await res.text()}`);
  return res;
}
