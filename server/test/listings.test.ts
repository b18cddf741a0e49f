import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { createTestApp, type TestContext } from './support/app.js';
import { roomyLimits } from './support/accounts.js';
import { addSession, cancelRsvp, rsvpOk, type SessionBody } from './support/attendance.js';
import { activeEvent } from './support/reports.js';
import {
  caller,
  event,
  member,
  organization,
  systemAdmin,
  uniqueSlug,
  type OrgFixture,
  type Signed,
} from './support/structure.js';

// The public listing of upcoming events, its regions, and the iCalendar feed of an event
// (docs/community-events.md, "Listings and calendars").

interface Listing {
  name: string;
  slug: string;
  startsOn: string;
  endsOn: string | null;
  timeZone: string;
  organization: { id: string; name: string };
  location: {
    id: string;
    name: string;
    address: string;
    region: { id: string; name: string } | null;
    archived: boolean;
  } | null;
  rsvpOpen: boolean;
  places: { attendee: number | null };
}

interface Page {
  items: Listing[];
  total: number;
  page: number;
  pageSize: number;
}

/** Today (plus `days`) in a time zone, as YYYY-MM-DD. */
function dayIn(timeZone: string, days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe('public listings and calendars', () => {
  let ctx: TestContext;
  let call: ReturnType<typeof caller>;
  let sys: Signed;

  beforeAll(async () => {
    ctx = await createTestApp(roomyLimits);
    call = caller(ctx);
    sys = await systemAdmin(ctx);
  });
  afterAll(() => ctx?.close());

  async function ok(
    cookie: string | null,
    method: 'POST' | 'PATCH' | 'PUT',
    url: string,
    body: object = {},
  ) {
    const res = await call(cookie, method, url, body);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json() as Record<string, { id: string; slug: string; name: string }>;
  }

  /** An event of `org` with these details, active unless told otherwise. */
  async function listed(
    org: OrgFixture,
    details: Record<string, unknown>,
    opts: { activate?: boolean; name?: string } = {},
  ) {
    const ev =
      opts.activate === false
        ? await event(ctx, org, opts.name ? { name: opts.name } : {})
        : await activeEvent(ctx, org);
    await ok(org.orgAdmin.cookie, 'PATCH', `/api/events/${ev.id}`, {
      ...(opts.name && opts.activate !== false ? { name: opts.name } : {}),
      ...details,
    });
    return ev;
  }

  const listing = async (query: string) => {
    const res = await call(null, 'GET', `/api/public/events?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Page;
  };
  const slugsOf = (page: Page) => page.items.map((e) => e.slug);
  /** The host that names this instance in UIDs. */
  const host = () => new URL(ctx.config.publicUrl).host;

  async function region(name: string) {
    return (await ok(sys.cookie, 'POST', '/api/regions', { name })).region!;
  }
  async function place(name: string, regionId: string | null, address = '') {
    return (await ok(sys.cookie, 'POST', '/api/locations', { name, address, regionId })).location!;
  }

  describe('GET /api/public/events', () => {
    it('lists active events that end today or later, soonest first, and nothing else', async () => {
      const org = await organization(ctx, sys);
      const tz = 'Europe/Berlin';
      const at = (from: number, to: number | null) => ({
        startsOn: dayIn(tz, from),
        endsOn: to === null ? null : dayIn(tz, to),
        timeZone: tz,
      });
      const later = await listed(org, at(10, 12));
      const ongoing = await listed(org, at(-3, 0)); // its last day is today
      const oneDay = await listed(org, at(0, null)); // today only
      const soon = await listed(org, at(2, 2));
      // Not listed: past, without dates, draft, archived, suspended, spam.
      await listed(org, at(-3, -1));
      await listed(org, at(-1, null));
      await listed(org, { timeZone: tz });
      await listed(org, at(5, 6), { activate: false });
      const archived = await listed(org, at(5, 6));
      await ok(org.orgAdmin.cookie, 'POST', `/api/events/${archived.id}/archive`);
      const suspended = await listed(org, at(5, 6));
      await ok(org.orgAdmin.cookie, 'POST', `/api/events/${suspended.id}/suspend`);
      const spam = await listed(org, at(5, 6));
      await ok(sys.cookie, 'POST', `/api/events/${spam.id}/flag-spam`);

      const page = await listing(`organizationId=${org.id}`);
      expect(slugsOf(page)).toEqual([ongoing.slug, oneDay.slug, soon.slug, later.slug]);
      expect(page.total).toBe(4);
      expect(page.items[0]).toEqual({
        name: expect.any(String),
        slug: ongoing.slug,
        startsOn: dayIn(tz, -3),
        endsOn: dayIn(tz, 0),
        timeZone: tz,
        organization: { id: org.id, name: `Org ${org.slug}` },
        location: null,
        rsvpOpen: false,
        places: { attendee: null },
      });

      // Signed in, the same: the listing is public.
      const signed = await call(
        org.orgAdmin.cookie,
        'GET',
        `/api/public/events?organizationId=${org.id}`,
      );
      expect(slugsOf(signed.json() as Page)).toEqual(slugsOf(page));
    });

    it('leaves out events waiting for approval', async () => {
      const strict = await organization(ctx, sys, {
        eventApproval: 'required',
        eventCreation: 'anyone',
      });
      const proposer = await member(ctx, 'Paula Proposer');
      const ev = await event(ctx, strict, {}, proposer.cookie);
      expect(ev.status).toBe('pending_approval');
      await ok(strict.orgAdmin.cookie, 'PATCH', `/api/events/${ev.id}`, {
        startsOn: dayIn('UTC', 3),
        timeZone: 'UTC',
      });
      expect((await listing(`organizationId=${strict.id}`)).total).toBe(0);
      await ok(sys.cookie, 'POST', `/api/events/${ev.id}/approve`);
      expect(slugsOf(await listing(`organizationId=${strict.id}`))).toEqual([ev.slug]);
    });

    it("decides whether an event has ended in the event's own time zone", async () => {
      const org = await organization(ctx, sys);
      // At any moment these two zones, 26 hours apart, are on different days. The last day in
      // the zone that is behind is today there, and already past in the one ahead.
      const behind = 'Etc/GMT+12';
      const ahead = 'Pacific/Kiritimati';
      const lastDay = dayIn(behind);
      expect(dayIn(ahead) > lastDay).toBe(true);
      const stillOn = await listed(org, { startsOn: lastDay, timeZone: behind });
      await listed(org, { startsOn: lastDay, timeZone: ahead });
      expect(slugsOf(await listing(`organizationId=${org.id}`))).toEqual([stillOn.slug]);
    });

    it('pages, searches by name and filters by organization', async () => {
      const org = await organization(ctx, sys);
      const other = await organization(ctx, sys);
      const marker = uniqueSlug('gala');
      const dates = (n: number) => ({ startsOn: dayIn('UTC', n), timeZone: 'UTC' });
      // Same first day: by name, then id.
      const a = await listed(org, dates(4), { name: `${marker} Alpha` });
      const b = await listed(org, dates(4), { name: `${marker} Beta` });
      const c = await listed(org, dates(7), { name: `${marker} Gamma` });
      const d = await listed(org, dates(9), { name: 'Unrelated meetup' });
      const elsewhere = await listed(other, dates(1), { name: `${marker} Elsewhere` });

      const first = await listing(`organizationId=${org.id}&pageSize=2`);
      expect(first).toMatchObject({ total: 4, page: 1, pageSize: 2 });
      expect(slugsOf(first)).toEqual([a.slug, b.slug]);
      const second = await listing(`organizationId=${org.id}&pageSize=2&page=2`);
      expect(slugsOf(second)).toEqual([c.slug, d.slug]);
      const beyond = await listing(`organizationId=${org.id}&pageSize=2&page=3`);
      expect(beyond).toMatchObject({ total: 4, items: [] });

      expect(slugsOf(await listing(`q=${marker}`))).toEqual([
        elsewhere.slug,
        a.slug,
        b.slug,
        c.slug,
      ]);
      expect(slugsOf(await listing(`q=${marker}&organizationId=${other.id}`))).toEqual([
        elsewhere.slug,
      ]);
      // An id that names nothing lists nothing; a bad page is a validation error.
      expect((await listing('organizationId=not-an-id')).total).toBe(0);
      expect((await call(null, 'GET', '/api/public/events?page=0')).statusCode).toBe(400);
    });
  });

  describe('regions', () => {
    it("filters by the region of the event's location and counts upcoming events per region", async () => {
      const org = await organization(ctx, sys);
      const north = await region(uniqueSlug('North'));
      const south = await region(uniqueSlug('South'));
      const hall = await place('Harbour Hall', north.id, 'Kai 1\n20457 Hamburg');
      const barn = await place('Barn', south.id);
      const nowhere = await place('Somewhere', null);
      const dates = (n: number) => ({ startsOn: dayIn('UTC', n), timeZone: 'UTC' });
      const one = await listed(org, { ...dates(2), locationId: hall.id });
      const two = await listed(org, { ...dates(3), locationId: hall.id });
      const three = await listed(org, { ...dates(1), locationId: barn.id });
      await listed(org, { ...dates(1), locationId: nowhere.id });
      // Past or not public: not counted.
      await listed(org, {
        startsOn: dayIn('UTC', -5),
        endsOn: dayIn('UTC', -4),
        timeZone: 'UTC',
        locationId: hall.id,
      });
      await listed(org, { ...dates(2), locationId: hall.id }, { activate: false });

      const northern = await listing(`regionId=${north.id}`);
      expect(slugsOf(northern)).toEqual([one.slug, two.slug]);
      expect(northern.items[0]!.location).toEqual({
        id: hall.id,
        name: 'Harbour Hall',
        address: 'Kai 1\n20457 Hamburg',
        region: { id: north.id, name: north.name },
        archived: false,
      });
      expect(slugsOf(await listing(`regionId=${south.id}&organizationId=${org.id}`))).toEqual([
        three.slug,
      ]);

      const res = await call(null, 'GET', '/api/public/regions');
      expect(res.statusCode, res.body).toBe(200);
      const regions = (res.json() as { items: { id: string; name: string; eventCount: number }[] })
        .items;
      expect(regions.find((r) => r.id === north.id)).toEqual({
        id: north.id,
        name: north.name,
        eventCount: 2,
      });
      expect(regions.find((r) => r.id === south.id)?.eventCount).toBe(1);
      const names = regions.map((r) => r.name.toLowerCase());
      expect(names).toEqual([...names].sort());
    });
  });

  describe('places left', () => {
    it('counts confirmed attendees against the capacity; null without a limit', async () => {
      const org = await organization(ctx, sys);
      const dates = { startsOn: dayIn('UTC', 6), timeZone: 'UTC', rsvpOpen: true };
      const limited = await listed(org, { ...dates, attendeeCapacity: 3, volunteerCapacity: 1 });
      const full = await listed(org, { ...dates, startsOn: dayIn('UTC', 7), attendeeCapacity: 1 });
      const open = await listed(org, { ...dates, startsOn: dayIn('UTC', 8) });
      const [ann, ben, cat, dan] = await Promise.all([
        member(ctx, 'Ann Attendee'),
        member(ctx, 'Ben Attendee'),
        member(ctx, 'Cat Volunteer'),
        member(ctx, 'Dan Waitlisted'),
      ]);
      await rsvpOk(ctx, ann!, limited.id);
      await rsvpOk(ctx, ben!, limited.id);
      await rsvpOk(ctx, cat!, limited.id, { kind: 'volunteer' });
      // A cancelled RSVP frees its place.
      const cancelled = await cancelRsvp(ctx, ben!, limited.id);
      expect(cancelled.statusCode, cancelled.body).toBe(200);
      await rsvpOk(ctx, ann!, full.id);
      const waiting = await rsvpOk(ctx, dan!, full.id);
      expect(waiting.rsvp.status).toBe('waitlisted'); // takes no place
      await rsvpOk(ctx, ann!, open.id);

      const page = await listing(`organizationId=${org.id}`);
      expect(page.items.map((e) => [e.slug, e.rsvpOpen, e.places.attendee])).toEqual([
        [limited.slug, true, 2],
        [full.slug, true, 0],
        [open.slug, true, null],
      ]);
    });
  });

  describe('GET /api/public/events/:slug/calendar.ics', () => {
    const feed = (slug: string) => call(null, 'GET', `/api/public/events/${slug}/calendar.ics`);
    const parse = (text: string) =>
      new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => {
        const e = new ICAL.Event(v);
        return {
          uid: e.uid,
          summary: e.summary,
          start: e.startDate,
          end: e.endDate,
          location: e.location,
          url: v.getFirstPropertyValue('url'),
          stamp: v.getFirstPropertyValue('dtstamp'),
        };
      });

    it('gives an event without sessions as one all-day entry, its end exclusive', async () => {
      const org = await organization(ctx, sys);
      const north = await region(uniqueSlug('Coast'));
      const hall = await place('Hall; "B", upstairs', north.id, 'Kai 1\n20457 Hamburg');
      const ev = await listed(org, {
        name: 'Rust, Nights; and "Days"',
        startsOn: '2031-06-05',
        endsOn: '2031-06-07',
        timeZone: 'Pacific/Auckland',
        locationId: hall.id,
      });
      const res = await feed(ev.slug);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      const [entry, ...rest] = parse(res.body);
      expect(rest).toEqual([]);
      expect(entry!.summary).toBe('Rust, Nights; and "Days"');
      // Floating dates: the same days wherever the calendar is.
      expect(entry!.start.isDate).toBe(true);
      expect(entry!.start.toString()).toBe('2031-06-05');
      expect(entry!.end.isDate).toBe(true);
      expect(entry!.end.toString()).toBe('2031-06-08');
      expect(entry!.location).toBe('Hall; "B", upstairs, Kai 1, 20457 Hamburg');
      expect(entry!.uid).toBe(`event-${ev.id}@${host()}`);
      expect(entry!.url).toBe(`${ctx.config.publicUrl}/e/${ev.slug}`);
      expect(entry!.stamp).toBeTruthy();
      // Stable: the same UID on the next poll.
      expect(parse((await feed(ev.slug)).body)[0]!.uid).toBe(entry!.uid);

      const page = await call(null, 'GET', `/api/public/events/${ev.slug}`);
      expect(page.json().event.calendarUrl).toBe(`/api/public/events/${ev.slug}/calendar.ics`);
    });

    it('gives a one-day event without an end date as that day', async () => {
      const org = await organization(ctx, sys);
      const ev = await listed(org, { startsOn: '2031-12-31', timeZone: 'UTC' });
      const [entry] = parse((await feed(ev.slug)).body);
      expect([entry!.start.toString(), entry!.end.toString()]).toEqual([
        '2031-12-31',
        '2032-01-01',
      ]);
      expect(entry!.location).toBeNull();
    });

    it('answers 404 for events that are not public and for unknown slugs', async () => {
      const org = await organization(ctx, sys);
      const dates = { startsOn: '2031-03-01', timeZone: 'UTC' };
      const draft = await listed(org, dates, { activate: false });
      const archived = await listed(org, dates);
      await ok(org.orgAdmin.cookie, 'POST', `/api/events/${archived.id}/archive`);
      const suspended = await listed(org, dates);
      await ok(org.orgAdmin.cookie, 'POST', `/api/events/${suspended.id}/suspend`);
      const spam = await listed(org, dates);
      await ok(sys.cookie, 'POST', `/api/events/${spam.id}/flag-spam`);
      for (const slug of [draft.slug, archived.slug, suspended.slug, spam.slug, 'no-such-event']) {
        const res = await feed(slug);
        expect(res.statusCode, slug).toBe(404);
        expect(res.json().error).toMatchObject({ code: 'not_found', message: 'No such event.' });
      }
      // Even for its own admin: the feed is public or nothing.
      const own = await call(
        org.orgAdmin.cookie,
        'GET',
        `/api/public/events/${draft.slug}/calendar.ics`,
      );
      expect(own.statusCode).toBe(404);
      // The preview of the page offers no feed.
      const preview = await call(org.orgAdmin.cookie, 'GET', `/api/public/events/${draft.slug}`);
      expect(preview.json().event).toMatchObject({ preview: true, calendarUrl: null });
    });

    it('answers 404 for a public event with neither dates nor sessions', async () => {
      const org = await organization(ctx, sys);
      const ev = await activeEvent(ctx, org);
      const res = await feed(ev.slug);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('not_found');
      expect(res.json().error.message).toMatch(/no dates and no sessions/);
      const page = await call(null, 'GET', `/api/public/events/${ev.slug}`);
      expect(page.json().event.calendarUrl).toBeNull();
    });

    it("gives one entry per session, in UTC, at the session's location or the event's", async () => {
      const org = await organization(ctx, sys);
      const coast = await region(uniqueSlug('Bay'));
      const venue = await place('Main Venue', coast.id, 'Long Road 5');
      const lab = await place('Lab', coast.id, 'Side Street 2');
      const ev = await listed(org, {
        name: 'Install Fest',
        startsOn: '2031-09-12',
        endsOn: '2031-09-13',
        timeZone: 'America/New_York',
        locationId: venue.id,
      });
      const session = (body: SessionBody) => addSession(ctx, org.orgAdmin.cookie, ev.id, body);
      // Created out of order: the feed lists them by start.
      const workshop = await session({
        name: 'Workshop, part 2',
        startsAt: '2031-09-13T14:00:00-04:00',
        endsAt: '2031-09-13T17:30:00-04:00',
        locationId: lab.id,
      });
      const setUp = await session({
        name: 'Set-up',
        startsAt: '2031-09-12T08:00:00-04:00',
        endsAt: '2031-09-12T09:00:00-04:00',
        volunteersOnly: true,
      });

      const res = await feed(ev.slug);
      expect(res.statusCode, res.body).toBe(200);
      const entries = parse(res.body);
      expect(
        entries.map((e) => ({
          uid: e.uid,
          summary: e.summary,
          start: e.start.toJSDate().toISOString(),
          end: e.end.toJSDate().toISOString(),
          utc: e.start.zone?.tzid,
          location: e.location,
        })),
      ).toEqual([
        {
          uid: `session-${setUp.id}@${host()}`,
          summary: 'Install Fest: Set-up',
          start: '2031-09-12T12:00:00.000Z',
          end: '2031-09-12T13:00:00.000Z',
          utc: 'UTC',
          location: 'Main Venue, Long Road 5',
        },
        {
          uid: `session-${workshop.id}@${host()}`,
          summary: 'Install Fest: Workshop, part 2',
          start: '2031-09-13T18:00:00.000Z',
          end: '2031-09-13T21:30:00.000Z',
          utc: 'UTC',
          location: 'Lab, Side Street 2',
        },
      ]);
      expect(entries.every((e) => e.url === `${ctx.config.publicUrl}/e/${ev.slug}`)).toBe(true);
      // Stable UIDs: a renamed session keeps its entry.
      await ok(org.orgAdmin.cookie, 'PATCH', `/api/events/${ev.id}/sessions/${workshop.id}`, {
        name: 'Workshop, part two',
      });
      const again = parse((await feed(ev.slug)).body);
      expect(again.map((e) => [e.uid, e.summary])).toEqual([
        [`session-${setUp.id}@${host()}`, 'Install Fest: Set-up'],
        [`session-${workshop.id}@${host()}`, 'Install Fest: Workshop, part two'],
      ]);
    });

    it('gives the sessions of an event without dates', async () => {
      const org = await organization(ctx, sys);
      const ev = await activeEvent(ctx, org);
      await addSession(ctx, org.orgAdmin.cookie, ev.id, {
        name: 'Only session',
        startsAt: '2031-01-01T10:00:00Z',
        endsAt: '2031-01-01T11:00:00Z',
      });
      const [entry] = parse((await feed(ev.slug)).body);
      expect(entry!.summary).toMatch(/: Only session$/);
      expect(entry!.location).toBeNull();
      const page = await call(null, 'GET', `/api/public/events/${ev.slug}`);
      expect(page.json().event.calendarUrl).toBe(`/api/public/events/${ev.slug}/calendar.ics`);
    });
  });

  it('documents the three routes in the OpenAPI document, the feed as text/calendar', async () => {
    const doc = (await call(null, 'GET', '/api/openapi.json')).json() as {
      paths: Record<string, Record<string, { responses: Record<string, { content: object }> }>>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/public/events',
        '/api/public/regions',
        '/api/public/events/{slug}/calendar.ics',
      ]),
    );
    const feed = doc.paths['/api/public/events/{slug}/calendar.ics']!.get!.responses['200']!;
    expect(Object.keys(feed.content)).toContain('text/calendar');
  });
});
