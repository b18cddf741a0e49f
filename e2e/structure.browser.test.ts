import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { AdminClient, type MemberClient, type Person } from './support/accounts.js';
import {
  desktop,
  expectAccessible,
  openApp,
  phone,
  watchForProblems,
  type OpenApp,
} from './support/browser.js';
import type { RunningServer } from './support/server.js';

const admin: Person = {
  name: 'Ada Operator',
  email: 'ada@example.org',
  password: 'correct horse battery',
};
const olga: Person = {
  name: 'Olga Organizer',
  email: 'olga@example.org',
  password: 'a quiet lake at dawn',
};
const pat: Person = {
  name: 'Pat Proposer',
  email: 'pat@example.org',
  password: 'seven green bicycles',
};

// The structure in a browser: a system admin creates an organization and names its first admin,
// who accepts the emailed invitation, creates an event, configures it and activates it; then the
// organization lets anyone propose events, a member proposes one and the admin approves it.
// Everyone has an account (made through the API) and their own browser context.
describe('organizations and events in a browser', () => {
  let app: OpenApp;
  let server: RunningServer;
  let page: Page;
  let operator: AdminClient;
  let olgaApi: MemberClient;
  let patApi: MemberClient;
  const contexts: BrowserContext[] = [];
  const problems: string[][] = [];
  let olgaPage: Page;
  let patPage: Page;
  let orgPath = '';
  let eventSlug = '';

  /** A browser context of its own for someone, signed in with their API session's cookies. */
  async function pageFor(client: MemberClient | null, viewport = desktop) {
    const context = await app.context.browser()!.newContext({ viewport });
    contexts.push(context);
    if (client) await context.addCookies(await client.cookies());
    const opened = await context.newPage();
    problems.push(watchForProblems(opened));
    return opened;
  }

  beforeAll(async () => {
    app = await openApp({ viewport: desktop });
    ({ server, page } = app);
    operator = await AdminClient.create(server, admin);
    await app.context.addCookies(await operator.cookies());
    olgaApi = await operator.member(olga, { twoFactor: true });
    patApi = await operator.member(pat, { twoFactor: true });
    olgaPage = await pageFor(olgaApi);
    patPage = await pageFor(patApi, phone);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await olgaApi?.close();
    await patApi?.close();
    await operator?.close();
    await app?.close();
    expect(problems.flat(), 'CSP violations or page errors').toEqual([]);
  });

  const heading = (p: Page, name: string | RegExp) => p.getByRole('heading', { level: 1, name });

  it('a system admin creates an organization; its first admin accepts the emailed invitation', async () => {
    await page.goto(`${server.url}/orgs`);
    await heading(page, 'Organizations').waitFor();
    await page.getByRole('link', { name: 'New organization' }).click();
    await heading(page, 'New organization').waitFor();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Northwind Community');
    expect(await page.getByRole('textbox', { name: 'Slug', exact: true }).inputValue()).toBe(
      'northwind-community',
    );
    await page
      .getByRole('textbox', { name: 'Email of its first organization admin' })
      .fill(olga.email);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await heading(page, 'Northwind Community').waitFor();
    orgPath = new URL(page.url()).pathname;
    expect(orgPath).toMatch(/^\/orgs\/[0-9a-f-]{36}$/);
    await page.getByText(olga.email).first().waitFor();
    await expectAccessible(page, 'the new organization, seen by the system admin');

    const link = await operator.emailedLink(olga.email, 'invitations');
    await olgaPage.goto(link);
    await olgaPage.getByText('Northwind Community').first().waitFor();
    await olgaPage.getByRole('button', { name: 'Accept invitation' }).click();
    await heading(olgaPage, 'Northwind Community').waitFor();
    expect(new URL(olgaPage.url()).pathname).toBe(orgPath);
  });

  it('the organization admin creates an event, configures it and activates it', async () => {
    await olgaPage.getByRole('link', { name: 'New event' }).click();
    await heading(olgaPage, /New event/).waitFor();
    await olgaPage
      .getByRole('textbox', { name: 'Name', exact: true })
      .fill('Northwind Summit 2027');
    await olgaPage.getByRole('button', { name: 'Create event' }).click();
    await heading(olgaPage, 'Northwind Summit 2027').waitFor();
    const eventPath = new URL(olgaPage.url()).pathname;
    expect(eventPath).toMatch(/^\/events\/[0-9a-f-]{36}$/);
    await expectAccessible(olgaPage, 'a new event’s dashboard');

    await olgaPage.getByRole('link', { name: 'Settings', exact: true }).click();
    await heading(olgaPage, /Settings/).waitFor();
    eventSlug = await olgaPage.getByRole('textbox', { name: 'Address name (slug)' }).inputValue();
    expect(eventSlug).toBe('northwind-summit-2027');
    await olgaPage.getByLabel('Starts on').fill('2027-05-03');
    await olgaPage.getByLabel('Ends on').fill('2027-05-04');
    await saved(olgaPage, 'Save details');
    await olgaPage
      .getByRole('textbox', { name: 'Contact email' })
      .fill('conduct@northwind.example');
    await olgaPage
      .getByRole('textbox', { name: 'Code of conduct' })
      .fill('# Our code\n\nHarassment is not tolerated. <script>alert(1)</script>');
    await saved(olgaPage, 'Save conduct settings');
    await expectAccessible(olgaPage, 'event settings');

    await olgaPage.goto(`${server.url}${eventPath}`);
    await olgaPage
      .getByRole('group', { name: 'Event actions' })
      .getByRole('button', { name: 'Activate' })
      .click();
    const dialog = olgaPage.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Activate' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await olgaPage.getByText('Active', { exact: true }).first().waitFor();

    // Signed out, on a phone: the public page, with its code of conduct made safe.
    const visitor = await pageFor(null, phone);
    await visitor.goto(`${server.url}/e/${eventSlug}`);
    await heading(visitor, 'Northwind Summit 2027').waitFor();
    await visitor.getByText('Harassment is not tolerated.').waitFor();
    expect(await visitor.locator('script:not([src])').count()).toBe(0);
    await visitor.getByRole('link', { name: 'Report an incident' }).waitFor();
    await visitor.getByText('conduct@northwind.example').first().waitFor();
    await expectAccessible(visitor, 'the public event page on a phone');
  });

  it('a member proposes an event where anyone may, and the organization admin approves it', async () => {
    await olgaPage.goto(`${server.url}${orgPath}/settings`);
    await olgaPage.getByRole('radio', { name: /Also anyone signed in/ }).check();
    await olgaPage.getByRole('radio', { name: /Required before an event goes live/ }).check();
    await saved(olgaPage, 'Save policies');

    await patPage.goto(`${server.url}${orgPath}/events/new`);
    await heading(patPage, /New event/).waitFor();
    await patPage.getByRole('textbox', { name: 'Name', exact: true }).fill('Pat’s Meetup');
    await patPage.getByRole('button', { name: 'Propose event' }).click();
    await heading(patPage, 'Pat’s Meetup').waitFor();
    await patPage.getByText('Waiting for approval').first().waitFor();
    await expectAccessible(patPage, 'a proposed event on a phone');

    await olgaPage.goto(`${server.url}/approvals`);
    await heading(olgaPage, 'Waiting for approval').waitFor();
    await olgaPage.getByRole('button', { name: 'Approve Pat’s Meetup' }).click();
    const dialog = olgaPage.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await olgaPage.getByRole('status').filter({ hasText: 'Approved' }).waitFor();
    await expectAccessible(olgaPage, 'the approval queue');

    await patPage.reload();
    await patPage.getByText('Active', { exact: true }).first().waitFor();
  });
});

/** Clicks a form's save button and waits for the server to accept the change. */
async function saved(page: Page, button: string) {
  const response = page.waitForResponse(
    (r) => r.request().method() === 'PATCH' && r.url().includes('/api/'),
  );
  await page.getByRole('button', { name: button }).click();
  const res = await response;
  expect(res.status(), await res.text()).toBe(200);
}
