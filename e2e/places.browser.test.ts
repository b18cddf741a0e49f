import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { AdminClient, type MemberClient, type Person } from './support/accounts.js';
import { desktop, expectAccessible, openApp, phone, type OpenApp } from './support/browser.js';
import { expectNoSidewaysScroll, heading, People } from './support/pages.js';
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

// Long names and a long address, as people type them: what a narrow screen must wrap.
const region = {
  id: '',
  name: 'Greater Harbour, the Northern Islands and the Estuary Villages',
  description:
    'Venues around the harbour, the ferry islands and the villages along the estuary. Ask a leader before booking a venue for more than a hundred people: https://example.org/harbour-venues-booking-guidelines-for-organizers',
};
const hall = {
  id: '',
  name: 'Harbourside Community Hall and Workshop Rooms (first floor, step-free)',
  address: 'Kaiserin-Augusta-Allee 101-103, Hinterhof, Aufgang C\n10553 Berlin-Moabit',
};
const boathouse = { id: '', name: 'Old Boathouse' };
const event = { id: '', slug: 'harbour-meetup', name: 'Harbour Meetup' };

/** A day a month from now, at an hour in UTC. */
const inAMonth = (hour: number) => {
  const day = new Date(Date.now() + 30 * 24 * 3600_000);
  day.setUTCHours(hour, 0, 0, 0);
  return day.toISOString();
};

/**
 * Text painted in the color of its own background. axe counts it as "incomplete" (it might be
 * meant to be hidden), not as a violation, so the accessibility check alone lets it through:
 * Mantine's light badges in a shade (color="blue.9") drew their labels so.
 */
async function expectNoInvisibleText(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
  const invisible = results.incomplete.flatMap((rule) =>
    rule.nodes
      .filter((n) =>
        n.any.some((check) => (check.data as { messageKey?: string })?.messageKey === 'equalRatio'),
      )
      .map((n) => n.target.join(' ')),
  );
  expect(invisible, `text the color of its background on ${label}`).toEqual([]);
}

/**
 * What a page must be on a phone: nothing wider than the screen, nothing axe finds serious and,
 * where it shows badges, no text the color of its background.
 */
async function expectGoodOnPhone(page: Page, label: string, opts: { badges?: boolean } = {}) {
  await expectNoSidewaysScroll(page, label);
  await expectAccessible(page, label);
  if (opts.badges) await expectNoInvisibleText(page, label);
}

// The pages of regions and locations, and an event's logistics and sessions, on a 360 px phone:
// a region leader with a region, a location with private details and one archived, and an event
// held at the first with sessions of each kind. Everything is set up through the API; the test
// only looks.
describe('regions, locations and event logistics on a phone', () => {
  let app: OpenApp;
  let server: RunningServer;
  let people: People;
  let operator: AdminClient;
  let olgaApi: MemberClient;
  let page: Page;

  beforeAll(async () => {
    app = await openApp({ viewport: desktop });
    server = app.server;
    people = new People(app.context.browser()!);
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

    // Olga creates the region, so she leads it and sees its locations' private details.
    const made = (await olgaApi.call('POST', '/api/regions', {
      name: region.name,
      description: region.description,
    })) as { region: { id: string } };
    region.id = made.region.id;
    const place = async (body: object) =>
      ((await olgaApi.call('POST', '/api/locations', body)) as { location: { id: string } })
        .location.id;
    hall.id = await place({ name: hall.name, address: hall.address, regionId: region.id });
    boathouse.id = await place({ name: boathouse.name, regionId: region.id });
    const privately = await olgaApi.api.fetch(`/api/locations/${hall.id}/private`, {
      method: 'PUT',
      data: {
        contactName: 'Hannelore Hausmeister-Schmidt',
        contactEmail: 'facilities.and.bookings@harbourside-community-hall.example.org',
        contactPhone: '+49 30 1234567-890',
        notes: 'Keys at the kiosk on the corner.\nThe side door sticks: lift it while pushing.',
      },
    });
    expect(privately.status()).toBe(200);
    await olgaApi.call('POST', `/api/locations/${boathouse.id}/archive`, {});

    const created = (await olgaApi.call('POST', `/api/organizations/${organization.id}/events`, {
      name: event.name,
      slug: event.slug,
    })) as { event: { id: string } };
    event.id = created.event.id;
    await olgaApi.call('PATCH', `/api/events/${event.id}`, {
      locationId: hall.id,
      attendeeCapacity: 40,
      volunteerCapacity: 5,
      rsvpOpen: true,
    });
    const session = (body: object) =>
      olgaApi.call('POST', `/api/events/${event.id}/sessions`, body);
    await session({
      name: 'Welcome and a long introduction to everything happening this weekend',
      startsAt: inAMonth(8),
      endsAt: inAMonth(9),
      requiredForAttendees: true,
    });
    await session({
      name: 'Setting up chairs',
      startsAt: inAMonth(6),
      endsAt: inAMonth(7),
      volunteersOnly: true,
      locationId: hall.id,
    });
    await olgaApi.call('POST', `/api/events/${event.id}/activate`, {});
    // A change of roles rotates the session at its next request: let the API session take the
    // new cookie now, so the browser context copied from it shares a live session.
    await olgaApi.call('GET', '/api/auth/session');
    page = await people.page(olgaApi, phone);
  });
  afterAll(async () => {
    await people?.close();
    await olgaApi?.close();
    await operator?.close();
    await app?.close();
    expect(people?.problems ?? [], 'page errors, console errors, failed requests').toEqual([]);
  });

  it('the regions list and a region, with its leader and locations', async () => {
    await page.goto(`${server.url}/regions`);
    await heading(page, 'Regions').waitFor();
    await page.getByRole('link', { name: region.name }).waitFor();
    await expectGoodOnPhone(page, 'the regions list on a phone');

    await page.getByRole('link', { name: region.name }).click();
    await heading(page, region.name).waitFor();
    const locations = page.getByRole('region', { name: 'Locations' });
    await locations.getByRole('link', { name: hall.name }).waitFor();
    await locations.getByText('Archived', { exact: true }).waitFor();
    await page.getByRole('region', { name: 'Leaders' }).getByText(olga.name).waitFor();
    await expectGoodOnPhone(page, 'a region on a phone', { badges: true });
  });

  it('a location, with its private details and its events, and an archived one', async () => {
    await page.goto(`${server.url}/locations/${hall.id}`);
    await heading(page, hall.name).waitFor();
    // Her region's leader may change the private details: they are in their fields.
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Contact name' }).inputValue())
      .toBe('Hannelore Hausmeister-Schmidt');
    await page
      .getByRole('region', { name: 'Events held here' })
      .getByRole('link', { name: event.name })
      .waitFor();
    await expectGoodOnPhone(page, 'a location on a phone');

    // The same page archived differs by its badge (and buttons): that much is checked.
    await page.goto(`${server.url}/locations/${boathouse.id}`);
    await heading(page, boathouse.name).waitFor();
    await page.getByText('Archived', { exact: true }).first().waitFor();
    await expectNoSidewaysScroll(page, 'an archived location on a phone');
    await expectNoInvisibleText(page, 'an archived location on a phone');
  });

  it('the event settings’ logistics and sessions', async () => {
    await page.goto(`${server.url}/events/${event.id}/settings`);
    await heading(page, `Settings of ${event.name}`).waitFor();
    const logistics = page.getByRole('form', { name: 'Logistics' });
    await logistics.getByRole('textbox', { name: 'Attendee places' }).waitFor();
    const sessions = page.getByRole('list', { name: 'Sessions' });
    await sessions.getByText('Every attendee').waitFor();
    await sessions.getByText('Volunteers only').waitFor();
    await expectGoodOnPhone(page, 'the event settings on a phone', { badges: true });

    // The session form open, as an organizer adds one: its fields fit.
    await page.getByRole('button', { name: 'Add a session' }).click();
    await page.getByRole('form', { name: 'New session' }).waitFor();
    await expectNoSidewaysScroll(page, 'a new session’s form on a phone');
  });
});
