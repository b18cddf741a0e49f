import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { auditEntries, roleAssignments } from '../src/db/schema/index.js';
import { createTestApp, type TestContext } from './support/app.js';
import { roomyLimits } from './support/accounts.js';
import { expectOneAudit } from './support/audit.js';
import { newLocation, newRegion, uniqueName, type RegionView } from './support/places.js';
import { caller, member, systemAdmin, type Signed } from './support/structure.js';

// SPEC §4 "Regions and locations", the region rows: creating (anyone signed in, who becomes its
// region_leader), updating and managing leaders (region_leader, system_admin), deleting (anyone
// signed in, only while empty); leaders added by email with expiry and reason, audited.

describe('regions', () => {
  let ctx: TestContext;
  let call: ReturnType<typeof caller>;
  let sys: Signed;
  let leader: Signed;
  let helper: Signed;
  let stranger: Signed;

  const regionOf = (res: { json(): unknown }) => (res.json() as { region: RegionView }).region;
  const inRegion = (id: string) => ({ type: 'region', id });

  beforeAll(async () => {
    ctx = await createTestApp(roomyLimits);
    call = caller(ctx);
    sys = await systemAdmin(ctx);
    leader = await member(ctx, 'Rita Regionlead');
    helper = await member(ctx, 'Hugo Helper');
    stranger = await member(ctx, 'Sid Stranger');
  });
  afterAll(() => ctx.close());

  it('anyone signed in creates a region and becomes its leader; signed out gets 401', async () => {
    const name = uniqueName('North Coast');
    // The creation is its own region's first entry (the id is known only after).
    const res = await call(leader.cookie, 'POST', '/api/regions', {
      name,
      description: 'Towns along the coast',
      reason: 'We run meetups there',
    });
    expect(res.statusCode, res.body).toBe(201);
    const region = regionOf(res);
    expect(region).toMatchObject({
      name,
      description: 'Towns along the coast',
      locationCount: 0,
      leaders: [{ userId: leader.id, expiresAt: null, canRemove: true }],
      can: { update: true, manageLeaders: true, delete: true },
    });
    const entries = await ctx.database.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.scopeId, region.id));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'region.create',
      actorId: leader.id,
      scopeType: 'region',
      targetId: region.id,
      after: { name, leaders: [leader.id] },
      reason: 'We run meetups there',
    });
    const [assignment] = await ctx.database.db
      .select()
      .from(roleAssignments)
      .where(and(eq(roleAssignments.scopeType, 'region'), eq(roleAssignments.scopeId, region.id)));
    expect(assignment).toMatchObject({ userId: leader.id, role: 'region_leader' });

    expect((await call(null, 'POST', '/api/regions', { name: 'X' })).statusCode).toBe(401);
    const blank = await call(leader.cookie, 'POST', '/api/regions', { name: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.details[0].field).toBe('body.name');
  });

  it('anyone lists regions by name, case-insensitively, a page at a time', async () => {
    const tag = uniqueName('Lakes');
    const a = await newRegion(ctx, leader.cookie, { name: `${tag} Alpha` });
    const b = await newRegion(ctx, stranger.cookie, { name: `${tag} beta` });
    await newLocation(ctx, stranger.cookie, { regionId: a.id });
    await newLocation(ctx, stranger.cookie, { regionId: a.id });

    const all = await call(null, 'GET', `/api/regions?q=${encodeURIComponent(tag.toUpperCase())}`);
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toMatchObject({
      total: 2,
      items: [
        { id: a.id, name: `${tag} Alpha`, locationCount: 2 },
        { id: b.id, name: `${tag} beta`, locationCount: 0 },
      ],
    });
    const second = await call(
      null,
      'GET',
      `/api/regions?q=${encodeURIComponent(tag)}&pageSize=1&page=2`,
    );
    expect(second.json()).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ id: b.id }] });
    // Characters of LIKE patterns typed in the box match themselves.
    const percent = await call(null, 'GET', '/api/regions?q=%25');
    expect(percent.json().total).toBe(0);
    expect((await call(null, 'GET', '/api/regions?pageSize=500')).statusCode).toBe(400);
  });

  it('anyone reads a region with its leaders; what they may do depends on who they are', async () => {
    const region = await newRegion(ctx, leader.cookie);
    const url = `/api/regions/${region.id}`;
    const anonymous = await call(null, 'GET', url);
    expect(anonymous.statusCode, anonymous.body).toBe(200);
    expect(regionOf(anonymous)).toMatchObject({
      leaders: [{ userId: null, name: 'Rita Regionlead', canRemove: false }],
      can: { update: false, manageLeaders: false, delete: false },
    });
    expect(regionOf(await call(stranger.cookie, 'GET', url)).can).toEqual({
      update: false,
      manageLeaders: false,
      delete: true,
    });
    expect(regionOf(await call(sys.cookie, 'GET', url)).can).toEqual({
      update: true,
      manageLeaders: true,
      delete: true,
    });
    expect(
      (await call(null, 'GET', '/api/regions/00000000-0000-4000-8000-000000000000')).statusCode,
    ).toBe(404);
    expect((await call(null, 'GET', '/api/regions/not-a-uuid')).statusCode).toBe(404);
  });

  it('who leads a region beyond their name is only for those who manage its leaders', async () => {
    const region = await newRegion(ctx, leader.cookie);
    const added = await call(leader.cookie, 'POST', `/api/regions/${region.id}/leaders`, {
      email: helper.who.email,
    });
    expect(added.statusCode, added.body).toBe(200);
    // A picture's address names the account: it goes with the id.
    const png = await sharp({
      create: { width: 8, height: 8, channels: 3, background: { r: 20, g: 90, b: 160 } },
    })
      .png()
      .toBuffer();
    const picture = await call(helper.cookie, 'PUT', '/api/account/avatar', png, {
      'content-type': 'image/png',
    });
    expect(picture.statusCode, picture.body).toBe(204);
    const url = `/api/regions/${region.id}`;
    for (const who of [null, stranger.cookie]) {
      const res = await call(who, 'GET', url);
      expect(res.statusCode, res.body).toBe(200);
      const leaders = regionOf(res).leaders;
      expect(leaders.map((l) => l.name).sort()).toEqual(['Hugo Helper', 'Rita Regionlead']);
      for (const l of leaders) {
        expect(l).toMatchObject({ userId: null, image: null, canRemove: false });
      }
      expect(res.body).not.toContain(leader.id);
      expect(res.body).not.toContain(helper.id);
    }
    for (const who of [leader, helper, sys]) {
      const leaders = regionOf(await call(who.cookie, 'GET', url)).leaders;
      expect(leaders.map((l) => l.userId).sort()).toEqual([leader.id, helper.id].sort());
      expect(leaders.find((l) => l.userId === helper.id)?.image).toContain(helper.id);
      for (const l of leaders) expect(l.canRemove).toBe(true);
    }
  });

  it('its leaders and system admins update a region, audited old → new; others get 403', async () => {
    const region = await newRegion(ctx, leader.cookie, { name: 'Old name' });
    const url = `/api/regions/${region.id}`;
    const { result: res, entry } = await expectOneAudit(
      ctx,
      () => call(leader.cookie, 'PATCH', url, { name: 'New name', reason: 'Renamed by vote' }),
      { action: 'region.update', actorId: leader.id, scope: inRegion(region.id) },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(regionOf(res).name).toBe('New name');
    expect(entry).toMatchObject({
      before: { name: 'Old name' },
      after: { name: 'New name' },
      reason: 'Renamed by vote',
    });
    const bySys = await call(sys.cookie, 'PATCH', url, { description: 'Set by the operator' });
    expect(bySys.statusCode, bySys.body).toBe(200);
    expect(regionOf(bySys).description).toBe('Set by the operator');

    // Nothing changed: nothing written.
    const before = await ctx.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEntries);
    expect((await call(leader.cookie, 'PATCH', url, { name: 'New name' })).statusCode).toBe(200);
    const after = await ctx.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEntries);
    expect(after[0]!.n).toBe(before[0]!.n);

    const { result: refused } = await expectOneAudit(
      ctx,
      () => call(stranger.cookie, 'PATCH', url, { name: 'Mine now' }),
      {
        action: 'region.update',
        actorId: stranger.id,
        scope: inRegion(region.id),
        outcome: 'denied',
      },
    );
    expect(refused.statusCode).toBe(403);
    expect((await call(null, 'PATCH', url, { name: 'Anon' })).statusCode).toBe(401);
    expect(
      (
        await call(leader.cookie, 'PATCH', '/api/regions/00000000-0000-4000-8000-000000000000', {
          name: 'X',
        })
      ).statusCode,
    ).toBe(404);
    expect(regionOf(await call(null, 'GET', url)).name).toBe('New name');
  });

  it('leaders are added by email with an expiry and a reason, and removed, audited', async () => {
    const region = await newRegion(ctx, leader.cookie);
    const url = `/api/regions/${region.id}/leaders`;
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const { result: added, entry } = await expectOneAudit(
      ctx,
      () =>
        call(leader.cookie, 'POST', url, {
          email: helper.who.email.toUpperCase(),
          expiresAt: until,
          reason: 'Covers the summer',
        }),
      {
        action: 'region.leader.add',
        actorId: leader.id,
        scope: inRegion(region.id),
        target: { type: 'user', id: helper.id },
      },
    );
    expect(added.statusCode, added.body).toBe(200);
    expect(regionOf(added).leaders).toEqual(
      expect.arrayContaining([expect.objectContaining({ userId: helper.id, expiresAt: until })]),
    );
    expect(entry).toMatchObject({
      before: null,
      after: { role: 'region_leader', expiresAt: until },
      reason: 'Covers the summer',
    });
    // The new leader may change the region at once.
    const renamed = await call(helper.cookie, 'PATCH', `/api/regions/${region.id}`, {
      description: 'Helper was here',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);

    // Renewed without expiry: old → new.
    const { entry: renewed } = await expectOneAudit(
      ctx,
      () => call(sys.cookie, 'POST', url, { email: helper.who.email }),
      { action: 'region.leader.add', actorId: sys.id, scope: inRegion(region.id) },
    );
    expect(renewed).toMatchObject({
      before: { expiresAt: until },
      after: { expiresAt: null },
    });

    const past = await call(leader.cookie, 'POST', url, {
      email: stranger.who.email,
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details[0].field).toBe('body.expiresAt');
    const unknown = await call(leader.cookie, 'POST', url, { email: 'nobody@example.org' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].field).toBe('body.email');
    expect(
      (await call(stranger.cookie, 'POST', url, { email: stranger.who.email })).statusCode,
    ).toBe(403);
    expect((await call(null, 'POST', url, { email: stranger.who.email })).statusCode).toBe(401);

    const { result: removed, entry: removal } = await expectOneAudit(
      ctx,
      () => call(leader.cookie, 'DELETE', `${url}/${helper.id}`, { reason: 'Summer is over' }),
      {
        action: 'region.leader.remove',
        actorId: leader.id,
        scope: inRegion(region.id),
        target: { type: 'user', id: helper.id },
      },
    );
    expect(removed.statusCode, removed.body).toBe(200);
    expect(regionOf(removed).leaders.map((l) => l.userId)).toEqual([leader.id]);
    expect(removal).toMatchObject({
      before: { role: 'region_leader' },
      after: null,
      reason: 'Summer is over',
    });
    expect((await call(leader.cookie, 'DELETE', `${url}/${helper.id}`)).statusCode).toBe(404);
    expect((await call(stranger.cookie, 'DELETE', `${url}/${leader.id}`)).statusCode).toBe(403);
    expect((await call(null, 'DELETE', `${url}/${leader.id}`)).statusCode).toBe(401);
    // Removed: no longer a leader.
    expect(
      (await call(helper.cookie, 'PATCH', `/api/regions/${region.id}`, { name: 'Nope' }))
        .statusCode,
    ).toBe(403);
  });

  it('an expired leader stops counting at the expiry instant', async () => {
    const region = await newRegion(ctx, leader.cookie);
    const added = await call(leader.cookie, 'POST', `/api/regions/${region.id}/leaders`, {
      email: helper.who.email,
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(added.statusCode, added.body).toBe(200);
    const url = `/api/regions/${region.id}`;
    expect((await call(helper.cookie, 'PATCH', url, { name: 'Still mine' })).statusCode).toBe(200);
    // The expiry instant is now (the database clock): no grace period.
    await ctx.database.db
      .update(roleAssignments)
      .set({ expiresAt: sql`now()` })
      .where(
        and(
          eq(roleAssignments.userId, helper.id),
          eq(roleAssignments.scopeType, 'region'),
          eq(roleAssignments.scopeId, region.id),
        ),
      );
    const refused = await call(helper.cookie, 'PATCH', url, { name: 'Not any more' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/expired/);
    const page = regionOf(await call(helper.cookie, 'GET', url));
    expect(page.leaders.map((l) => l.name)).toEqual(['Rita Regionlead']);
    expect(page.can.update).toBe(false);
  });

  it('anyone signed in deletes a region, only while it has no locations (409 not_empty)', async () => {
    const region = await newRegion(ctx, leader.cookie);
    const url = `/api/regions/${region.id}`;
    const location = await newLocation(ctx, leader.cookie, { regionId: region.id });
    const full = await call(stranger.cookie, 'DELETE', url);
    expect(full.statusCode).toBe(409);
    expect(full.json().error.code).toBe('not_empty');
    expect(regionOf(await call(stranger.cookie, 'GET', url)).can.delete).toBe(false);
    expect((await call(null, 'DELETE', url)).statusCode).toBe(401);

    const moved = await call(leader.cookie, 'PATCH', `/api/locations/${location.id}`, {
      regionId: null,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const { result: gone, entry } = await expectOneAudit(
      ctx,
      () => call(stranger.cookie, 'DELETE', url, { reason: 'Nobody uses it' }),
      { action: 'region.delete', actorId: stranger.id, scope: inRegion(region.id) },
    );
    expect(gone.statusCode, gone.body).toBe(204);
    expect(entry).toMatchObject({
      before: { name: region.name, leaders: [leader.id] },
      reason: 'Nobody uses it',
    });
    expect((await call(null, 'GET', url)).statusCode).toBe(404);
    expect((await call(stranger.cookie, 'DELETE', url)).statusCode).toBe(404);
    // Its leaders' assignments went with it.
    const left = await ctx.database.db
      .select()
      .from(roleAssignments)
      .where(and(eq(roleAssignments.scopeType, 'region'), eq(roleAssignments.scopeId, region.id)));
    expect(left).toEqual([]);
  });

  it('the OpenAPI document describes regions and locations, private details apart', async () => {
    const doc = (await call(null, 'GET', '/api/openapi.json')).json() as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/regions',
        '/api/regions/{regionId}/leaders/{userId}',
        '/api/locations/{locationId}/private',
        '/api/locations/{locationId}/unarchive',
      ]),
    );
    const schemas = doc.components.schemas;
    expect(Object.keys(schemas.Region?.properties ?? {})).toContain('leaders');
    expect(Object.keys(schemas.Leader?.properties ?? {})).toContain('expiresAt');
    expect(Object.keys(schemas.Location?.properties ?? {})).toContain('privateDetails');
    expect(Object.keys(schemas.LocationSummary?.properties ?? {})).not.toContain('privateDetails');
  });

  it('region changes are filed in the region’s own audit scope', async () => {
    const region = await newRegion(ctx, helper.cookie);
    await call(helper.cookie, 'PATCH', `/api/regions/${region.id}`, { name: uniqueName('Moors') });
    await call(helper.cookie, 'POST', `/api/regions/${region.id}/leaders`, {
      email: stranger.who.email,
    });
    const entries = await ctx.database.db
      .select({ action: auditEntries.action, scopeType: auditEntries.scopeType })
      .from(auditEntries)
      .where(and(eq(auditEntries.scopeId, region.id), eq(auditEntries.outcome, 'success')))
      .orderBy(asc(auditEntries.occurredAt), asc(auditEntries.action));
    expect(entries).toEqual([
      { action: 'region.create', scopeType: 'region' },
      { action: 'region.update', scopeType: 'region' },
      { action: 'region.leader.add', scopeType: 'region' },
    ]);
  });
});
