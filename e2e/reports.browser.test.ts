import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { AdminClient, type MemberClient, type Person } from './support/accounts.js';
import { desktop, expectAccessible, openApp, phone, type OpenApp } from './support/browser.js';
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
const rita: Person = {
  name: 'Rita Reporter',
  email: 'rita@example.org',
  password: 'paper boats in the rain',
};

// A 1×1 PNG: small evidence, as a phone's screenshot would be.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

// Payloads that would run if any of them reached the page as HTML or as a link.
const xss = {
  img: '<img src=x onerror="window.__xss=1">',
  script: '<script>window.__xss=1</script>',
  link: '[click](javascript:window.__xss=1)',
  svg: '"><svg onload="window.__xss=1">',
};
const allPayloads = `${xss.img} ${xss.script} ${xss.link} ${xss.svg}`;

interface Problems {
  list: string[];
}

// Incident reports in a browser, against the real server: a reporter on a phone, the response
// team at a desk, isolation between events, payloads that must stay text, and the anonymous
// follow-up link. The organization, events and team are made through the API; each person has a
// browser context of their own.
describe('incident reports in a browser', () => {
  let app: OpenApp;
  let server: RunningServer;
  let operator: AdminClient;
  let olgaApi: MemberClient;
  let ronApi: MemberClient;
  let ritaApi: MemberClient;
  const contexts: BrowserContext[] = [];
  const problems: Problems[] = [];
  // Event A takes reports from its members; event B also anonymously.
  const a = { id: '', slug: 'harbour-summit', name: 'Harbour Summit' };
  const b = { id: '', slug: 'lighthouse-meetup', name: 'Lighthouse Meetup' };

  /**
   * A browser context of its own for someone (signed in with their API session's cookies, or
   * signed out), with a page watched for page errors, console errors, failed requests and error
   * answers. `expectNotFound`: 404 answers are what the page is about.
   */
  async function pageFor(
    client: MemberClient | null,
    viewport = desktop,
    opts: { expectNotFound?: boolean } = {},
  ) {
    const context = await app.context.browser()!.newContext({ viewport });
    contexts.push(context);
    if (client) await context.addCookies(await client.cookies());
    const opened = await context.newPage();
    watch(opened, opts);
    return opened;
  }

  /** Records the page's errors, console errors, failed requests and error answers. */
  function watch(opened: Page, opts: { expectNotFound?: boolean } = {}) {
    const watched: Problems = { list: [] };
    problems.push(watched);
    const notFoundOk = (text: string) => Boolean(opts.expectNotFound && /status of 404/.test(text));
    opened.on('console', (msg) => {
      if (msg.type() === 'error' && !notFoundOk(msg.text()))
        watched.list.push(`console: ${msg.text()}`);
    });
    opened.on('pageerror', (error) => watched.list.push(`page error: ${error.message}`));
    opened.on('requestfailed', (req) => {
      const failure = req.failure()?.errorText ?? '';
      // A download or a navigation that replaced a request is not a failure of the app.
      if (!/ERR_ABORTED/.test(failure))
        watched.list.push(`request failed: ${req.method()} ${req.url()} ${failure}`);
    });
    opened.on('response', (res) => {
      if (res.status() >= 400 && !(opts.expectNotFound && res.status() === 404))
        watched.list.push(`${res.status()} ${res.request().method()} ${res.url()}`);
    });
  }

  const heading = (p: Page, name: string | RegExp) => p.getByRole('heading', { level: 1, name });

  /** The page never scrolls sideways. */
  async function expectNoSidewaysScroll(p: Page, label: string) {
    const { scrollWidth, innerWidth } = await p.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(scrollWidth, `${label} scrolls sideways`).toBeLessThanOrEqual(innerWidth);
  }

  /**
   * The open dialog passes axe-core. Only the dialog: the page behind it is inert and dimmed by
   * the overlay, which axe would count as low contrast (WCAG exempts inactive content).
   */
  async function expectDialogAccessible(p: Page, label: string) {
    const results = await new AxeBuilder({ page: p })
      .include('[role="dialog"]')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    const bad = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(bad, `accessibility violations on ${label}`).toEqual([]);
  }

  /** Nothing of the payloads ran or became live markup. */
  async function expectInert(p: Page, label: string) {
    const found = await p.evaluate(() => {
      const w = window as unknown as { __xss?: unknown };
      const live = [
        ...document.querySelectorAll('body script, svg[onload], img[onerror], img[src="x"]'),
      ].map((e) => e.outerHTML);
      const withHandlers = [...document.querySelectorAll('body *')]
        .filter((e) => [...e.attributes].some((attr) => /^on/i.test(attr.name)))
        .map((e) => e.outerHTML.slice(0, 120));
      const jsLinks = [...document.querySelectorAll('[href], [src], [action], [formaction]')]
        .flatMap((e) => ['href', 'src', 'action', 'formaction'].map((n) => e.getAttribute(n) ?? ''))
        .filter((v) => /^\s*javascript:/i.test(v));
      return { xss: w.__xss, live, withHandlers, jsLinks };
    });
    expect(found, `payloads on ${label}`).toEqual({
      xss: undefined,
      live: [],
      withHandlers: [],
      jsLinks: [],
    });
  }

  /** Each text is on the page as text, where a person can see it. */
  async function expectVisibleText(p: Page, texts: string[]) {
    for (const text of texts) {
      await p
        .getByText(text, { exact: false })
        .first()
        .waitFor({ timeout: 5000 })
        .catch(async (e: unknown) => {
          throw new Error(
            `${String(e)}\n--- page text:\n${await p.evaluate(() => document.body.innerText)}`,
          );
        });
    }
  }

  beforeAll(async () => {
    app = await openApp({ viewport: desktop });
    server = app.server;
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
    for (const event of [a, b]) {
      const created = (await olgaApi.call('POST', `/api/organizations/${organization.id}/events`, {
        name: event.name,
        slug: event.slug,
      })) as { event: { id: string } };
      event.id = created.event.id;
    }
    await olgaApi.call('PATCH', `/api/events/${b.id}`, {
      settings: { reportIntake: 'anonymous' },
    });
    for (const event of [a, b]) await olgaApi.call('POST', `/api/events/${event.id}/activate`, {});
    await olgaApi.call('POST', `/api/events/${a.id}/team`, { email: ron.email, role: 'responder' });
    await olgaApi.call('POST', `/api/events/${a.id}/team`, { email: rita.email, role: 'reporter' });
    // A change of roles rotates the session at its next request: let the API sessions take the
    // new cookie now, so every browser context copied from them later shares a live session.
    for (const client of [olgaApi, ronApi, ritaApi]) await client.call('GET', '/api/auth/session');
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    for (const client of [olgaApi, ronApi, ritaApi]) await client?.close();
    await operator?.close();
    await app?.close();
    expect(
      problems.flatMap((p) => p.list),
      'page errors, console errors, failed requests',
    ).toEqual([]);
  });

  it('a reporter reports on a phone with a photo; a responder handles it; the reporter sees the reply, never the internal note', async () => {
    const title = 'Shouting at the registration desk';
    const what = 'Someone shouted insults at a volunteer while we queued.';
    const internalNote = 'Spoke to the volunteer: confirmed, checking the camera.';
    const reply = 'Thank you for telling us. We are looking into it today.';
    const resolveNote = 'Footage reviewed with security; the person was warned.';

    // The reporter, on a phone.
    const ritaPage = await pageFor(ritaApi, phone);
    await ritaPage.goto(`${server.url}/e/${a.slug}/report`);
    await heading(ritaPage, 'Report an incident').waitFor();
    const form = ritaPage.getByRole('form', { name: 'Your report' });
    await form.getByRole('textbox', { name: 'Title' }).fill(title);
    await form.getByRole('textbox', { name: 'What happened' }).fill(what);
    await form.getByText('Harassment', { exact: true }).click();
    expect(await form.getByLabel('When').inputValue()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d/);
    const [chooser] = await Promise.all([
      ritaPage.waitForEvent('filechooser'),
      form.getByRole('button', { name: 'Add files' }).click(),
    ]);
    await chooser.setFiles({ name: 'desk.png', mimeType: 'image/png', buffer: png });
    await form.getByText('desk.png').waitFor();
    await expectNoSidewaysScroll(ritaPage, 'the report form on a phone');
    await expectAccessible(ritaPage, 'the report form on a phone');
    await form.getByRole('button', { name: 'Send report' }).click();

    await heading(ritaPage, 'Report sent').waitFor();
    await ritaPage.getByText(/Your report #1 has reached/).waitFor();
    await ritaPage.getByText('1 of 1 file uploaded.').waitFor();
    await expectNoSidewaysScroll(ritaPage, 'the confirmation on a phone');
    await expectAccessible(ritaPage, 'the confirmation on a phone');

    // The responder, at a desk: the queue, the report, its handling.
    const ronPage = await pageFor(ronApi);
    await ronPage.goto(`${server.url}/reports`);
    await heading(ronPage, 'Reports').waitFor();
    const events = ronPage.getByRole('list', { name: 'Events you respond to' });
    await events.getByRole('link', { name: 'Submitted: 1' }).waitFor();
    await events.getByRole('link', { name: '1 open with nobody assigned' }).waitFor();
    await expectAccessible(ronPage, 'the responder’s dashboard');
    await events.getByRole('link', { name: a.name }).click();
    await ronPage.waitForURL(`${server.url}/events/${a.id}/reports`);
    await heading(ronPage, 'Reports').waitFor();
    const list = ronPage.getByRole('list', { name: 'Reports', exact: true });
    await list.getByRole('link', { name: `#1 ${title}` }).waitFor();
    await expectAccessible(ronPage, 'the queue');
    await list.getByRole('link', { name: `#1 ${title}` }).click();
    await heading(ronPage, title).waitFor();
    await ronPage.getByText(what).waitFor();
    await ronPage.getByRole('link', { name: 'desk.png' }).waitFor();

    const moves = ronPage.getByRole('group', { name: 'Change the state' });
    await moves.getByRole('button', { name: 'Acknowledge' }).click();
    await ronPage.getByText('The report is acknowledged now.').waitFor();

    await ronPage.getByRole('combobox', { name: 'Assign someone' }).click();
    await ronPage.getByRole('option', { name: /Ron Responder \(you\)/ }).click();
    await ronPage.getByRole('button', { name: 'Assign', exact: true }).click();
    await ronPage.getByText('You are assigned.').waitFor();
    await ronPage.getByRole('list', { name: 'Assigned' }).getByText('Ron Responder').waitFor();

    await moves.getByRole('button', { name: 'Start investigating' }).click();
    await ronPage.getByText('The report is investigating now.').waitFor();

    await ronPage.getByRole('textbox', { name: 'Internal note' }).fill(internalNote);
    await ronPage.getByRole('button', { name: 'Add internal note' }).click();
    await ronPage.getByText('Internal note added.').waitFor();
    await ronPage.getByText('Reply to reporter', { exact: true }).click();
    await ronPage.getByRole('textbox', { name: 'Reply to the reporter' }).fill(reply);
    await ronPage.getByRole('button', { name: 'Send reply' }).click();
    await ronPage.getByText('Your reply was sent to the reporter.').waitFor();
    const comments = ronPage.getByRole('list', { name: 'Comments, oldest first' });
    await comments.getByText(internalNote).waitFor();
    await comments.getByText(reply).waitFor();
    await expectAccessible(ronPage, 'a report, for its responder');

    // A responder may be at the event with only a phone.
    await ronPage.setViewportSize(phone);
    await ronPage.reload();
    await heading(ronPage, title).waitFor();
    await ronPage.getByRole('list', { name: 'Comments, oldest first' }).waitFor();
    await expectNoSidewaysScroll(ronPage, 'a report, for its responder, on a phone');
    await expectAccessible(ronPage, 'a report, for its responder, on a phone');
    await ronPage.goto(`${server.url}/events/${a.id}/reports`);
    await list.getByRole('link', { name: `#1 ${title}` }).waitFor();
    await expectNoSidewaysScroll(ronPage, 'the queue on a phone');
    await expectAccessible(ronPage, 'the queue on a phone');
    await ronPage.setViewportSize(desktop);

    // Back on the dashboard, the report is the responder's to handle.
    await ronPage.getByRole('link', { name: 'Reports', exact: true }).first().click();
    await ronPage
      .getByRole('list', { name: 'Open reports assigned to you' })
      .getByRole('link', { name: `#1 ${title}` })
      .click();
    await heading(ronPage, title).waitFor();

    // Resolving needs a note, asked for in a dialog; it stays with the team.
    await moves.getByRole('button', { name: 'Resolve' }).click();
    const resolve = ronPage.getByRole('dialog', { name: 'Resolve: add a note' });
    await resolve.getByRole('textbox', { name: 'Note' }).fill(resolveNote);
    await expectDialogAccessible(ronPage, 'the note of a move');
    await resolve.getByRole('button', { name: 'Resolve' }).click();
    await ronPage.getByText('The report is resolved now.').waitFor();
    await ronPage.getByRole('region', { name: 'History' }).getByText(resolveNote).waitFor();

    // The reporter again: My reports, then the report.
    await ritaPage.goto(`${server.url}/reports/mine`);
    await heading(ritaPage, 'My reports').waitFor();
    await ritaPage.getByRole('list', { name: 'Your reports' }).waitFor();
    await expectNoSidewaysScroll(ritaPage, 'My reports on a phone');
    await expectAccessible(ritaPage, 'My reports on a phone');
    await ritaPage
      .getByRole('list', { name: 'Your reports' })
      .getByRole('link', { name: `#1 ${title}` })
      .click();
    await heading(ritaPage, title).waitFor();
    await ritaPage
      .getByRole('list', { name: 'Progress of your report' })
      .getByRole('listitem')
      .filter({ hasText: 'Resolved' })
      .and(ritaPage.locator('[aria-current="step"]'))
      .waitFor();
    await ritaPage.getByText(reply).waitFor();
    await ritaPage.getByRole('link', { name: 'desk.png' }).waitFor();
    await ritaPage
      .getByRole('textbox', { name: 'Message to the team' })
      .fill('The camera by the desk should have it.');
    await ritaPage.getByRole('button', { name: 'Send message' }).click();
    await ritaPage.getByText('Your message was sent to the team.').waitFor();
    await ritaPage
      .getByRole('list', { name: 'Messages' })
      .getByText('The camera by the desk should have it.')
      .waitFor();
    const text = await ritaPage.evaluate(() => ({
      shown: document.body.innerText,
      all: document.body.textContent ?? '',
      title: document.title,
    }));
    for (const t of [text.shown, text.all, text.title]) {
      expect(t).not.toContain(internalNote);
      expect(t).not.toContain(resolveNote);
      expect(t).not.toMatch(/internal/i);
    }
    await expectNoSidewaysScroll(ritaPage, 'the author’s report on a phone');
    await expectAccessible(ritaPage, 'the author’s report on a phone');
  });

  it('a responder of one event gets the not-found page for a report of another event, and for no report', async () => {
    const anon = await request.newContext({ baseURL: server.url });
    const res = await anon.post(`/api/events/${b.id}/reports`, {
      data: {
        idempotencyKey: 'isolation-report-0001',
        title: 'At the other event',
        description: 'Not for the team of Harbour Summit.',
        type: 'other',
        anonymous: true,
      },
    });
    expect(res.status()).toBe(201);
    const { report } = (await res.json()) as { report: { id: string } };
    await anon.dispose();

    const ronPage = await pageFor(ronApi, desktop, { expectNotFound: true });
    for (const id of [report.id, crypto.randomUUID()]) {
      await ronPage.goto(`${server.url}/reports/${id}`);
      await heading(ronPage, 'Page not found').waitFor();
      expect(await ronPage.content()).not.toContain('At the other event');
    }
  });

  it('payloads in a report, its comments and a file name stay inert text, for the team, the author and the follow-up link', async () => {
    // Through the API: the payloads arrive as an attacker would send them.
    const fields = {
      title: `${xss.img} title`,
      description: `${allPayloads}\n\n${xss.link}\n\n<a href="javascript:window.__xss=1">x</a>`,
      type: 'other',
      location: `${xss.svg} location`,
      parties: `${xss.script} parties`,
      contactPreference: 'phone',
      contactDetails: `${xss.img} contact`,
    };
    const { report } = (await ritaApi.call('POST', `/api/events/${a.id}/reports`, {
      idempotencyKey: 'payload-report-00001',
      ...fields,
    })) as { report: { id: string; number: number } };
    await olgaApi.call('POST', `/api/reports/${report.id}/comments`, {
      body: `${xss.svg} a reply ${xss.link}`,
      visibility: 'external',
    });
    await ritaApi.call('POST', `/api/reports/${report.id}/comments`, {
      body: `${xss.script} an answer`,
      visibility: 'external',
    });
    const upload = await ritaApi.api.post(
      `/api/reports/${report.id}/evidence?name=${encodeURIComponent(`${xss.svg}.png`)}`,
      { data: png, headers: { 'content-type': 'image/png' } },
    );
    expect(upload.status()).toBe(201);
    const { evidence } = (await upload.json()) as { evidence: { fileName: string } };

    const anon = await request.newContext({ baseURL: server.url });
    const anonAnswer = await anon.post(`/api/events/${b.id}/reports`, {
      data: { idempotencyKey: 'payload-report-00002', ...fields, anonymous: true },
    });
    expect(anonAnswer.status()).toBe(201);
    const anonymous = (await anonAnswer.json()) as {
      report: { id: string };
      followUpToken: string;
    };
    await olgaApi.call('POST', `/api/reports/${anonymous.report.id}/comments`, {
      body: `${xss.img} a reply`,
      visibility: 'external',
    });
    const anonUpload = await anon.post(
      `/api/follow-up/evidence?name=${encodeURIComponent(`${xss.img}.png`)}`,
      {
        data: png,
        headers: { 'content-type': 'image/png', 'x-follow-up-token': anonymous.followUpToken },
      },
    );
    expect(anonUpload.status()).toBe(201);
    await anon.dispose();

    // The team's view (the event admin's, with the reporter's details) and the queue.
    const olgaPage = await pageFor(olgaApi);
    await olgaPage.goto(`${server.url}/reports/${report.id}`);
    await heading(olgaPage, fields.title).waitFor();
    await olgaPage.getByText('a reply').first().waitFor();
    await expectVisibleText(olgaPage, [
      xss.script,
      xss.link,
      fields.location,
      fields.parties,
      fields.contactDetails,
      `${xss.script} an answer`,
    ]);
    await olgaPage.getByRole('link', { name: evidence.fileName }).waitFor();
    await expectInert(olgaPage, 'the team’s view');

    await olgaPage.goto(`${server.url}/events/${a.id}/reports`);
    await olgaPage.getByRole('link', { name: `#${report.number} ${fields.title}` }).waitFor();
    await expectInert(olgaPage, 'the queue');

    // The author's view.
    const ritaPage = await pageFor(ritaApi);
    await ritaPage.goto(`${server.url}/reports/${report.id}`);
    await heading(ritaPage, fields.title).waitFor();
    await expectVisibleText(ritaPage, [
      xss.script,
      xss.link,
      fields.location,
      fields.parties,
      fields.contactDetails,
      `${xss.svg} a reply`,
    ]);
    await expectInert(ritaPage, 'the author’s view');
    await ritaPage.goto(`${server.url}/reports/mine`);
    await ritaPage.getByRole('link', { name: new RegExp(`${escape(fields.title)}$`) }).waitFor();
    await expectInert(ritaPage, 'My reports');

    // The anonymous reporter's follow-up link.
    const visitor = await pageFor(null, phone);
    await visitor.goto(
      `${server.url}/follow-up#token=${encodeURIComponent(anonymous.followUpToken)}`,
    );
    await heading(visitor, fields.title).waitFor();
    await expectVisibleText(visitor, [
      xss.script,
      xss.link,
      fields.location,
      fields.parties,
      fields.contactDetails,
      `${xss.img} a reply`,
    ]);
    await expectInert(visitor, 'the follow-up page');
  });

  it('an anonymous visitor reports on a phone, keeps the private link, and reads and answers the team’s reply through it', async () => {
    const title = 'Followed to the car park';
    const reply = 'We are sorry. Could you tell us what the person looked like?';
    const answer = 'Tall, a red jacket, a conference badge.';

    const visitor = await pageFor(null, phone);
    await visitor.goto(`${server.url}/e/${b.slug}/report`);
    await heading(visitor, 'Report an incident').waitFor();
    await visitor.getByText(/You are not signed in, so this report is anonymous/).waitFor();
    const form = visitor.getByRole('form', { name: 'Your report' });
    await form.getByRole('textbox', { name: 'Title' }).fill(title);
    await form
      .getByRole('textbox', { name: 'What happened' })
      .fill('Someone followed me from the venue to the car park after the talks.');
    await form.getByText('Safety', { exact: true }).click();
    await form.getByRole('combobox', { name: 'How may the team reach you?' }).selectOption('phone');
    await form.getByRole('textbox', { name: 'Your phone number' }).fill('+44 20 7946 0018');
    await expectNoSidewaysScroll(visitor, 'the anonymous report form on a phone');
    await expectAccessible(visitor, 'the anonymous report form on a phone');
    await form.getByRole('button', { name: 'Send report' }).click();

    await heading(visitor, 'Report sent').waitFor();
    const link = await visitor.getByRole('textbox', { name: 'Your private link' }).inputValue();
    expect(link).toMatch(new RegExp(`^${escape(server.url)}/follow-up#token=.+`));
    await expectNoSidewaysScroll(visitor, 'the anonymous confirmation on a phone');
    await expectAccessible(visitor, 'the anonymous confirmation on a phone');

    // The team replies (through the API: the team's UI is the first test's).
    const queue = (await olgaApi.call('GET', `/api/events/${b.id}/reports`)) as {
      items: { id: string; title: string }[];
    };
    const report = queue.items.find((r) => r.title === title)!;
    expect(report).toBeDefined();
    await olgaApi.call('POST', `/api/reports/${report.id}/comments`, {
      body: reply,
      visibility: 'external',
    });

    // Later, in a new tab, the visitor opens the link.
    const later = await visitor.context().newPage();
    watch(later);
    await later.goto(link);
    await heading(later, title).waitFor();
    expect(later.url()).not.toContain('token');
    expect(new URL(later.url()).hash).toBe('');
    // A reload keeps the report open: the tab kept the token, not the address.
    await later.reload();
    await heading(later, title).waitFor();
    await later.getByText(reply).waitFor();
    await later.getByRole('textbox', { name: 'Your reply' }).fill(answer);
    await later.getByRole('button', { name: 'Send reply' }).click();
    await later.getByText('Your reply was sent to the team.').waitFor();
    await later.getByRole('list', { name: 'Messages' }).getByText(answer).waitFor();
    expect(later.url()).not.toContain('token');
    await expectNoSidewaysScroll(later, 'the follow-up page on a phone');
    await expectAccessible(later, 'the follow-up page on a phone');

    // A photo added later, through the link.
    const [chooser] = await Promise.all([
      later.waitForEvent('filechooser'),
      later.getByRole('button', { name: 'Add files' }).click(),
    ]);
    await chooser.setFiles({ name: 'car-park.png', mimeType: 'image/png', buffer: png });
    await later.getByRole('button', { name: 'Upload 1 file' }).click();
    await later
      .getByRole('list', { name: 'Files of this report' })
      .getByText('car-park.png')
      .waitFor();

    // The team has the phone number, the answer and the photo.
    const seen = (await olgaApi.call('GET', `/api/reports/${report.id}`)) as {
      report: { reporter: unknown; contactPreference: string; contactDetails: string };
    };
    expect(seen.report).toMatchObject({
      reporter: null,
      contactPreference: 'phone',
      contactDetails: '+44 20 7946 0018',
    });
    const files = (await olgaApi.call('GET', `/api/reports/${report.id}/evidence`)) as {
      items: { fileName: string; byReporter: boolean }[];
    };
    expect(files.items.map((f) => [f.fileName, f.byReporter])).toEqual([['car-park.png', true]]);
    const comments = (await olgaApi.call('GET', `/api/reports/${report.id}/comments`)) as {
      items: { body: string; byReporter: boolean }[];
    };
    expect(comments.items.map((c) => [c.body, c.byReporter])).toEqual([
      [reply, false],
      [answer, true],
    ]);
  });

  it('an event admin finds reports in the queue and moves and assigns several at once', async () => {
    for (const [i, title] of ['Bulk: loud heckling', 'Bulk: slides with slurs'].entries()) {
      await ritaApi.call('POST', `/api/events/${a.id}/reports`, {
        idempotencyKey: `bulk-report-000000${i}`,
        title,
        description: 'Seen during the afternoon talks.',
        type: 'other',
      });
    }
    const olgaPage = await pageFor(olgaApi);
    await olgaPage.goto(`${server.url}/events/${a.id}/reports`);
    await heading(olgaPage, 'Reports').waitFor();
    await olgaPage.getByRole('searchbox', { name: 'Search reports' }).fill('Bulk');
    const list = olgaPage.getByRole('list', { name: 'Reports', exact: true });
    await olgaPage.getByText('2 reports match these filters.').waitFor();
    expect(await list.getByRole('listitem').count()).toBe(2);
    await olgaPage.getByRole('button', { name: 'Save these filters…' }).click();
    await olgaPage.getByRole('textbox', { name: 'Name for these filters' }).fill('Bulk ones');
    await olgaPage.getByRole('button', { name: 'Save', exact: true }).click();
    await olgaPage.getByText('Saved as “Bulk ones”.').waitFor();
    await olgaPage.getByRole('button', { name: 'Forget the saved filter “Bulk ones”' }).waitFor();

    await olgaPage.getByRole('checkbox', { name: 'Choose all on this page' }).check();
    const bar = olgaPage.getByRole('group', { name: 'Actions on the chosen reports' });
    await bar.getByText('2 reports chosen').waitFor();
    await expectAccessible(olgaPage, 'the queue with reports chosen');
    await bar.getByRole('button', { name: 'Change state…' }).click();
    const dialog = olgaPage.getByRole('dialog', { name: 'Change the state of 2 reports' });
    await dialog.getByRole('combobox', { name: 'New state' }).selectOption('acknowledged');
    await expectDialogAccessible(olgaPage, 'the bulk dialog');
    await dialog.getByRole('button', { name: 'Change state' }).click();
    await olgaPage.getByText('Moved to Acknowledged: 2 reports.').waitFor();
    await expect.poll(() => list.getByText('Acknowledged', { exact: true }).count()).toBe(2);

    await olgaPage.getByRole('checkbox', { name: 'Choose all on this page' }).check();
    await bar.getByRole('button', { name: 'Assign…', exact: true }).click();
    const assign = olgaPage.getByRole('dialog', { name: 'Assign 2 reports' });
    await assign.getByRole('combobox', { name: 'Person' }).selectOption({ label: ron.name });
    await assign.getByRole('button', { name: 'Assign', exact: true }).click();
    await olgaPage.getByText(`Assigned to ${ron.name}: 2 reports.`).waitFor();
    await expect
      .poll(() => list.getByText(`Assigned to ${ron.name}`, { exact: false }).count())
      .toBe(2);
    await expectAccessible(olgaPage, 'the queue after a change in bulk');
  });
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
