import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient, type MemberClient, type Person } from './support/accounts.js';
import { desktop, expectAccessible, openApp, phone, type OpenApp } from './support/browser.js';
import {
  expectDialogAccessible,
  expectNoSidewaysScroll,
  heading,
  People,
} from './support/pages.js';
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
const ron: Person = {
  name: 'Ron Responder',
  email: 'ron@example.org',
  password: 'a kettle on the stove',
};

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on 127.0.0.1 that keeps what it receives and answers 200. */
async function startReceiver() {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/steward-hook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// The audit log, webhooks and retention in a browser, against the real server. The server lets
// webhooks point at loopback (WEBHOOK_ALLOW_LOOPBACK), for a receiver on 127.0.0.1.
describe('audit log, webhooks and retention in a browser', () => {
  let app: OpenApp;
  let server: RunningServer;
  let people: People;
  let operator: AdminClient;
  let olgaApi: MemberClient;
  let ronApi: MemberClient;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const event = { id: '', slug: 'harbour-summit', name: 'Harbour Summit' };
  const org = { id: '', name: 'Harbour Tech' };

  beforeAll(async () => {
    receiver = await startReceiver();
    app = await openApp({ viewport: desktop }, { WEBHOOK_ALLOW_LOOPBACK: 'true' });
    server = app.server;
    people = new People(app.context.browser()!);
    operator = await AdminClient.create(server, admin);
    olgaApi = await operator.member(olga, { twoFactor: true });
    ronApi = await operator.member(ron);
    const { organization } = (await operator.call('POST', '/api/organizations', {
      name: 'Harbour Tech',
      slug: 'harbour-tech',
      firstAdminEmail: olga.email,
    })) as { organization: { id: string } };
    org.id = organization.id;
    const link = await operator.emailedLink(olga.email, 'invitations');
    const token = decodeURIComponent(new URL(link).hash.replace(/^#token=/, ''));
    await olgaApi.call('POST', '/api/invitations/accept', { token });
    const created = (await olgaApi.call('POST', `/api/organizations/${organization.id}/events`, {
      name: event.name,
      slug: event.slug,
    })) as { event: { id: string } };
    event.id = created.event.id;
    await olgaApi.call('POST', `/api/events/${event.id}/activate`, {});
    await olgaApi.call('POST', `/api/events/${event.id}/team`, {
      email: ron.email,
      role: 'responder',
    });
    // A change of roles rotates the session at its next request: let the API sessions take the
    // new cookie now, so every browser context copied from them later shares a live session.
    for (const client of [olgaApi, ronApi]) await client.call('GET', '/api/auth/session');
  });
  afterAll(async () => {
    await people?.close();
    for (const client of [olgaApi, ronApi]) await client?.close();
    await operator?.close();
    await app?.close();
    await receiver?.close();
    expect(people?.problems ?? [], 'page errors, console errors, failed requests').toEqual([]);
  });

  it('an event admin changes a setting, then reads it in the event’s audit log, old → new, with a responder’s refused attempt and the CSV', async () => {
    // A responder tries to change the event through the API: refused, and audited.
    const refused = await ronApi.api.patch(`/api/events/${event.id}`, {
      data: { settings: { reportIntake: 'anonymous' } },
    });
    expect(refused.status()).toBe(403);

    // The event admin changes what emails about reports carry, on the event's settings page.
    const olgaPage = await people.page(olgaApi);
    await olgaPage.goto(`${server.url}/events/${event.id}/settings`);
    await heading(olgaPage, `Settings of ${event.name}`).waitFor();
    // The sections above it load on their own and grow as they do: a click aimed while one is
    // still loading may land beside its target (the likely cause of a radio button found
    // unchecked after its click, once in CI).
    await olgaPage
      .getByRole('status', { name: /^Loading/ })
      .first()
      .waitFor({ state: 'detached' });
    const emails = olgaPage.getByRole('form', { name: 'Emails about reports' });
    await emails.getByRole('radio', { name: 'Nothing of the report' }).check();
    await emails.getByRole('button', { name: 'Save email setting' }).click();
    await emails.getByText('Saved.').waitFor();

    // From the event's page to its audit log.
    await olgaPage.goto(`${server.url}/events/${event.id}`);
    await heading(olgaPage, event.name).waitFor();
    await olgaPage.getByRole('link', { name: 'Audit log' }).click();
    await heading(olgaPage, `Audit log: ${event.name}`).waitFor();
    await olgaPage.getByText(/^Entries: \d+ entries, newest first\.$/).waitFor();
    await expectAccessible(olgaPage, 'the event’s audit log');

    // Filtered by action: the change, old → new.
    const filters = olgaPage.getByRole('form', { name: 'Filters' });
    await filters.getByRole('textbox', { name: 'Action' }).fill('event.settings.update');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await olgaPage.waitForURL(/action=event\.settings\.update/);
    const entries = olgaPage.getByRole('list', { name: 'Entries' }).getByRole('listitem');
    await expect
      .poll(() => entries.filter({ hasNotText: 'event.settings.update' }).count())
      .toBe(0);
    const change = entries.filter({ hasText: 'emailDetail' });
    expect(await change.count()).toBe(1);
    expect(await change.innerText()).toMatch(
      /"emailDetail":\s*"title".*→.*"emailDetail":\s*"none"/s,
    );
    expect(await change.innerText()).toContain(`by ${olga.name}`);

    // The CSV of the same filters downloads.
    const [download] = await Promise.all([
      olgaPage.waitForEvent('download'),
      olgaPage.getByRole('link', { name: 'Download as CSV' }).click(),
    ]);
    const csv = await readFile((await download.path())!, 'utf8');
    const [header, ...rows] = csv.trim().split(/\r?\n/);
    expect(header).toMatch(/action/);
    expect(rows.length).toBeGreaterThan(0);
    expect(csv).toContain('event.settings.update');
    expect(csv).toContain('emailDetail');
    expect(csv).not.toContain('event.activate');

    // The denied attempts: the responder's.
    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await olgaPage.getByText('Denied attempts', { exact: true }).click();
    await olgaPage.waitForURL(/outcome=denied/);
    await olgaPage.getByText(/^Denied attempts: 1 entry, newest first\.$/).waitFor();
    const denied = olgaPage
      .getByRole('list', { name: 'Denied attempts' })
      .getByRole('listitem')
      .filter({ hasText: `by ${ron.name}` });
    await denied.getByText('Denied', { exact: true }).waitFor();
    await expectAccessible(olgaPage, 'the event’s denied attempts');

    // On a phone too.
    await olgaPage.setViewportSize(phone);
    await olgaPage.reload();
    await denied.waitFor();
    await expectNoSidewaysScroll(olgaPage, 'the event’s audit log on a phone');
    await expectAccessible(olgaPage, 'the event’s audit log on a phone');
  });

  it('an organization admin reads the organization’s log, and only the organization’s', async () => {
    const olgaPage = await people.page(olgaApi);
    await olgaPage.goto(`${server.url}/orgs/${org.id}`);
    await heading(olgaPage, org.name).waitFor();
    await olgaPage.getByRole('link', { name: 'Audit log' }).click();
    await heading(olgaPage, `Audit log: ${org.name}`).waitFor();
    const entries = olgaPage.getByRole('list', { name: 'Entries' }).getByRole('listitem');
    await entries.first().waitFor();
    // Only its own scope: nothing of the event's own log.
    expect(await entries.filter({ hasText: 'event.settings.update' }).count()).toBe(0);
    await expectAccessible(olgaPage, 'the organization’s audit log');
  });

  it('an event admin adds a signed webhook, sees its secret once, and a test reaches the receiver signed', async () => {
    const olgaPage = await people.page(olgaApi);
    await olgaPage.goto(`${server.url}/events/${event.id}/settings`);
    await heading(olgaPage, `Settings of ${event.name}`).waitFor();
    await olgaPage
      .getByRole('status', { name: /^Loading/ })
      .first()
      .waitFor({ state: 'detached' });
    const add = olgaPage.getByRole('form', { name: 'Add a webhook' });
    await add.getByRole('radio', { name: 'Generic JSON' }).check();
    await add.getByRole('textbox', { name: 'Webhook address' }).fill(receiver.url);
    await add.getByRole('textbox', { name: 'Description (optional)' }).fill('Our own receiver');
    await add.getByRole('button', { name: 'Add webhook' }).click();
    await add.getByText('Added.').waitFor();

    const secretBox = olgaPage.getByRole('textbox', { name: 'Signing secret' });
    const secret = await secretBox.inputValue();
    expect(secret.length).toBeGreaterThanOrEqual(16);
    await expectAccessible(olgaPage, 'the event settings with a new webhook’s secret');
    await olgaPage.getByRole('button', { name: 'Done' }).click();
    await secretBox.waitFor({ state: 'detached' });

    // Shown once: not after a reload, nor anywhere in the page.
    await olgaPage.reload();
    const hook = olgaPage.getByRole('article', { name: 'Our own receiver' });
    await hook.getByText('Nothing sent yet.').waitFor();
    expect(await olgaPage.content()).not.toContain(secret);

    await hook.getByRole('button', { name: 'Send a test' }).click();
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(1);
    const [got] = receiver.received;
    expect(got!.path).toBe('/steward-hook');
    expect(got!.headers['content-type']).toMatch(/application\/json/);
    const signature = String(got!.headers['x-steward-signature']);
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature);
    expect(match, signature).not.toBeNull();
    const expected = createHmac('sha256', secret).update(`${match![1]}.${got!.body}`).digest('hex');
    expect(match![2]).toBe(expected);
    expect(JSON.parse(got!.body)).toMatchObject({ event: { id: event.id } });

    // The page follows the delivery by itself.
    await hook.getByText('Delivered', { exact: true }).waitFor({ timeout: 15_000 });
    await expectAccessible(olgaPage, 'the event settings with a delivered webhook');

    // On a phone, the section fits; the webhook is removed there, with a reason.
    await olgaPage.setViewportSize(phone);
    await olgaPage.reload();
    await hook.getByText('Delivered', { exact: true }).waitFor();
    await expectNoSidewaysScroll(olgaPage, 'the event settings with a webhook on a phone');
    await expectAccessible(olgaPage, 'the event settings with a webhook on a phone');
    await hook.getByRole('button', { name: 'Remove' }).click();
    const dialog = olgaPage.getByRole('dialog', { name: 'Remove Our own receiver?' });
    await dialog.getByRole('textbox', { name: 'Reason (optional)' }).fill('Moved to Slack');
    await expectDialogAccessible(olgaPage, 'removing a webhook on a phone');
    await dialog.getByRole('button', { name: 'Remove webhook' }).click();
    await olgaPage.getByText('No webhooks yet.').waitFor();
    await olgaPage.setViewportSize(desktop);

    // The webhook's creation, its test and its removal are in the event's audit log.
    await olgaPage.goto(`${server.url}/events/${event.id}/audit?action=event.webhook.`);
    await olgaPage.getByText(/^Entries: 3 entries, newest first\.$/).waitFor();
    await olgaPage
      .getByRole('list', { name: 'Entries' })
      .getByRole('listitem')
      .filter({ hasText: 'event.webhook.delete' })
      .getByText('Reason: Moved to Slack')
      .waitFor();
    expect(await olgaPage.content()).not.toContain(secret);
  });

  it('the system admin sets a retention period and a dry run on the settings page counts what a purge would delete', async () => {
    const adminPage = await people.page(operator);
    await adminPage.goto(`${server.url}/admin/settings`);
    await heading(adminPage, 'System settings').waitFor();
    const periods = adminPage.getByRole('form', { name: 'Retention periods' });
    await periods.getByRole('textbox', { name: 'Keep audit entries for (days)' }).fill('30');
    await periods.getByRole('button', { name: 'Save retention' }).click();
    await periods.getByText(/The next purge uses these periods/).waitFor();

    await adminPage.getByRole('button', { name: 'Count what a purge would delete' }).click();
    const summary = adminPage
      .getByRole('status')
      .filter({ hasText: 'Dry run: nothing was deleted' });
    await summary.waitFor();
    await summary.getByText('Audit log: would delete 0 entries older than 30 days').waitFor();
    await summary.getByText('Incident data: kept forever (no period set)').waitFor();
    await expectAccessible(adminPage, 'the system settings with a dry run');

    // The system's audit log, with a refused sign-in among its denied attempts.
    const anon = await fetch(`${server.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ email: 'mallory@example.org', password: 'not the password 1' }),
    });
    expect(anon.status).toBeGreaterThanOrEqual(400);
    await adminPage.goto(`${server.url}/admin/audit`);
    await heading(adminPage, 'System audit log').waitFor();
    await adminPage.getByText(/^Entries: \d+ entries, newest first\.$/).waitFor();
    await expectAccessible(adminPage, 'the system audit log');
    await adminPage.getByText('Denied attempts', { exact: true }).click();
    const refused = adminPage.getByRole('region', { name: 'Refused sign-ins by address' });
    await refused.getByRole('cell', { name: 'mallory@example.org' }).waitFor();
    await expectAccessible(adminPage, 'the system’s denied attempts');
  });
});
