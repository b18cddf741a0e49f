import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { auditEntries, roleAssignments } from '../src/db/schema/index.js';
import { createTestApp, type TestContext } from './support/app.js';
import { roomyLimits } from './support/accounts.js';
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

describe('chapters and organization logos', () => {
  let ctx: TestContext;
  let call: ReturnType<typeof caller>;
  let sys: Signed;
  let org: OrgFixture;
  let other: OrgFixture;
  let viewer: Signed;
  let leader: Signed;
  let stranger: Signed;

  const newChapter = async (cookie = org.orgAdmin.cookie, orgId = org.id) => {
    const res = await call(cookie, 'POST', `/api/organizations/${orgId}/chapters`, {
      name: 'Chapter',
      slug: uniqueSlug('ch'),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().chapter as { id: string; slug: string };
  };

  beforeAll(async () => {
    ctx = await createTestApp(roomyLimits);
    call = caller(ctx);
    sys = await systemAdmin(ctx);
    org = await organization(ctx, sys);
    other = await organization(ctx, sys);
    viewer = await member(ctx, 'Vic Viewer');
    leader = await member(ctx, 'Lena Leader', { twoFactor: true });
    stranger = await member(ctx, 'Sid Stranger');
    await ctx.database.db.insert(roleAssignments).values({
      userId: viewer.id,
      role: 'org_viewer',
      scopeType: 'organization',
      scopeId: org.id,
    });
  });
  afterAll(() => ctx.close());

  it('org_admins and system admins create chapters; viewers get 403, others 404', async () => {
    await newChapter();
    await newChapter(sys.cookie);
    const body = { name: 'X', slug: uniqueSlug('x') };
    const url = `/api/organizations/${org.id}/chapters`;
    expect((await call(viewer.cookie, 'POST', url, body)).statusCode).toBe(403);
    expect((await call(other.orgAdmin.cookie, 'POST', url, body)).statusCode).toBe(404);
    expect((await call(null, 'POST', url, body)).statusCode).toBe(401);
  });

  it('refuses a slug used by another chapter of the same organization', async () => {
    const first = await newChapter();
    const dup = await call(org.orgAdmin.cookie, 'POST', `/api/organizations/${org.id}/chapters`, {
      name: 'Again',
      slug: first.slug,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('slug_taken');
    // Another organization may use it.
    const elsewhere = await call(
      other.orgAdmin.cookie,
      'POST',
      `/api/organizations/${other.id}/chapters`,
      {
        name: 'Same slug',
        slug: first.slug,
      },
    );
    expect(elsewhere.statusCode).toBe(201);
  });

  it('leaders are added by email, update their chapter, and see only it', async () => {
    const chapter = await newChapter();
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const added = await call(org.orgAdmin.cookie, 'PUT', `/api/chapters/${chapter.id}/leaders`, {
      email: leader.who.email,
      expiresAt: until,
      reason: 'Runs the north',
    });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().chapter.leaders).toMatchObject([
      { userId: leader.id, canRemove: true, expiresAt: until },
    ]);
    const unknown = await call(org.orgAdmin.cookie, 'PUT', `/api/chapters/${chapter.id}/leaders`, {
      email: 'nobody@example.org',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].field).toBe('body.email');

    const renamed = await call(leader.cookie, 'PATCH', `/api/chapters/${chapter.id}`, {
      name: 'North',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().chapter).toMatchObject({
      name: 'North',
      can: { update: true, delete: false },
    });
    const listed = await call(leader.cookie, 'GET', `/api/organizations/${org.id}/chapters`);
    expect(listed.json().items.map((c: { id: string }) => c.id)).toEqual([chapter.id]);
    const all = await call(
      viewer.cookie,
      'GET',
      `/api/organizations/${org.id}/chapters?pageSize=100`,
    );
    expect(all.json().total).toBeGreaterThan(1);
    // The leader sees the organization's public details, not its settings page abilities.
    const orgPage = await call(leader.cookie, 'GET', `/api/organizations/${org.id}`);
    expect(orgPage.statusCode).toBe(200);
    expect(orgPage.json().organization.can).toMatchObject({
      update: false,
      createChapter: false,
      viewMembers: false,
    });

    // Who leads it beyond their name is for those who manage its leaders, as for a region.
    const viewed = await call(viewer.cookie, 'GET', `/api/chapters/${chapter.id}`);
    expect(viewed.json().chapter.leaders).toMatchObject([
      { userId: null, name: 'Lena Leader', image: null, canRemove: false },
    ]);
    expect(viewed.body).not.toContain(leader.id);
    const led = await call(leader.cookie, 'GET', `/api/chapters/${chapter.id}`);
    expect(led.json().chapter.leaders).toMatchObject([{ userId: leader.id, canRemove: true }]);

    const [entry] = await ctx.database.db
      .select()
      .from(auditEntries)
      .where(
        and(eq(auditEntries.action, 'chapter.leader.add'), eq(auditEntries.scopeId, chapter.id)),
      );
    expect(entry).toMatchObject({ targetId: leader.id, reason: 'Runs the north' });

    expect(
      (await call(viewer.cookie, 'PATCH', `/api/chapters/${chapter.id}`, { name: 'V' })).statusCode,
    ).toBe(403);
    expect((await call(stranger.cookie, 'GET', `/api/chapters/${chapter.id}`)).statusCode).toBe(
      404,
    );
    expect(
      (await call(other.orgAdmin.cookie, 'PATCH', `/api/chapters/${chapter.id}`, { name: 'O' }))
        .statusCode,
    ).toBe(404);
    expect((await call(null, 'GET', `/api/chapters/${chapter.id}`)).statusCode).toBe(401);

    const removed = await call(
      org.orgAdmin.cookie,
      'DELETE',
      `/api/chapters/${chapter.id}/leaders/${leader.id}`,
    );
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().chapter.leaders).toEqual([]);
    expect((await call(leader.cookie, 'GET', `/api/chapters/${chapter.id}`)).statusCode).toBe(404);
  });

  it('only a system admin deletes a chapter, and only while it has no events', async () => {
    const chapter = await newChapter();
    const ev = await event(ctx, org, { chapterId: chapter.id });
    expect(
      (await call(org.orgAdmin.cookie, 'DELETE', `/api/chapters/${chapter.id}`)).statusCode,
    ).toBe(403);
    const full = await call(sys.cookie, 'DELETE', `/api/chapters/${chapter.id}`);
    expect(full.statusCode).toBe(409);
    expect(full.json().error.code).toBe('not_empty');
    await call(org.orgAdmin.cookie, 'DELETE', `/api/events/${ev.id}`);
    const page = await call(sys.cookie, 'GET', `/api/chapters/${chapter.id}`);
    expect(page.json().chapter.can.delete).toBe(true);
    const gone = await call(sys.cookie, 'DELETE', `/api/chapters/${chapter.id}`, {
      reason: 'Merged',
    });
    expect(gone.statusCode, gone.body).toBe(204);
    expect((await call(sys.cookie, 'GET', `/api/chapters/${chapter.id}`)).statusCode).toBe(404);
  });

  it('an organization logo is checked, redrawn and public', async () => {
    const jpeg = await sharp({
      create: { width: 300, height: 900, channels: 3, background: { r: 200, g: 30, b: 30 } },
    })
      .jpeg()
      .toBuffer();
    const url = `/api/organizations/${org.id}/logo`;
    const put = await call(org.orgAdmin.cookie, 'PUT', url, jpeg, { 'content-type': 'image/jpeg' });
    expect(put.statusCode, put.body).toBe(200);
    const logoUrl = put.json().organization.logoUrl as string;
    const got = await call(null, 'GET', logoUrl);
    expect(got.headers['content-type']).toBe('image/png');
    const meta = await sharp(got.rawPayload).metadata();
    expect([meta.width, meta.height]).toEqual([171, 512]);
    const big = Buffer.alloc(2 * 1024 * 1024 + 1, 1);
    const tooBig = await call(org.orgAdmin.cookie, 'PUT', url, big, {
      'content-type': 'image/png',
    });
    expect(tooBig.statusCode).toBe(413);
    expect(
      (await call(viewer.cookie, 'PUT', url, jpeg, { 'content-type': 'image/jpeg' })).statusCode,
    ).toBe(403);
    const removed = await call(org.orgAdmin.cookie, 'DELETE', url);
    expect(removed.json().organization.logoUrl).toBeNull();
    expect((await call(null, 'GET', url)).statusCode).toBe(404);
  });
});
