import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { rowsOf } from '../src/db/connection.js';
import { auditEntries, locationPrivateDetails } from '../src/db/schema/index.js';
import { locationPage } from '../src/modules/locations/repository.js';
import { createTestApp, type TestContext } from './support/app.js';
import { roomyLimits } from './support/accounts.js';
import { expectOneAudit } from './support/audit.js';
import {
  getLocation,
  holdEventAt,
  newLocation,
  newRegion,
  sessionAt,
  uniqueName,
  type LocationView,
  type RegionView,
} from './support/places.js';
import { activeEvent, addToTeam } from './support/reports.js';
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

// SPEC §4 "Regions and locations", the location rows: creating (anyone signed in), basic
// details (anyone while unused; then admins of published events held there, region leaders,
// system admins), private details (region leaders, system admins), archiving (whoever may edit
// an event held there, region leaders, system admins), deletion (only while unused); and events
// choosing only locations that are not archived.

const secret = {
  contactName: 'Vera Venue',
  contactEmail: 'vera.venue@example.org',
  contactPhone: '+44 20 7946 0991',
  notes: 'Side door code 4471',
};

describe('locations', () => {
  let ctx: TestContext;
  let call: ReturnType<typeof caller>;
  let sys: Signed;
  let org: OrgFixture;
  let regionLeader: Signed;
  let eventAdmin: Signed;
  let stranger: Signed;
  let region: RegionView;

  const locationOf = (res: { json(): unknown }) =>
    (res.json() as { location: LocationView }).location;
  const inRegion = { type: 'region', id: '' };
  const countAudit = async () =>
    (await ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(auditEntries))[0]!.n;
  /** An event of the organization held at `locationId`; active when `active`. */
  const eventAt = async (locationId: string, active: boolean) => {
    const ev = active ? await activeEvent(ctx, org) : await event(ctx, org);
    await holdEventAt(ctx, org, ev.id, locationId);
    return ev;
  };

  beforeAll(async () => {
    ctx = await createTestApp(roomyLimits);
    call = caller(ctx);
    sys = await systemAdmin(ctx);
    org = await organization(ctx, sys);
    regionLeader = await member(ctx, 'Rita Regionlead');
    eventAdmin = await member(ctx, 'Eve Eventadmin');
    stranger = await member(ctx, 'Sid Stranger');
    region = await newRegion(ctx, regionLeader.cookie);
    inRegion.id = region.id;
  });
  afterAll(() => ctx.close());

  it('anyone signed in creates a location, audited in its region or the system', async () => {
    const name = uniqueName('Town Hall');
    const { result: res, entry } = await expectOneAudit(
      ctx,
      () =>
        call(stranger.cookie, 'POST', '/api/locations', {
          name,
          address: '2 Market Square',
          regionId: region.id,
        }),
      { action: 'location.create', actorId: stranger.id, scope: inRegion },
    );
    expect(res.statusCode, res.body).toBe(201);
    const location = locationOf(res);
    expect(location).toMatchObject({
      name,
      address: '2 Market Square',
      region: { id: region.id, name: region.name },
      archived: false,
      eventCount: 0,
      privateDetails: null,
      events: [],
      can: { updateBasic: true, viewPrivate: false, archive: false, delete: true },
    });
    expect(entry).toMatchObject({
      targetType: 'location',
      targetId: location.id,
      after: { name, address: '2 Market Square', regionId: region.id },
    });

    const { result: loose } = await expectOneAudit(
      ctx,
      () => call(stranger.cookie, 'POST', '/api/locations', { name: uniqueName('Barn') }),
      { action: 'location.create', actorId: stranger.id, scope: { type: 'system' } },
    );
    expect(loose.statusCode, loose.body).toBe(201);
    expect(locationOf(loose)).toMatchObject({ region: null, address: '' });

    const noRegion = await call(stranger.cookie, 'POST', '/api/locations', {
      name: 'X',
      regionId: '00000000-0000-4000-8000-000000000000',
    });
    expect(noRegion.statusCode).toBe(400);
    expect(noRegion.json().error.details[0].field).toBe('body.regionId');
    const badRegion = await call(stranger.cookie, 'POST', '/api/locations', {
      name: 'X',
      regionId: 'north',
    });
    expect(badRegion.statusCode).toBe(400);
    expect(badRegion.json().error.details[0].field).toBe('body.regionId');
    expect((await call(stranger.cookie, 'POST', '/api/locations', { name: ' ' })).statusCode).toBe(
      400,
    );
    expect((await call(null, 'POST', '/api/locations', { name: 'Anon' })).statusCode).toBe(401);
  });

  it('anyone lists locations by name and region; archived ones only when asked', async () => {
    const tag = uniqueName('Riverside');
    const annex = await newLocation(ctx, stranger.cookie, {
      name: `${tag} Annex`,
      regionId: region.id,
    });
    const barn = await newLocation(ctx, stranger.cookie, { name: `${tag} barn` });
    const cellar = await newLocation(ctx, stranger.cookie, {
      name: `${tag} Cellar`,
      regionId: region.id,
    });
    const put = await call(
      regionLeader.cookie,
      'PUT',
      `/api/locations/${cellar.id}/private`,
      secret,
    );
    expect(put.statusCode, put.body).toBe(200);
    const archived = await call(regionLeader.cookie, 'POST', `/api/locations/${cellar.id}/archive`);
    expect(archived.statusCode, archived.body).toBe(200);
    // Only public events count: a draft or an event flagged as spam is nobody else's business.
    await eventAt(annex.id, false);
    const spam = await eventAt(annex.id, true);
    const flagged = await call(sys.cookie, 'POST', `/api/events/${spam.id}/flag-spam`);
    expect(flagged.statusCode, flagged.body).toBe(200);
    await eventAt(barn.id, true);

    const q = encodeURIComponent(tag.toLowerCase());
    const list = await call(null, 'GET', `/api/locations?q=${q}`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ total: 2, page: 1 });
    expect(list.json().items).toEqual([
      {
        id: annex.id,
        name: `${tag} Annex`,
        address: '1 Main Street',
        region: { id: region.id, name: region.name },
        archived: false,
        eventCount: 0,
      },
      {
        id: barn.id,
        name: `${tag} barn`,
        address: '1 Main Street',
        region: null,
        archived: false,
        eventCount: 1,
      },
    ]);
    const ids = async (query: string, cookie: string | null = null) => {
      const res = await call(cookie, 'GET', `/api/locations?q=${q}&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as { id: string }[]).map((l) => l.id);
    };
    expect(await ids(`regionId=${region.id}`)).toEqual([annex.id]);
    expect(await ids('archived=include')).toEqual([annex.id, barn.id, cellar.id]);
    expect(await ids('archived=only')).toEqual([cellar.id]);
    expect(await ids('pageSize=1&page=2')).toEqual([barn.id]);
    // Not even the region's leader finds private details in a list.
    const leaders = await call(regionLeader.cookie, 'GET', `/api/locations?q=${q}&archived=only`);
    expect(Object.keys(leaders.json().items[0]).sort()).toEqual(
      ['address', 'archived', 'eventCount', 'id', 'name', 'region'].sort(),
    );
    for (const value of Object.values(secret)) expect(leaders.body).not.toContain(value);
    expect((await call(null, 'GET', '/api/locations?regionId=north')).statusCode).toBe(400);
    expect((await call(null, 'GET', '/api/locations?archived=all')).statusCode).toBe(400);
  });

  it('private details: region leaders and system admins view and set them; nobody else', async () => {
    const location = await newLocation(ctx, stranger.cookie, { regionId: region.id });
    const ev = await eventAt(location.id, true);
    await addToTeam(ctx, org, ev.id, eventAdmin, 'event_admin');
    const url = `/api/locations/${location.id}/private`;

    const { result: res, entry } = await expectOneAudit(
      ctx,
      () => call(regionLeader.cookie, 'PUT', url, { ...secret, reason: 'New venue manager' }),
      {
        action: 'location.private.update',
        actorId: regionLeader.id,
        scope: inRegion,
        target: { type: 'location', id: location.id },
      },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(locationOf(res).privateDetails).toEqual(secret);
    // The entry says what changed, never the values.
    expect(entry.after).toEqual({
      changed: ['contactName', 'contactEmail', 'contactPhone', 'notes'],
    });
    for (const value of Object.values(secret)) expect(JSON.stringify(entry)).not.toContain(value);

    expect((await getLocation(ctx, regionLeader.cookie, location.id)).privateDetails).toEqual(
      secret,
    );
    const bySys = await getLocation(ctx, sys.cookie, location.id);
    expect(bySys.privateDetails).toEqual(secret);
    expect(bySys.can).toMatchObject({ viewPrivate: true, updatePrivate: true });
    for (const who of [null, stranger.cookie, org.orgAdmin.cookie, eventAdmin.cookie]) {
      const seen = await call(who, 'GET', `/api/locations/${location.id}`);
      expect(locationOf(seen)).toMatchObject({
        privateDetails: null,
        can: { viewPrivate: false, updatePrivate: false },
      });
      for (const value of Object.values(secret)) expect(seen.body).not.toContain(value);
    }
    // Nor through the event held there.
    const eventPage = await call(org.orgAdmin.cookie, 'GET', `/api/events/${ev.id}`);
    expect(eventPage.json().event.location).toMatchObject({ id: location.id });
    for (const value of Object.values(secret)) expect(eventPage.body).not.toContain(value);

    for (const who of [stranger, org.orgAdmin, eventAdmin]) {
      expect((await call(who.cookie, 'PUT', url, secret)).statusCode).toBe(403);
    }
    expect((await call(null, 'PUT', url, secret)).statusCode).toBe(401);

    // A change of one field names that field; the same values again write nothing.
    const { entry: one } = await expectOneAudit(
      ctx,
      () => call(sys.cookie, 'PUT', url, { ...secret, notes: 'Door code changed' }),
      { action: 'location.private.update', actorId: sys.id, scope: inRegion },
    );
    expect(one.after).toEqual({ changed: ['notes'] });
    expect(JSON.stringify(one)).not.toContain('Door code changed');
    const before = await countAudit();
    const same = await call(sys.cookie, 'PUT', url, { ...secret, notes: 'Door code changed' });
    expect(same.statusCode).toBe(200);
    expect(await countAudit()).toBe(before);

    const badEmail = await call(regionLeader.cookie, 'PUT', url, {
      ...secret,
      contactEmail: 'not an address',
    });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json().error.details[0].field).toBe('body.contactEmail');
    const blank = await call(regionLeader.cookie, 'PUT', url, { ...secret, contactEmail: '' });
    expect(locationOf(blank).privateDetails?.contactEmail).toBe('');

    // Without a region, only system admins: its leaders answer for it no more.
    const loose = await newLocation(ctx, regionLeader.cookie);
    const looseUrl = `/api/locations/${loose.id}/private`;
    expect((await call(regionLeader.cookie, 'PUT', looseUrl, secret)).statusCode).toBe(403);
    await expectOneAudit(ctx, () => call(sys.cookie, 'PUT', looseUrl, secret), {
      action: 'location.private.update',
      actorId: sys.id,
      scope: { type: 'system' },
    });
    // Deleting the location takes its details along, and its entry does not copy them.
    const { entry: gone } = await expectOneAudit(
      ctx,
      () => call(stranger.cookie, 'DELETE', `/api/locations/${loose.id}`),
      { action: 'location.delete', actorId: stranger.id, scope: { type: 'system' } },
    );
    for (const value of Object.values(secret)) expect(JSON.stringify(gone)).not.toContain(value);
    const left = await ctx.database.db
      .select()
      .from(locationPrivateDetails)
      .where(eq(locationPrivateDetails.locationId, loose.id));
    expect(left).toEqual([]);
  });

  it('basic details: anyone while unused; then admins of published events there, region leaders, system admins', async () => {
    const location = await newLocation(ctx, stranger.cookie, { regionId: region.id });
    const url = `/api/locations/${location.id}`;
    const { result: res, entry } = await expectOneAudit(
      ctx,
      () =>
        call(stranger.cookie, 'PATCH', url, {
          name: 'Renamed while unused',
          address: '3 Quay Road',
          reason: 'Typo',
        }),
      { action: 'location.update', actorId: stranger.id, scope: inRegion },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(entry).toMatchObject({
      before: { name: location.name, address: '1 Main Street' },
      after: { name: 'Renamed while unused', address: '3 Quay Road' },
      reason: 'Typo',
    });
    expect((await call(null, 'PATCH', url, { name: 'Anon' })).statusCode).toBe(401);

    // A draft event uses it: it is no longer anyone's, and a draft is not a published event.
    const ev = await eventAt(location.id, false);
    await addToTeam(ctx, org, ev.id, eventAdmin, 'event_admin');
    expect((await call(stranger.cookie, 'PATCH', url, { name: 'Taken over' })).statusCode).toBe(
      403,
    );
    expect((await call(eventAdmin.cookie, 'PATCH', url, { name: 'Too early' })).statusCode).toBe(
      403,
    );
    expect((await getLocation(ctx, stranger.cookie, location.id)).can.updateBasic).toBe(false);

    // Published: its admins, explicit or inherited, may.
    const activated = await call(org.orgAdmin.cookie, 'POST', `/api/events/${ev.id}/activate`, {});
    expect(activated.statusCode, activated.body).toBe(200);
    for (const [who, name] of [
      [eventAdmin, 'By the event admin'],
      [org.orgAdmin, 'By the org admin'],
      [regionLeader, 'By the region leader'],
      [sys, 'By the system admin'],
    ] as const) {
      const changed = await call(who.cookie, 'PATCH', url, { name });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(locationOf(changed).name).toBe(name);
    }
    expect((await call(stranger.cookie, 'PATCH', url, { name: 'Still not' })).statusCode).toBe(403);
    expect((await getLocation(ctx, eventAdmin.cookie, location.id)).can.updateBasic).toBe(true);

    // The same values again write nothing.
    const before = await countAudit();
    expect((await call(sys.cookie, 'PATCH', url, { name: 'By the system admin' })).statusCode).toBe(
      200,
    );
    expect(await countAudit()).toBe(before);
    expect(
      (
        await call(sys.cookie, 'PATCH', '/api/locations/00000000-0000-4000-8000-000000000000', {
          name: 'X',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await call(sys.cookie, 'PATCH', url, { regionId: '00000000-0000-4000-8000-000000000000' }))
        .statusCode,
    ).toBe(400);
  });

  it('a chapter leader edits a location their chapter’s published event uses for a session', async () => {
    const chapterLeader = await member(ctx, 'Carl Chapterlead');
    const chapter = await call(
      org.orgAdmin.cookie,
      'POST',
      `/api/organizations/${org.id}/chapters`,
      {
        name: 'Harbour chapter',
        slug: uniqueSlug('harbour'),
      },
    );
    expect(chapter.statusCode, chapter.body).toBe(201);
    const chapterId = chapter.json().chapter.id as string;
    const led = await call(org.orgAdmin.cookie, 'PUT', `/api/chapters/${chapterId}/leaders`, {
      email: chapterLeader.who.email,
    });
    expect(led.statusCode, led.body).toBe(200);
    const ev = await event(ctx, org, { chapterId });
    const activated = await call(org.orgAdmin.cookie, 'POST', `/api/events/${ev.id}/activate`, {});
    expect(activated.statusCode, activated.body).toBe(200);
    // Held elsewhere; one session here.
    const main = await newLocation(ctx, stranger.cookie);
    await holdEventAt(ctx, org, ev.id, main.id);
    const location = await newLocation(ctx, stranger.cookie, { regionId: region.id });
    await sessionAt(ctx, org, ev.id, location.id);

    const url = `/api/locations/${location.id}`;
    const page = await getLocation(ctx, chapterLeader.cookie, location.id);
    expect(page).toMatchObject({
      eventCount: 1,
      events: [{ id: ev.id, slug: ev.slug }],
      can: { updateBasic: true, archive: true, viewPrivate: false, delete: false },
    });
    const changed = await call(chapterLeader.cookie, 'PATCH', url, { address: '9 Harbour Row' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await call(stranger.cookie, 'PATCH', url, { address: 'Nope' })).statusCode).toBe(403);
    // An admin of another event has no say here.
    expect((await call(eventAdmin.cookie, 'PATCH', url, { address: 'Nope' })).statusCode).toBe(403);
  });

  it('a move to another region is filed under the region it leaves', async () => {
    const other = await newRegion(ctx, stranger.cookie);
    const location = await newLocation(ctx, stranger.cookie, { regionId: region.id });
    await eventAt(location.id, true);
    const url = `/api/locations/${location.id}`;
    const { entry } = await expectOneAudit(
      ctx,
      () => call(regionLeader.cookie, 'PATCH', url, { regionId: other.id }),
      { action: 'location.update', actorId: regionLeader.id, scope: inRegion },
    );
    expect(entry).toMatchObject({ before: { regionId: region.id }, after: { regionId: other.id } });
    // Now the other region's leader answers for it, and the first one no longer does.
    expect((await call(regionLeader.cookie, 'PATCH', url, { name: 'Back' })).statusCode).toBe(403);
    await expectOneAudit(ctx, () => call(stranger.cookie, 'PATCH', url, { regionId: null }), {
      action: 'location.update',
      actorId: stranger.id,
      scope: { type: 'region', id: other.id },
    });
    await expectOneAudit(ctx, () => call(sys.cookie, 'PATCH', url, { name: uniqueName('Loose') }), {
      action: 'location.update',
      actorId: sys.id,
      scope: { type: 'system' },
    }); // Refused attempts are filed in the same scope as the changes.
    const { result: refused } = await expectOneAudit(
      ctx,
      () => call(regionLeader.cookie, 'PATCH', url, { name: 'Mine' }),
      {
        action: 'location.update_basic',
        actorId: regionLeader.id,
        scope: { type: 'system' },
        outcome: 'denied',
        target: { type: 'location', id: location.id },
      },
    );
    expect(refused.statusCode).toBe(403);
  });

  it('a location with private details moves to another region only by its region’s leaders or a system admin', async () => {
    const withSecret = async (active: boolean | null) => {
      const location = await newLocation(ctx, regionLeader.cookie, { regionId: region.id });
      const put = await call(
        regionLeader.cookie,
        'PUT',
        `/api/locations/${location.id}/private`,
        secret,
      );
      expect(put.statusCode, put.body).toBe(200);
      if (active !== null) await eventAt(location.id, active);
      return `/api/locations/${location.id}`;
    };
    const refusal =
      "This location has private details: only its region's leaders or a system admin can move it to another region.";

    // A stranger who made a region of their own may edit the unused location, not take it there.
    const strangers = await newRegion(ctx, stranger.cookie);
    const unused = await withSecret(null);
    const { result: taken } = await expectOneAudit(
      ctx,
      () => call(stranger.cookie, 'PATCH', unused, { regionId: strangers.id, name: 'Mine' }),
      {
        action: 'location.private.update',
        actorId: stranger.id,
        scope: inRegion,
        outcome: 'denied',
      },
    );
    expect(taken.statusCode).toBe(403);
    expect(taken.json().error).toMatchObject({ code: 'forbidden', message: refusal });
    for (const value of Object.values(secret)) expect(taken.body).not.toContain(value);
    // Nothing changed, not even the name sent along.
    const kept = (await call(null, 'GET', unused)).json().location as LocationView;
    expect(kept.region?.id).toBe(region.id);
    expect(kept.name).not.toBe('Mine');
    expect((await call(stranger.cookie, 'PATCH', unused, { regionId: null })).statusCode).toBe(403);
    // Its other basic details stay theirs to edit.
    expect((await call(stranger.cookie, 'PATCH', unused, { name: 'Renamed' })).statusCode).toBe(
      200,
    );

    // An organization admin whose published event is held there, into a region they lead.
    const orgAdmins = await newRegion(ctx, org.orgAdmin.cookie);
    const used = await withSecret(true);
    const byOrgAdmin = await call(org.orgAdmin.cookie, 'PATCH', used, { regionId: orgAdmins.id });
    expect(byOrgAdmin.statusCode).toBe(403);
    expect(byOrgAdmin.json().error.message).toBe(refusal);
    for (const value of Object.values(secret)) expect(byOrgAdmin.body).not.toContain(value);
    expect(
      (await call(org.orgAdmin.cookie, 'PATCH', used, { address: '5 Dock Lane' })).statusCode,
    ).toBe(200);

    // The region's leader and a system admin may.
    const byLeader = await call(regionLeader.cookie, 'PATCH', unused, { regionId: strangers.id });
    expect(byLeader.statusCode, byLeader.body).toBe(200);
    expect(locationOf(byLeader).region?.id).toBe(strangers.id);
    const bySys = await call(sys.cookie, 'PATCH', used, { regionId: orgAdmins.id });
    expect(bySys.statusCode, bySys.body).toBe(200);
    expect(locationOf(bySys).region?.id).toBe(orgAdmins.id);

    // Blank private details are none: anyone who may edit basic details moves the location.
    const blanked = await withSecret(null);
    const blank = { contactName: '', contactEmail: '', contactPhone: '', notes: '' };
    expect((await call(regionLeader.cookie, 'PUT', `${blanked}/private`, blank)).statusCode).toBe(
      200,
    );
    const plain = await newLocation(ctx, regionLeader.cookie, { regionId: region.id });
    for (const url of [blanked, `/api/locations/${plain.id}`]) {
      const moved = await call(stranger.cookie, 'PATCH', url, { regionId: strangers.id });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(locationOf(moved).region?.id).toBe(strangers.id);
    }
  });

  it('archiving: whoever may edit an event held there, region leaders, system admins', async () => {
    const location = await newLocation(ctx, stranger.cookie, { regionId: region.id });
    const url = `/api/locations/${location.id}`;
    // Unused: nobody's event is held there, so only the region's leader and system admins.
    expect((await call(stranger.cookie, 'POST', `${url}/archive`)).statusCode).toBe(403);
    const ev = await eventAt(location.id, false);
    await addToTeam(ctx, org, ev.id, eventAdmin, 'event_admin');

    const { result: res, entry } = await expectOneAudit(
      ctx,
      () => call(eventAdmin.cookie, 'POST', `${url}/archive`, { reason: 'Venue closed' }),
      { action: 'location.archive', actorId: eventAdmin.id, scope: inRegion },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(locationOf(res).archived).toBe(true);
    expect(entry).toMatchObject({
      before: { archived: false },
      after: { archived: true },
      reason: 'Venue closed',
    });
    const again = await call(sys.cookie, 'POST', `${url}/archive`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('invalid_state');

    expect((await call(stranger.cookie, 'POST', `${url}/unarchive`)).statusCode).toBe(403);
    expect((await call(null, 'POST', `${url}/unarchive`)).statusCode).toBe(401);
    await expectOneAudit(ctx, () => call(regionLeader.cookie, 'POST', `${url}/unarchive`), {
      action: 'location.unarchive',
      actorId: regionLeader.id,
      scope: inRegion,
    });
    expect((await call(regionLeader.cookie, 'POST', `${url}/unarchive`)).statusCode).toBe(409);
    expect((await call(sys.cookie, 'POST', `${url}/archive`)).statusCode).toBe(200);
    expect((await call(org.orgAdmin.cookie, 'POST', `${url}/unarchive`)).statusCode).toBe(200);
  });

  it('anyone signed in deletes a location, only while no event or session uses it', async () => {
    const unused = await newLocation(ctx, stranger.cookie, { regionId: region.id });
    expect((await call(null, 'DELETE', `/api/locations/${unused.id}`)).statusCode).toBe(401);
    const { result: gone, entry } = await expectOneAudit(
      ctx,
      () => call(eventAdmin.cookie, 'DELETE', `/api/locations/${unused.id}`, { reason: 'Dup' }),
      { action: 'location.delete', actorId: eventAdmin.id, scope: inRegion },
    );
    expect(gone.statusCode, gone.body).toBe(204);
    expect(entry).toMatchObject({ before: { name: unused.name }, reason: 'Dup' });
    expect((await call(null, 'GET', `/api/locations/${unused.id}`)).statusCode).toBe(404);
    expect((await call(stranger.cookie, 'DELETE', `/api/locations/${unused.id}`)).statusCode).toBe(
      404,
    );

    const main = await newLocation(ctx, stranger.cookie);
    await eventAt(main.id, false);
    const viaSession = await newLocation(ctx, stranger.cookie);
    const ev = await event(ctx, org);
    const sessionId = await sessionAt(ctx, org, ev.id, viaSession.id);
    for (const location of [main, viaSession]) {
      expect((await getLocation(ctx, sys.cookie, location.id)).can.delete).toBe(false);
      for (const who of [stranger, sys]) {
        const refused = await call(who.cookie, 'DELETE', `/api/locations/${location.id}`);
        expect(refused.statusCode).toBe(409);
        expect(refused.json().error.code).toBe('in_use');
      }
    }
    const removed = await call(
      org.orgAdmin.cookie,
      'DELETE',
      `/api/events/${ev.id}/sessions/${sessionId}`,
    );
    expect(removed.statusCode, removed.body).toBe(204);
    expect(
      (await call(stranger.cookie, 'DELETE', `/api/locations/${viaSession.id}`)).statusCode,
    ).toBe(204);
  });

  it('a location shows and counts only the public events held there; can.delete says it is in use', async () => {
    const location = await newLocation(ctx, stranger.cookie);
    const published = await eventAt(location.id, true);
    // Held there and at a session there: one event.
    await sessionAt(ctx, org, published.id, location.id);
    const withSession = await activeEvent(ctx, org);
    await sessionAt(ctx, org, withSession.id, location.id);
    const q = encodeURIComponent(location.name);
    const listed = async () => {
      const res = await call(null, 'GET', `/api/locations?q=${q}`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as LocationView[]).map((l) => l.eventCount);
    };
    for (const who of [null, stranger.cookie, sys.cookie]) {
      const page = await getLocation(ctx, who, location.id);
      expect(page.eventCount).toBe(2);
      expect(page.events.map((e) => e.id).sort()).toEqual([published.id, withSession.id].sort());
    }
    expect(await listed()).toEqual([2]);

    // A draft, a spam event and a suspended one of any organization are told to nobody.
    const other = await organization(ctx, sys);
    const draft = await event(ctx, other);
    await holdEventAt(ctx, other, draft.id, location.id);
    const spam = await activeEvent(ctx, other);
    await sessionAt(ctx, other, spam.id, location.id);
    expect((await call(sys.cookie, 'POST', `/api/events/${spam.id}/flag-spam`)).statusCode).toBe(
      200,
    );
    const suspended = await activeEvent(ctx, other);
    await holdEventAt(ctx, other, suspended.id, location.id);
    const off = await call(other.orgAdmin.cookie, 'POST', `/api/events/${suspended.id}/suspend`, {
      reason: 'Under review',
    });
    expect(off.statusCode, off.body).toBe(200);
    const page = await getLocation(ctx, null, location.id);
    expect(page.eventCount).toBe(2);
    expect(page.events.map((e) => e.id).sort()).toEqual([published.id, withSession.id].sort());
    for (const id of [draft.id, spam.id, suspended.id]) {
      expect(JSON.stringify(page)).not.toContain(id);
    }
    expect(await listed()).toEqual([2]);

    // Used only by a draft: no events to show, and still not deletable, as can.delete says.
    const drafts = await newLocation(ctx, stranger.cookie);
    await holdEventAt(ctx, other, (await event(ctx, other)).id, drafts.id);
    const seen = await getLocation(ctx, stranger.cookie, drafts.id);
    expect(seen).toMatchObject({ eventCount: 0, events: [], can: { delete: false } });
    const refused = await call(stranger.cookie, 'DELETE', `/api/locations/${drafts.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('in_use');
    expect((await call(null, 'GET', '/api/locations/nope')).statusCode).toBe(404);
  });

  it('a page of locations counts public events through the location indexes, not a scan of every event', async () => {
    const location = await newLocation(ctx, stranger.cookie);
    const ev = await eventAt(location.id, true);
    await sessionAt(ctx, org, ev.id, location.id);
    const query = { q: location.name, archived: 'exclude', page: 1, pageSize: 20 } as const;
    // Told not to scan where an index serves, the planner shows which indexes the query can use.
    const plan = await ctx.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const rows = rowsOf<{ 'QUERY PLAN': string }>(
        await tx.execute(sql`explain ${locationPage(tx, query)}`),
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('events_location_idx');
    expect(plan).toContain('event_sessions_location_idx');
    expect(plan).not.toMatch(/Seq Scan on (events|event_sessions)\b/);
    // The same count through the API: the event once, though held there and at a session there.
    const res = await call(null, 'GET', `/api/locations?q=${encodeURIComponent(location.name)}`);
    expect((res.json().items as LocationView[]).map((l) => l.eventCount)).toEqual([1]);
  });

  it('events take only locations that are not archived, and keep one archived later', async () => {
    const kept = await newLocation(ctx, stranger.cookie, { name: uniqueName('Old Mill') });
    const closed = await newLocation(ctx, stranger.cookie, { name: uniqueName('Old Mill') });
    expect((await call(sys.cookie, 'POST', `/api/locations/${closed.id}/archive`)).statusCode).toBe(
      200,
    );
    const ev = await event(ctx, org);
    const url = `/api/events/${ev.id}`;
    for (const locationId of [closed.id, '00000000-0000-4000-8000-000000000000']) {
      const refused = await call(org.orgAdmin.cookie, 'PATCH', url, { locationId });
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().error.details[0].field).toBe('body.locationId');
    }
    const startsAt = new Date(Date.now() + 86_400_000);
    const session = await call(org.orgAdmin.cookie, 'POST', `${url}/sessions`, {
      name: 'Talk',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      locationId: closed.id,
    });
    expect(session.statusCode).toBe(400);

    await holdEventAt(ctx, org, ev.id, kept.id);
    expect((await call(sys.cookie, 'POST', `/api/locations/${kept.id}/archive`)).statusCode).toBe(
      200,
    );
    const renamed = await call(org.orgAdmin.cookie, 'PATCH', url, { name: 'Renamed event' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().event.location).toMatchObject({ id: kept.id, archived: true });
    const same = await call(org.orgAdmin.cookie, 'PATCH', url, {
      locationId: kept.id,
      description: 'Same place',
    });
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json().event.location).toMatchObject({ id: kept.id, archived: true });

    // The picker's list leaves both out unless asked.
    const q = encodeURIComponent(kept.name.split(' ').slice(0, 2).join(' '));
    const listed = async (archived: string) => {
      const res = await call(null, 'GET', `/api/locations?q=${q}${archived}&pageSize=100`);
      return (res.json().items as { id: string }[]).map((l) => l.id);
    };
    expect(await listed('')).not.toEqual(expect.arrayContaining([kept.id]));
    expect(await listed('')).not.toEqual(expect.arrayContaining([closed.id]));
    expect(await listed('&archived=include')).toEqual(expect.arrayContaining([kept.id, closed.id]));
    expect(await listed('&archived=only')).toEqual(expect.arrayContaining([kept.id, closed.id]));
  });
});
