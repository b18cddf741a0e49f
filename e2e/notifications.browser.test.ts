import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
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
const nia: Person = {
  name: 'Nia Newcomer',
  email: 'nia@example.org',
  password: 'lanterns over the harbour',
};
const sam: Person = {
  name: 'Sam Steward',
  email: 'sam@example.org',
  password: 'seven gulls on a pier',
};
const rita: Person = {
  name: 'Rita Reporter',
  email: 'rita@example.org',
  password: 'paper boats in the rain',
};

/** The bell in the header, whose name carries the unread count. */
const bell = (p: Page) => p.getByRole('banner').getByRole('button', { name: /^Notifications,/ });

/** The unread count the bell's name says. */
async function unreadOf(p: Page): Promise<number> {
  const name = (await bell(p).getAttribute('aria-label')) ?? '';
  if (/none unread/.test(name)) return 0;
  const n = /Notifications, (\d+) unread/.exec(name)?.[1];
  if (n === undefined) throw new Error(`the bell says “${name}”`);
  return Number(n);
}

// Notifications in a browser, against the real server: a responder keeps the app open while a
// reporter reports in another browser; the count and the list follow without a reload, through
// the event stream. Then the preferences, the full list and the phone's drawer.
describe('notifications in a browser', () => {
  let app: OpenApp;
  let server: RunningServer;
  let people: People;
  let operator: AdminClient;
  let olgaApi: MemberClient;
  let ronApi: MemberClient;
  let ritaApi: MemberClient;
  let ronPage: Page;
  let ronId = '';
  const event = { id: '', slug: 'harbour-summit', name: 'Harbour Summit' };

  beforeAll(async () => {
    app = await openApp({ viewport: desktop });
    server = app.server;
    people = new People(app.context.browser()!);
    operator = await AdminClient.create(server, admin);
    olgaApi = await operator.member(olga, { twoFactor: true });
    ronApi = await operator.member(ron);
    ritaApi = await operator.member(rita);
    const { organization } = (await operator.call('POST', '/api/organizations', {
      name: 'Harbour Tech',
      slug: 'harbour-tech',
      firstAdminEmail: olga.email,
    })) as { organization: { id: string } };
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
    await olgaApi.call('POST', `/api/events/${event.id}/team`, {
      email: rita.email,
      role: 'reporter',
    });
    // A change of roles rotates the session at its next request: let the API sessions take the
    // new cookie now, so every browser context copied from them later shares a live session.
    for (const client of [olgaApi, ronApi, ritaApi]) await client.call('GET', '/api/auth/session');
    ronId = ((await ronApi.call('GET', '/api/auth/session')) as { user: { id: string } }).user.id;
  });
  afterAll(async () => {
    await people?.close();
    for (const client of [olgaApi, ronApi, ritaApi]) await client?.close();
    await operator?.close();
    await app?.close();
    expect(people?.problems ?? [], 'page errors, console errors, failed requests').toEqual([]);
  });

  it('a new report raises the responder’s unread count live; opening it from the bell marks it read', async () => {
    const title = 'Heckling during the keynote';

    // The responder has the app open on an unrelated page, and leaves it alone.
    ronPage = await people.page(ronApi);
    await ronPage.goto(`${server.url}/account`);
    await heading(ronPage, 'Your account').waitFor();
    await bell(ronPage).waitFor();
    // The stream's first message sets the count (the role given in the setup is one).
    await expect.poll(() => unreadOf(ronPage)).toBeGreaterThan(0);
    const before = await unreadOf(ronPage);

    // The reporter, in a browser of her own, on a phone.
    const ritaPage = await people.page(ritaApi, phone);
    await ritaPage.goto(`${server.url}/e/${event.slug}/report`);
    await heading(ritaPage, 'Report an incident').waitFor();
    const form = ritaPage.getByRole('form', { name: 'Your report' });
    await form.getByRole('textbox', { name: 'Title' }).fill(title);
    await form
      .getByRole('textbox', { name: 'What happened' })
      .fill('Someone kept shouting over the speaker.');
    await form.getByText('Harassment', { exact: true }).click();
    await form.getByRole('button', { name: 'Send report' }).click();
    await heading(ritaPage, 'Report sent').waitFor();

    // No reload: the bell's count goes up, and it is announced.
    await expect.poll(() => unreadOf(ronPage), { timeout: 10_000 }).toBe(before + 1);
    await expect
      .poll(() => ronPage.getByTestId('notification-announcer').textContent())
      .toBe(`New notification: New report: #1 ${title}`);

    // The bell's list has it, unread, linking to the report.
    await bell(ronPage).click();
    const latest = ronPage.getByRole('list', { name: 'Latest notifications' });
    const item = latest.getByRole('link', { name: `Unread: New report: #1 ${title}` });
    await item.waitFor();
    const href = await item.getAttribute('href');
    expect(href).toMatch(/^\/reports\/[0-9a-f-]{36}$/);
    await expectAccessible(ronPage, 'the bell’s panel open');

    // Opening it marks it read: the report opens and the count goes down.
    await item.click();
    await ronPage.waitForURL(`${server.url}${href}`);
    await heading(ronPage, title).waitFor();
    await expect.poll(() => unreadOf(ronPage)).toBe(before);
    await bell(ronPage).click();
    await latest.getByRole('link', { name: `New report: #1 ${title}`, exact: true }).waitFor();
    await ronPage.keyboard.press('Escape');
    await expect.poll(() => latest.count()).toBe(0);

    // The full list, at a desk.
    await ronPage.goto(`${server.url}/notifications`);
    await heading(ronPage, 'Notifications').waitFor();
    await ronPage
      .getByRole('list', { name: 'Notifications', exact: true })
      .getByRole('link', { name: `New report: #1 ${title}`, exact: true })
      .waitFor();
    await expectAccessible(ronPage, 'the notifications page');
  });

  it('the preferences on the account page save: with new reports off in the app, a new report leaves the count alone', async () => {
    await ronPage.goto(`${server.url}/account`);
    const prefs = ronPage.getByRole('form', { name: 'Notification settings' });
    const newReports = prefs.getByRole('switch', { name: 'New reports: in the app' });
    expect(await newReports.isChecked()).toBe(true);
    await expectAccessible(ronPage, 'the account page with notification settings');
    // From the keyboard: the switch's own input is hidden under its drawn track.
    await newReports.focus();
    await ronPage.keyboard.press('Space');
    expect(await newReports.isChecked()).toBe(false);
    await prefs.getByRole('button', { name: 'Save notification settings' }).click();
    await prefs.getByText('Saved.').waitFor();

    // The choice is kept: a reload shows it.
    await ronPage.reload();
    await prefs.getByRole('switch', { name: 'New reports: in the app' }).waitFor();
    expect(await prefs.getByRole('switch', { name: 'New reports: in the app' }).isChecked()).toBe(
      false,
    );
    expect(
      await prefs.getByRole('switch', { name: 'Assigned to you: in the app' }).isChecked(),
    ).toBe(true);
    // The bell shows the server's count once the stream has connected.
    const { unread: before } = (await ronApi.call('GET', '/api/notifications/unread-count')) as {
      unread: number;
    };
    await expect.poll(() => unreadOf(ronPage)).toBe(before);

    // A second report: nothing for the responder in the app. Then it is assigned to him, which
    // is on: the count rises by exactly that one, so the stream was live and the report silent.
    const { report } = (await ritaApi.call('POST', `/api/events/${event.id}/reports`, {
      idempotencyKey: 'preference-report-0001',
      title: 'Slides with a slur',
      description: 'On the third slide of the afternoon talk.',
      type: 'other',
    })) as { report: { id: string } };
    await olgaApi.call('POST', `/api/reports/${report.id}/assignees`, { userId: ronId });
    await expect.poll(() => unreadOf(ronPage), { timeout: 10_000 }).toBe(before + 1);
    await bell(ronPage).click();
    const latest = ronPage.getByRole('list', { name: 'Latest notifications' });
    await latest
      .getByRole('link', { name: 'Unread: Assigned to you: #2 Slides with a slur' })
      .waitFor();
    // Both are committed by now: the list and the count have the assignment only.
    expect(await latest.getByRole('link', { name: /New report: #2/ }).count()).toBe(0);
    expect(await unreadOf(ronPage)).toBe(before + 1);
    await ronPage.keyboard.press('Escape');
  });

  it('someone made a responder while the app is open hears of the next report at once', async () => {
    const niaApi = await operator.member(nia);
    const niaPage = await people.page(niaApi);
    // The stream is open before anything changes.
    const streaming = niaPage.waitForResponse((r) => r.url().endsWith('/api/notifications/stream'));
    await niaPage.goto(`${server.url}/account`);
    await heading(niaPage, 'Your account').waitFor();
    expect((await streaming).status()).toBe(200);
    const before = await unreadOf(niaPage);

    // Made a responder: told so, live.
    await olgaApi.call('POST', `/api/events/${event.id}/team`, {
      email: nia.email,
      role: 'responder',
    });
    await expect.poll(() => unreadOf(niaPage), { timeout: 10_000 }).toBe(before + 1);

    // The next report reaches her as it reaches the rest of the team, without a reload.
    await ritaApi.call('POST', `/api/events/${event.id}/reports`, {
      idempotencyKey: 'newcomer-report-00001',
      title: 'Blocked the exit',
      description: 'Someone stood in the doorway and would not move.',
      type: 'other',
    });
    await expect.poll(() => unreadOf(niaPage), { timeout: 10_000 }).toBe(before + 2);
    await expect
      .poll(() => niaPage.getByTestId('notification-announcer').textContent())
      .toMatch(/^New notification: New report: #\d+ Blocked the exit$/);
    await niaApi.close();
  });

  it('a stream opened first after a change of roles hands over the rotated session', async () => {
    // The browser's event stream reconnects by itself; when that is the first read after the
    // person's roles changed, it is the request that rotates the session, and the new cookie
    // must reach the browser, or the person is signed out.
    const samApi = await operator.member(sam);
    await olgaApi.call('POST', `/api/events/${event.id}/team`, {
      email: sam.email,
      role: 'reporter',
    });
    const cookie = (await samApi.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const abort = new AbortController();
    const res = await fetch(`${server.url}/api/notifications/stream`, {
      headers: { cookie, accept: 'text/event-stream' },
      signal: abort.signal,
    });
    expect(res.status).toBe(200);
    const setCookie = res.headers.getSetCookie();
    abort.abort();
    expect(setCookie.some((c) => /session_token=[^;]+/.test(c))).toBe(true);
    const fresh = setCookie.map((c) => c.split(';')[0]).join('; ');
    const session = await fetch(`${server.url}/api/auth/session`, { headers: { cookie: fresh } });
    expect(((await session.json()) as { user: { email: string } | null }).user?.email).toBe(
      sam.email,
    );
    await samApi.close();
  });

  it('on a phone: the bell opens a drawer, and the notifications page reads and marks', async () => {
    await ronPage.setViewportSize(phone);
    await ronPage.goto(`${server.url}/reports`);
    await heading(ronPage, 'Reports').waitFor();
    await expect.poll(() => unreadOf(ronPage)).toBeGreaterThan(0);
    await bell(ronPage).click();
    const drawer = ronPage.getByRole('dialog', { name: 'Notifications' });
    await drawer.getByRole('list', { name: 'Latest notifications' }).waitFor();
    await expectNoSidewaysScroll(ronPage, 'the bell’s drawer on a phone');
    await expectDialogAccessible(ronPage, 'the bell’s drawer on a phone');
    await drawer.getByRole('link', { name: 'See all notifications' }).click();
    await heading(ronPage, 'Notifications').waitFor();
    await drawer.waitFor({ state: 'hidden' });

    const list = ronPage.getByRole('list', { name: 'Notifications', exact: true });
    await list.getByRole('listitem').first().waitFor();
    await expectNoSidewaysScroll(ronPage, 'the notifications page on a phone');
    await expectAccessible(ronPage, 'the notifications page on a phone');

    // Only the unread, one marked read by its button, then all.
    await ronPage.getByText('Unread', { exact: true }).click();
    await ronPage.waitForURL(/show=unread/);
    const unreadList = ronPage.getByRole('list', { name: 'Unread notifications' });
    await unreadList.getByRole('listitem').first().waitFor();
    const before = await unreadOf(ronPage);
    await unreadList
      .getByRole('button', { name: /^Mark as read: / })
      .first()
      .click();
    await expect.poll(() => unreadOf(ronPage)).toBe(before - 1);
    if (before - 1 > 0) {
      await ronPage.getByRole('button', { name: 'Mark all as read' }).click();
    }
    await ronPage.getByText('Nothing unread. You are up to date.').waitFor();
    await expect.poll(() => unreadOf(ronPage)).toBe(0);
    await expectNoSidewaysScroll(ronPage, 'the notifications page, all read, on a phone');
    await expectAccessible(ronPage, 'the notifications page, all read, on a phone');
    await ronPage.setViewportSize(desktop);
  });
  it('a tab whose session ended elsewhere hears nothing more', async () => {
    // Signed out elsewhere, the tab's stream ends and its reconnection is refused (401). The
    // earlier tab of this session goes first: its refusals are not what it was watched for.
    await ronPage.close();
    const page = await people.page(ronApi, desktop, { allowStatuses: [401] });
    const streaming = page.waitForResponse((r) => r.url().endsWith('/api/notifications/stream'));
    await page.goto(`${server.url}/notifications`);
    await heading(page, 'Notifications').waitFor();
    expect((await streaming).status()).toBe(200);
    const { unread: before } = (await ronApi.call('GET', '/api/notifications/unread-count')) as {
      unread: number;
    };
    await expect.poll(() => unreadOf(page)).toBe(before);

    const signOut = await ronApi.api.post('/api/auth/sign-out', { data: {} });
    expect(signOut.ok()).toBe(true);
    const { report } = (await ritaApi.call('POST', `/api/events/${event.id}/reports`, {
      idempotencyKey: 'signed-out-report-0001',
      title: 'After the sign-out',
      description: 'Nobody signed out may hear of this.',
      type: 'other',
    })) as { report: { id: string } };
    await olgaApi.call('POST', `/api/reports/${report.id}/assignees`, { userId: ronId });
    // Long enough for a live update to have arrived, had one been sent.
    await page.waitForTimeout(2000);
    expect(await unreadOf(page)).toBe(before);
    expect(await page.getByTestId('notification-announcer').textContent()).not.toContain(
      'After the sign-out',
    );
    expect(await page.content()).not.toContain('After the sign-out');
  });
});
