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
const nia = {
  name: 'Nia Newcomer',
  email: 'nia@example.org',
  password: 'lanterns over the harbour',
};

// Membership in a browser: an event admin invites a newcomer by email from the team page; the
// newcomer follows the emailed link on a phone, creates an account there (no confirmation email
// needed: the link proved the address), and lands in the event as a responder, with the
// responder's dashboard. The organization and event are made through the API.
describe('teams and invitations in a browser', () => {
  let app: OpenApp;
  let server: RunningServer;
  let operator: AdminClient;
  let olgaApi: MemberClient;
  let olgaPage: Page;
  let eventId = '';
  const contexts: BrowserContext[] = [];
  const problems: string[][] = [];

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
    server = app.server;
    operator = await AdminClient.create(server, admin);
    olgaApi = await operator.member(olga, { twoFactor: true });
    const { organization } = (await operator.call('POST', '/api/organizations', {
      name: 'Harbour Tech',
      slug: 'harbour-tech',
      firstAdminEmail: olga.email,
    })) as { organization: { id: string } };
    const link = await operator.emailedLink(olga.email, 'invitations');
    const token = decodeURIComponent(new URL(link).hash.replace(/^#token=/, ''));
    await olgaApi.call('POST', '/api/invitations/accept', { token });
    const { event } = (await olgaApi.call('POST', `/api/organizations/${organization.id}/events`, {
      name: 'Harbour Summit',
      slug: 'harbour-summit',
    })) as { event: { id: string } };
    eventId = event.id;
    await olgaApi.call('POST', `/api/events/${eventId}/activate`, {});
    olgaPage = await pageFor(olgaApi);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await olgaApi?.close();
    await operator?.close();
    await app?.close();
    expect(problems.flat(), 'CSP violations or page errors').toEqual([]);
  });

  it('invites a newcomer by email, who creates an account on a phone and lands in the event as a responder', async () => {
    await olgaPage.goto(`${server.url}/events/${eventId}`);
    await olgaPage.getByRole('heading', { level: 1, name: 'Harbour Summit' }).waitFor();
    await olgaPage.getByRole('link', { name: /^Team/ }).click();
    await olgaPage.getByRole('heading', { level: 1, name: /Team of Harbour Summit/ }).waitFor();
    const form = olgaPage.getByRole('form', { name: 'Invite by email' });
    await form.getByRole('textbox', { name: 'Email addresses' }).fill(nia.email);
    await form.getByRole('combobox', { name: 'Role' }).selectOption('responder');
    await form
      .getByRole('textbox', { name: 'Personal message (optional)' })
      .fill('Welcome to the CoC team!');
    await form.getByRole('button', { name: 'Send invitations' }).click();
    await olgaPage.getByText(nia.email).first().waitFor();
    await expectAccessible(olgaPage, 'the team page');

    const link = await operator.emailedLink(nia.email, 'invitations');
    const phonePage = await pageFor(null, phone);
    await phonePage.goto(link);
    await phonePage.getByText('Harbour Summit').first().waitFor();
    await phonePage.getByText('Welcome to the CoC team!').waitFor();
    await expectAccessible(phonePage, 'an invitation on a phone');
    await phonePage.getByRole('link', { name: 'Create an account' }).click();
    await phonePage.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor();
    expect(await phonePage.getByRole('textbox', { name: 'Email' }).inputValue()).toBe(nia.email);
    await phonePage.getByRole('textbox', { name: 'Your name' }).fill(nia.name);
    await phonePage.getByLabel(/^Password/).fill(nia.password);
    await phonePage.getByRole('button', { name: 'Create account' }).click();

    await phonePage.getByRole('heading', { level: 1, name: 'Harbour Summit' }).waitFor();
    expect(new URL(phonePage.url()).pathname).toBe(`/events/${eventId}`);
    await phonePage.getByText('Responder', { exact: true }).first().waitFor();
    await phonePage.getByRole('region', { name: 'Reports' }).waitFor();
    await expectAccessible(phonePage, 'a responder’s dashboard on a phone');

    // The team page now lists her as a responder.
    await olgaPage.reload();
    const row = olgaPage.getByRole('listitem').filter({ hasText: nia.name });
    await row.getByText('Responder').first().waitFor();
  });
});
