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
const ann: Person = {
  name: 'Ann Avery',
  email: 'ann@example.org',
  password: 'tea on the back porch',
};
const ben: Person = {
  name: 'Ben Brook',
  email: 'ben@example.org',
  password: 'a ferry across the bay',
};
const vic: Person = {
  name: 'Vic Volunteer',
  email: 'vic@example.org',
  password: 'folding chairs in a row',
};

/** Anything shaped like an email address. */
const anyAddress = /[\w.+-]+@[\w-]+\.[\w.-]+/;

/** The link that cancels an RSVP, as its emails carry it. */
const cancelLinkIn = (server: RunningServer, text: string) => {
  const link = new RegExp(`${escape(server.url)}/rsvp/cancel#[^\\s"<>]+`).exec(text)?.[0];
  if (!link) throw new Error(`no cancellation link in:\n${text}`);
  return link;
};

/** A day a month from now, as a datetime-local field takes it. */
const inAMonth = new Date(Date.now() + 30 * 24 * 3600_000).toISOString().slice(0, 10);

/**
 * The steps that take several people through several pages each: more than the default minute
 * on a busy machine.
 */
const SLOW = 120_000;

/** What a phone page must be: nothing wider than the screen, nothing axe finds serious. */
async function expectGoodOnPhone(page: Page, label: string) {
  await expectNoSidewaysScroll(page, label);
  await expectAccessible(page, label);
}

// A community event in a browser, against the real server: an organizer opens RSVPs with one
// attendee place and a session; two people RSVP on phones (one gets the place, the other the
// waitlist); the first cancels from the emailed link while signed out, and the second moves up and
// is emailed; a volunteer made checkiner checks people in at the door on a phone, by name only;
// the organizer's list shows who is in, with addresses only of those who shared them.
describe('a community event in a browser: RSVPs, the waitlist, the emailed cancellation link and check-in', () => {
  let app: OpenApp;
  let server: RunningServer;
  let people: People;
  let operator: AdminClient;
  let olgaApi: MemberClient;
  let annApi: MemberClient;
  let benApi: MemberClient;
  let vicApi: MemberClient;
  let olgaPage: Page;
  let benPage: Page;
  let vicPage: Page;
  const event = { id: '', slug: 'harbour-picnic', name: 'Harbour Picnic' };
  const session = { id: '', name: 'Evening talks' };
  /** Ann's and Ben's RSVP confirmation emails, as they arrived. */
  const emailed = { ann: '', ben: '' };

  beforeAll(async () => {
    app = await openApp({ viewport: desktop });
    server = app.server;
    people = new People(app.context.browser()!);
    operator = await AdminClient.create(server, admin);
    olgaApi = await operator.member(olga, { twoFactor: true });
    annApi = await operator.member(ann);
    benApi = await operator.member(ben);
    vicApi = await operator.member(vic);
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
    // A change of roles rotates the session at its next request: let the API session take the
    // new cookie now, so the browser context copied from it later shares a live session.
    await olgaApi.call('GET', '/api/auth/session');
  });
  afterAll(async () => {
    await people?.close();
    for (const client of [olgaApi, annApi, benApi, vicApi]) await client?.close();
    await operator?.close();
    await app?.close();
    expect(people?.problems ?? [], 'page errors, console errors, failed requests').toEqual([]);
  });

  it('the organizer opens RSVPs with one attendee place and adds a session, on the event’s settings page', async () => {
    olgaPage = await people.page(olgaApi);
    await olgaPage.goto(`${server.url}/events/${event.id}/settings`);
    await heading(olgaPage, `Settings of ${event.name}`).waitFor();

    const logistics = olgaPage.getByRole('form', { name: 'Logistics' });
    await logistics.getByRole('textbox', { name: 'Attendee places' }).fill('1');
    const open = logistics.getByRole('switch', { name: 'RSVPs open' });
    // The switch's own input is hidden under its drawn track: from the keyboard.
    await open.focus();
    await olgaPage.keyboard.press('Space');
    expect(await open.isChecked()).toBe(true);
    await logistics.getByRole('button', { name: 'Save logistics' }).click();
    await logistics.getByText('Saved.').waitFor();

    await olgaPage.getByRole('button', { name: 'Add a session' }).click();
    const form = olgaPage.getByRole('form', { name: 'New session' });
    await form.getByRole('textbox', { name: 'Name' }).fill(session.name);
    await form.getByLabel('Starts').fill(`${inAMonth}T18:00`);
    await form.getByLabel('Ends').fill(`${inAMonth}T21:00`);
    await form.getByRole('button', { name: 'Add session' }).click();
    await olgaPage.getByRole('list', { name: 'Sessions' }).getByText(session.name).waitFor();

    const saved = (await olgaApi.call('GET', `/api/events/${event.id}`)) as {
      event: { attendeeCapacity: number | null; rsvpOpen: boolean };
    };
    expect(saved.event).toMatchObject({ attendeeCapacity: 1, rsvpOpen: true });
    const { sessions } = (await olgaApi.call('GET', `/api/events/${event.id}/sessions`)) as {
      sessions: { id: string; name: string }[];
    };
    expect(sessions.map((s) => s.name)).toEqual([session.name]);
    session.id = sessions[0]!.id;
  });

  it(
    'on phones, the first to RSVP gets the place and the second the waitlist; each is emailed a cancellation link; the organizer sees an address only where it was shared',
    async () => {
      // Ann takes the one place, choosing the session; she keeps her address to herself.
      const annPage = await people.page(annApi, phone, { touch: true });
      await annPage.goto(`${server.url}/e/${event.slug}`);
      await heading(annPage, event.name).waitFor();
      const annForm = annPage.getByRole('form', { name: 'RSVP' });
      await annForm.getByText('1 place left of 1').waitFor();
      await annForm.getByRole('checkbox', { name: session.name }).tap();
      expect(
        await annForm
          .getByRole('checkbox', { name: 'Let the organizers see my email address' })
          .isChecked(),
      ).toBe(false);
      await expectGoodOnPhone(annPage, 'the RSVP form on a phone');
      await annForm.getByRole('button', { name: 'RSVP as attendee' }).tap();
      await annPage.getByRole('status').getByText('Your RSVP is confirmed.').waitFor();
      await annPage.getByText('You are going as an attendee.').waitFor();
      await annPage.getByText('Your sessions').waitFor();
      await expectNoSidewaysScroll(annPage, 'a confirmed RSVP on a phone');

      // Ben comes second: the place is taken, he joins the waitlist, sharing his address.
      benPage = await people.page(benApi, phone, { touch: true });
      await benPage.goto(`${server.url}/e/${event.slug}`);
      await heading(benPage, event.name).waitFor();
      const benForm = benPage.getByRole('form', { name: 'RSVP' });
      await benForm.getByText('Full: new RSVPs join the waitlist').waitFor();
      await benForm.getByRole('checkbox', { name: session.name }).tap();
      await benForm
        .getByRole('checkbox', { name: 'Let the organizers see my email address' })
        .tap();
      await benForm.getByRole('button', { name: 'Join the waitlist' }).tap();
      await benPage.getByRole('status').getByText('You are on the waitlist, number 1.').waitFor();
      await benPage.getByText('Waitlist: number 1').waitFor();
      await expectGoodOnPhone(benPage, 'a waitlisted RSVP on a phone');

      // Vic volunteers (no limit on volunteers), for no session in particular.
      vicPage = await people.page(vicApi, phone, { touch: true });
      await vicPage.goto(`${server.url}/e/${event.slug}`);
      const vicForm = vicPage.getByRole('form', { name: 'RSVP' });
      await vicForm.getByRole('radio', { name: /^Volunteer/ }).tap();
      await vicForm.getByRole('button', { name: 'RSVP as volunteer' }).tap();
      await vicPage.getByRole('status').getByText('Your RSVP is confirmed.').waitFor();
      await vicPage.getByText('You are going as a volunteer.').waitFor();
      await expectNoSidewaysScroll(vicPage, 'a volunteer’s RSVP on a phone');

      // The emails: a place for Ann, the waitlist for Ben, each with a link of its own.
      const annMail = await operator.emailOf(ann.email, 'rsvp.confirmed');
      expect(annMail.subject).toBe(`Your place at ${event.name} is confirmed`);
      const benMail = await operator.emailOf(ben.email, 'rsvp.waitlisted');
      expect(benMail.subject).toBe(`You are on the waitlist for ${event.name}`);
      expect(benMail.text).toContain('at position 1');
      emailed.ann = cancelLinkIn(server, annMail.text);
      emailed.ben = cancelLinkIn(server, benMail.text);
      expect(emailed.ann).not.toBe(emailed.ben);

      // The organizer's list: Ben's address (shared), never Ann's (not shared).
      await olgaPage.goto(`${server.url}/events/${event.id}/attendees`);
      await heading(olgaPage, `Attendees: ${event.name}`).waitFor();
      const list = olgaPage.getByRole('list', { name: 'Attendees' });
      const annRow = list.getByRole('listitem').filter({ hasText: ann.name });
      const benRow = list.getByRole('listitem').filter({ hasText: ben.name });
      await annRow.getByText('Confirmed', { exact: true }).waitFor();
      await annRow.getByText('Email not shared').waitFor();
      await benRow.getByText('Waitlisted · #1').waitFor();
      await benRow.getByText(ben.email).waitFor();
      const text = (await olgaPage.locator('body').textContent()) ?? '';
      expect(text).not.toContain(ann.email);
      expect(text).not.toContain(vic.email);
    },
    SLOW,
  );

  it(
    'signed out, Ann cancels from the emailed link; Ben moves up, is emailed his own link, and My RSVPs says he is confirmed',
    async () => {
      const visitor = await people.page(null, phone, { touch: true });
      await visitor.goto(emailed.ann);
      await heading(visitor, 'Cancel your RSVP').waitFor();
      await visitor.getByText('you have a place.', { exact: false }).waitFor();
      // The token leaves the address bar at once.
      expect(new URL(visitor.url()).hash).toBe('');
      await expectGoodOnPhone(visitor, 'the cancellation link on a phone');
      await visitor.getByRole('button', { name: 'Cancel my RSVP' }).tap();
      await heading(visitor, 'RSVP cancelled').waitFor();
      await visitor.getByText(`Your RSVP to ${event.name} is cancelled.`).waitFor();
      await expectNoSidewaysScroll(visitor, 'a cancelled RSVP on a phone');

      const promoted = await operator.emailOf(ben.email, 'rsvp.promoted');
      expect(promoted.subject).toBe(`A place opened up: you are confirmed for ${event.name}`);
      const benLink = cancelLinkIn(server, promoted.text);
      expect(benLink).toBe(emailed.ben);
      expect(benLink).not.toBe(emailed.ann);

      await benPage.goto(`${server.url}/rsvps`);
      await heading(benPage, 'My RSVPs').waitFor();
      // One row: the list's own items (each row holds a list of its sessions).
      const mine = benPage.getByRole('list', { name: 'Your RSVPs' }).locator(':scope > li');
      await mine.getByRole('link', { name: event.name }).waitFor();
      await mine.getByText('Confirmed', { exact: true }).waitFor();
      await mine.getByText('You are going as an attendee.').waitFor();
      expect(await mine.count()).toBe(1);
      await expectGoodOnPhone(benPage, 'My RSVPs on a phone');
    },
    SLOW,
  );

  it(
    'the organizer makes the volunteer a checkiner, who checks Ben in at the door on a phone, undoes it and checks him in again, seeing names only',
    async () => {
      await olgaPage.reload();
      const list = olgaPage.getByRole('list', { name: 'Attendees' });
      await list.getByRole('listitem').filter({ hasText: vic.name }).waitFor();
      await list.getByRole('button', { name: `Make ${vic.name} a checkiner` }).click();
      const dialog = olgaPage.getByRole('dialog', { name: `Make ${vic.name} a checkiner?` });
      await expectDialogAccessible(olgaPage, 'making someone a checkiner');
      await dialog.getByRole('button', { name: 'Make checkiner' }).click();
      await dialog.waitFor({ state: 'detached' });
      await list
        .getByRole('listitem')
        .filter({ hasText: vic.name })
        .getByText('Checkiner', { exact: true })
        .waitFor();

      // The volunteer at the door: the event's check-in, then the session's.
      await vicPage.goto(`${server.url}/events/${event.id}/check-in`);
      await heading(vicPage, `Check-in: ${event.name}`).waitFor();
      await expectNoSidewaysScroll(vicPage, 'the check-in overview on a phone');
      await vicPage.getByRole('link', { name: session.name }).tap();
      await vicPage.waitForURL(`${server.url}/events/${event.id}/check-in/${session.id}`);
      await heading(vicPage, session.name).waitFor();
      await vicPage.getByText('0 of 1 checked in').waitFor();

      // Ann cancelled: she is not at the door. Ben is.
      const search = vicPage.getByRole('searchbox', { name: 'Find a name' });
      await search.fill('Ann');
      await vicPage.getByText('Nobody matches “Ann”.').waitFor();
      await search.fill('Ben');
      const row = vicPage.getByRole('list', { name: 'People' }).getByRole('button', {
        name: ben.name,
      });
      await row.waitFor();
      expect(await row.getAttribute('aria-pressed')).toBe('false');
      await expectGoodOnPhone(vicPage, 'the door page on a phone');

      await row.tap();
      await vicPage.getByRole('status').getByText(`${ben.name} checked in.`).waitFor();
      await vicPage.getByText('1 of 1 checked in').waitFor();
      await expect.poll(() => row.getAttribute('aria-pressed')).toBe('true');

      await vicPage.getByRole('button', { name: `Undo: check-in of ${ben.name}` }).tap();
      await vicPage.getByText('0 of 1 checked in').waitFor();
      await expect.poll(() => row.getAttribute('aria-pressed')).toBe('false');

      await row.tap();
      await vicPage.getByText('1 of 1 checked in').waitFor();
      await expect.poll(() => row.getAttribute('aria-pressed')).toBe('true');
      await expectNoSidewaysScroll(vicPage, 'the door page after a check-in on a phone');

      // Names only: no address anywhere in the page, Ben's included.
      const text = (await vicPage.locator('body').textContent()) ?? '';
      expect(text).not.toContain(ben.email);
      expect(text).not.toMatch(anyAddress);
      // The server still has him checked in after the page's polling.
      const door = (await olgaApi.call(
        'GET',
        `/api/events/${event.id}/checkin/people?sessionId=${session.id}`,
      )) as { counts: { expected: number; checkedIn: number } };
      expect(door.counts).toEqual({ expected: 1, checkedIn: 1 });
    },
    SLOW,
  );

  it('the organizer’s list shows Ben confirmed and checked in, with the address he shared, and no address of those who did not', async () => {
    await olgaPage.reload();
    const list = olgaPage.getByRole('list', { name: 'Attendees' });
    const benRow = list.getByRole('listitem').filter({ hasText: ben.name });
    await benRow.getByText('Confirmed', { exact: true }).waitFor();
    await benRow.getByText('Checked in', { exact: true }).waitFor();
    await benRow.getByText(`Sessions: ${session.name} (checked in)`).waitFor();
    await benRow.getByText(ben.email).waitFor();
    const vicRow = list.getByRole('listitem').filter({ hasText: vic.name });
    await vicRow.getByText('Email not shared').waitFor();
    // Ann cancelled: she is off the list, and her address was never on it.
    expect(await list.getByRole('listitem').filter({ hasText: ann.name }).count()).toBe(0);
    const text = (await olgaPage.locator('body').textContent()) ?? '';
    expect(text).not.toContain(ann.email);
    expect(text).not.toContain(vic.email);
    await expectAccessible(olgaPage, 'the attendee list');
  });
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
