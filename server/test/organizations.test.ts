import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEntries, invitations, roleAssignments } from '../src/db/schema/index.js';
import { createTestApp, type TestContext } from './support/app.js';
import { emailedToken, roomyLimits } from './support/accounts.js';
import { outboxMessages } from './support/outbox.js';
import {
  caller,
  member,
  organization,
  systemAdmin,
  uniqueSlug,
  type OrgFixture,
  type Signed,
} from './support/structure.js';

describe('organizations', () => {
  let ctx: TestContext;
  let call: ReturnType<typeof caller>;
  let sys: Signed;
  let org: OrgFixture;
  let other: OrgFixture;
  let viewer: Signed;
  let stranger: Signed;

  beforeAll(async () => {
    ctx = await createTestApp(roomyLimits);
    call = caller(ctx);
    sys = await systemAdmin(ctx);
    org = await organization(ctx, sys);
    other = await organization(ctx, sys);
    viewer = await member(ctx, 'Vera Viewer');
    stranger = await member(ctx, 'Stan Stranger');
    await ctx.database.db.insert(roleAssignments).values({
      userId: viewer.id,
      role: 'org_viewer',
      scopeType: 'organization',
      scopeId: org.id,
    });
  });
  afterAll(() => ctx.close());

  describe('creation by a system admin', () => {
    it('creates the organization, invites the first org_admin by email and audits both', async () => {
      const slug = uniqueSlug('acme');
      const invitee = await member(ctx, 'Ivy Invitee', { twoFactor: true });
      const res = await call(sys.cookie, 'POST', '/api/organizations', {
        name: 'Acme Conf',
        slug,
        firstAdminEmail: invitee.who.email,
        message: 'Welcome aboard',
      });
      expect(res.statusCode, res.body).toBe(201);
      const created = res.json().organization;
      expect(created).toMatchObject({ name: 'Acme Conf', slug, myRoles: [] });
      expect(created.adminInvitation).toMatchObject({
        email: invitee.who.email,
        role: 'org_admin',
      });
      expect(created.settings.eventCreation).toMatchObject({ value: 'admins', default: 'admins' });
      expect(created.settings.eventCreation.explanation).toMatch(/Who may create events/);

      const mail = (await outboxMessages(ctx.database.db, invitee.who.email)).at(-1)!;
      expect(mail.subject).toContain('Acme Conf');
      expect(mail.textBody).toContain('Welcome aboard');
      const [stored] = await ctx.database.db
        .select()
        .from(invitations)
        .where(eq(invitations.scopeId, created.id));
      const token = await emailedToken(ctx, invitee.who.email, 'invitations');
      expect(stored!.tokenHash).not.toContain(token);
      expect(token.length).toBeGreaterThanOrEqual(43);

      const audit = await ctx.database.db
        .select()
        .from(auditEntries)
        .where(eq(auditEntries.scopeId, created.id));
      expect(audit.map((a) => a.action).sort()).toEqual([
        'invitation.create',
        'system.organization.create',
      ]);

      // The invitee accepts and becomes org_admin; the invitation cannot be used twice.
      const accepted = await call(invitee.cookie, 'POST', '/api/invitations/accept', { token });
      expect(accepted.statusCode, accepted.body).toBe(200);
      expect(accepted.json().next).toBe(`/orgs/${created.id}`);
      const again = await call(invitee.cookie, 'POST', '/api/invitations/accept', { token });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('invitation_used');
      const page = await call(invitee.cookie, 'GET', `/api/organizations/${created.id}`);
      expect(page.json().organization.myRoles).toEqual(['org_admin']);
      expect(page.json().organization.can).toMatchObject({ update: true, inviteFirstAdmin: false });
    });

    it('refuses a slug already taken with 409 slug_taken at the field', async () => {
      const res = await call(sys.cookie, 'POST', '/api/organizations', {
        name: 'Copy',
        slug: org.slug,
        firstAdminEmail: 'x@example.org',
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({
        code: 'slug_taken',
        details: [{ field: 'body.slug' }],
      });
    });

    it('validates the slug and the email', async () => {
      const res = await call(sys.cookie, 'POST', '/api/organizations', {
        name: 'Bad',
        slug: 'Not A Slug!',
        firstAdminEmail: 'nope',
      });
      expect(res.statusCode).toBe(400);
      const fields = res.json().error.details.map((d: { field: string }) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['body.slug', 'body.firstAdminEmail']));
    });

    it('answers 401 signed out and 403 to anyone else', async () => {
      const body = { name: 'X', slug: uniqueSlug('x'), firstAdminEmail: 'x@example.org' };
      expect((await call(null, 'POST', '/api/organizations', body)).statusCode).toBe(401);
      expect((await call(org.orgAdmin.cookie, 'POST', '/api/organizations', body)).statusCode).toBe(
        403,
      );
    });
  });

  describe('an invitation', () => {
    it('says which of expired, revoked or used it is, and only the invited account accepts', async () => {
      const invitee = await member(ctx, 'Rita Reinvite');
      const res = await call(sys.cookie, 'POST', '/api/organizations', {
        name: 'Reinvite Org',
        slug: uniqueSlug('re'),
        firstAdminEmail: invitee.who.email,
      });
      const id = res.json().organization.id;
      const first = await emailedToken(ctx, invitee.who.email, 'invitations');
      // Someone else signed in cannot take it.
      const wrong = await call(stranger.cookie, 'POST', '/api/invitations/accept', {
        token: first,
      });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json().error.code).toBe('invitation_wrong_account');
      // Inviting again replaces the first link.
      const again = await call(sys.cookie, 'POST', `/api/organizations/${id}/admin-invitation`, {
        email: invitee.who.email,
      });
      expect(again.statusCode, again.body).toBe(200);
      const revoked = await call(invitee.cookie, 'POST', '/api/invitations/accept', {
        token: first,
      });
      expect(revoked.json().error.code).toBe('invitation_revoked');
      const lookup = await call(null, 'POST', '/api/invitations/lookup', { token: first });
      expect(lookup.json().invitation).toMatchObject({
        status: 'revoked',
        role: 'org_admin',
        scope: { type: 'organization', name: 'Reinvite Org' },
        accountExists: true,
      });
      const second = await emailedToken(ctx, invitee.who.email, 'invitations');
      await ctx.database.db
        .update(invitations)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(and(eq(invitations.scopeId, id), eq(invitations.email, invitee.who.email)));
      const expired = await call(invitee.cookie, 'POST', '/api/invitations/accept', {
        token: second,
      });
      expect(expired.json().error.code).toBe('invitation_expired');
      const unknown = await call(null, 'POST', '/api/invitations/lookup', {
        token: 'x'.repeat(43),
      });
      expect(unknown.statusCode).toBe(404);
      const signedOut = await call(null, 'POST', '/api/invitations/accept', { token: second });
      expect(signedOut.statusCode).toBe(401);
    });

    it('is re-sent only while the organization has no admin, and only by a system admin', async () => {
      const res = await call(sys.cookie, 'POST', `/api/organizations/${org.id}/admin-invitation`, {
        email: 'late@example.org',
      });
      expect(res.statusCode).toBe(409);
      const byAdmin = await call(
        org.orgAdmin.cookie,
        'POST',
        `/api/organizations/${org.id}/admin-invitation`,
        { email: 'late@example.org' },
      );
      expect(byAdmin.statusCode).toBe(403);
    });
  });

  describe('viewing', () => {
    it('lists all organizations to a system admin and only their own to others', async () => {
      const all = await call(sys.cookie, 'GET', '/api/organizations?pageSize=100');
      const allIds = all.json().items.map((o: { id: string }) => o.id);
      expect(allIds).toEqual(expect.arrayContaining([org.id, other.id]));
      const mine = await call(org.orgAdmin.cookie, 'GET', '/api/organizations');
      expect(mine.json().items.map((o: { id: string }) => o.id)).toEqual([org.id]);
      const seen = await call(viewer.cookie, 'GET', '/api/organizations');
      expect(seen.json().items).toMatchObject([{ id: org.id, myRoles: ['org_viewer'] }]);
      const none = await call(stranger.cookie, 'GET', '/api/organizations');
      expect(none.json()).toMatchObject({ items: [], total: 0 });
      const searched = await call(sys.cookie, 'GET', `/api/organizations?q=${org.slug}`);
      expect(searched.json().items.map((o: { id: string }) => o.id)).toEqual([org.id]);
    });

    it('shows an organization to its admins, viewers and system admins; 404 to others', async () => {
      for (const who of [sys, org.orgAdmin, viewer]) {
        const res = await call(who.cookie, 'GET', `/api/organizations/${org.id}`);
        expect(res.statusCode, res.body).toBe(200);
      }
      expect((await call(stranger.cookie, 'GET', `/api/organizations/${org.id}`)).statusCode).toBe(
        404,
      );
      expect(
        (await call(other.orgAdmin.cookie, 'GET', `/api/organizations/${org.id}`)).statusCode,
      ).toBe(404);
      expect((await call(null, 'GET', `/api/organizations/${org.id}`)).statusCode).toBe(401);
      expect((await call(sys.cookie, 'GET', '/api/organizations/not-an-id')).statusCode).toBe(404);
      const viewerPage = await call(viewer.cookie, 'GET', `/api/organizations/${org.id}`);
      expect(viewerPage.json().organization.can).toMatchObject({
        update: false,
        createEvent: false,
      });
    });

    it('lists members (names and roles) to admins and viewers, not to others', async () => {
      const res = await call(viewer.cookie, 'GET', `/api/organizations/${org.id}/members`);
      expect(res.statusCode, res.body).toBe(200);
      const roles = res.json().items.map((m: { name: string; role: string }) => m.role);
      expect(roles).toEqual(['org_admin', 'org_viewer']);
      expect(JSON.stringify(res.json())).not.toContain('@example.org');
      expect(
        (await call(stranger.cookie, 'GET', `/api/organizations/${org.id}/members`)).statusCode,
      ).toBe(404);
      expect((await call(null, 'GET', `/api/organizations/${org.id}/members`)).statusCode).toBe(
        401,
      );
    });
  });

  describe('settings', () => {
    it('lets the org_admin change details and policy settings, audited old → new', async () => {
      const res = await call(org.orgAdmin.cookie, 'PATCH', `/api/organizations/${org.id}`, {
        description: 'We run meetups.',
        website: 'https://example.org',
        settings: { eventCreation: 'anyone', leadersSeeIncidents: false },
        reason: 'Open up',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().organization).toMatchObject({
        description: 'We run meetups.',
        website: 'https://example.org',
        settings: { eventCreation: { value: 'anyone' }, leadersSeeIncidents: { value: false } },
      });
      const [entry] = await ctx.database.db
        .select()
        .from(auditEntries)
        .where(
          and(eq(auditEntries.action, 'organization.update'), eq(auditEntries.scopeId, org.id)),
        );
      expect(entry).toMatchObject({
        actorId: org.orgAdmin.id,
        before: {
          eventCreation: 'admins',
          leadersSeeIncidents: true,
          description: '',
          website: null,
        },
        after: { eventCreation: 'anyone', leadersSeeIncidents: false },
        reason: 'Open up',
      });
      await call(org.orgAdmin.cookie, 'PATCH', `/api/organizations/${org.id}`, {
        settings: { eventCreation: 'admins', leadersSeeIncidents: true },
      });
    });

    it('answers 403 to a viewer or system admin, 404 to another organization, 401 signed out', async () => {
      const body = { name: 'Renamed' };
      expect(
        (await call(viewer.cookie, 'PATCH', `/api/organizations/${org.id}`, body)).statusCode,
      ).toBe(403);
      expect(
        (await call(sys.cookie, 'PATCH', `/api/organizations/${org.id}`, body)).statusCode,
      ).toBe(403);
      expect(
        (await call(other.orgAdmin.cookie, 'PATCH', `/api/organizations/${org.id}`, body))
          .statusCode,
      ).toBe(404);
      expect((await call(null, 'PATCH', `/api/organizations/${org.id}`, body)).statusCode).toBe(
        401,
      );
    });

    it('refuses a bad setting value and a taken slug', async () => {
      const bad = await call(org.orgAdmin.cookie, 'PATCH', `/api/organizations/${org.id}`, {
        settings: { eventCreation: 'everyone' },
      });
      expect(bad.statusCode).toBe(400);
      const taken = await call(org.orgAdmin.cookie, 'PATCH', `/api/organizations/${org.id}`, {
        slug: other.slug,
      });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().error.code).toBe('slug_taken');
    });
  });
});
