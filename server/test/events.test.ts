import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { auditEntries, roleAssignments } from '../src/db/schema/index.js';
import { createTestApp, type TestContext } from './support/app.js';
import { emailedToken, roomyLimits } from './support/accounts.js';
import { outboxMessages } from './support/outbox.js';
import { expectOneAudit } from './support/audit.js';
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

type EventJson = {
  id: string;
  slug: string;
  status: string;
  suspended: boolean;
  spam: boolean;
  myRole: { role: string; via: string } | null;
  can: Record<string, boolean>;
  [k: string]: unknown;
};

describe('events', () => {
  let ctx: TestContext;
  let call: ReturnType<typeof caller>;
  let sys: Signed;
  let org: OrgFixture;
  let other: OrgFixture;
  let stranger: Signed;
  let publisher: Signed;

  const grant = (userId: string, role: string, scopeType: string, scopeId: string | null) =>
    ctx.database.db.insert(roleAssignments).values({ userId, role, scopeType, scopeId });
  const get = async (cookie: string | null, id: string) => call(cookie, 'GET', `/api/events/${id}`);
  const act = (cookie: string | null, id: string, verb: string, reason?: string) =>
    call(cookie, 'POST', `/api/events/${id}/${verb}`, reason ? { reason } : {});
  const eventOf = (res: { json(): unknown }) => (res.json() as { event: EventJson }).event;

  beforeAll(async () => {
    ctx = await createTestApp(roomyLimits);
    call = caller(ctx);
    sys = await systemAdmin(ctx);
    org = await organization(ctx, sys);
    other = await organization(ctx, sys);
    stranger = await member(ctx, 'Stan Stranger');
    publisher = await member(ctx, 'Pia Publisher');
    await grant(publisher.id, 'publisher', 'system', null);
  });
  afterAll(() => ctx.close());

  describe('creating', () => {
    it('an org_admin creates a draft and becomes its event_admin, audited', async () => {
      const created = await event(ctx, org, { description: 'A meetup' });
      expect(created.status).toBe('draft');
      const page = eventOf(await get(org.orgAdmin.cookie, created.id));
      expect(page.myRole).toMatchObject({ role: 'event_admin', via: 'event' });
      expect(page.hasTeam).toBe(true);
      const audit = await ctx.database.db
        .select()
        .from(auditEntries)
        .where(eq(auditEntries.scopeId, created.id));
      expect(audit.map((a) => a.action).sort()).toEqual(['event.create', 'event.team.assign']);
      expect(audit.every((a) => a.actorId === org.orgAdmin.id)).toBe(true);
    });

    it('a chapter leader creates only in their chapter', async () => {
      const chapter = await call(
        org.orgAdmin.cookie,
        'POST',
        `/api/organizations/${org.id}/chapters`,
        {
          name: 'North',
          slug: uniqueSlug('north'),
        },
      );
      expect(chapter.statusCode, chapter.body).toBe(201);
      const chapterId = chapter.json().chapter.id;
      const leader = await member(ctx, 'Lee Leader', { twoFactor: true });
      const added = await call(org.orgAdmin.cookie, 'PUT', `/api/chapters/${chapterId}/leaders`, {
        email: leader.who.email,
      });
      expect(added.statusCode, added.body).toBe(200);
      const inChapter = await event(ctx, org, { chapterId }, leader.cookie);
      expect(inChapter.status).toBe('draft');
      const outside = await call(leader.cookie, 'POST', `/api/organizations/${org.id}/events`, {
        name: 'Outside',
        slug: uniqueSlug('outside'),
      });
      expect(outside.statusCode).toBe(403);
      const elsewhere = await call(leader.cookie, 'POST', `/api/organizations/${other.id}/events`, {
        name: 'Elsewhere',
        slug: uniqueSlug('elsewhere'),
      });
      expect(elsewhere.statusCode).toBe(404);
    });

    it('anyone proposes where the organization allows it: it waits for approval', async () => {
      const open = await organization(ctx, sys, { eventCreation: 'anyone' });
      const proposer = await member(ctx, 'Pat Proposer', { twoFactor: true });
      const proposed = await event(ctx, open, {}, proposer.cookie);
      expect(proposed.status).toBe('pending_approval');
      const page = eventOf(await get(proposer.cookie, proposed.id));
      expect(page.myRole).toMatchObject({ role: 'event_admin' });
      expect(page.can).toMatchObject({ activate: false, approve: false, updateSettings: true });
      // Where only admins create events, the organization is not even visible to them.
      const closed = await call(proposer.cookie, 'POST', `/api/organizations/${org.id}/events`, {
        name: 'No',
        slug: uniqueSlug('no'),
      });
      expect(closed.statusCode).toBe(404);
    });

    it('a system admin creates a draft with no team and invites its first event_admin', async () => {
      const first = await member(ctx, 'Fay First', { twoFactor: true });
      const created = await call(sys.cookie, 'POST', `/api/organizations/${org.id}/events`, {
        name: 'Bootstrapped',
        slug: uniqueSlug('boot'),
        firstAdminEmail: first.who.email,
      });
      expect(created.statusCode, created.body).toBe(201);
      const ev = eventOf(created);
      expect(ev).toMatchObject({ status: 'draft', hasTeam: false, myRole: null });
      expect(ev.adminInvitation).toMatchObject({ email: first.who.email, role: 'event_admin' });
      expect(ev.can.inviteFirstAdmin).toBe(true);
      const team = await ctx.database.db
        .select()
        .from(roleAssignments)
        .where(eq(roleAssignments.scopeId, ev.id));
      expect(team).toEqual([]);
      const token = await emailedToken(ctx, first.who.email, 'invitations');
      const accepted = await call(first.cookie, 'POST', '/api/invitations/accept', { token });
      expect(accepted.json().next).toBe(`/events/${ev.id}`);
      expect(eventOf(await get(first.cookie, ev.id)).myRole).toMatchObject({ role: 'event_admin' });
      // Once it has an admin, no more bootstrap invites.
      const again = await call(sys.cookie, 'POST', `/api/events/${ev.id}/admin-invitation`, {
        email: 'x@example.org',
      });
      expect(again.statusCode).toBe(409);
      const byOrgAdmin = await call(
        org.orgAdmin.cookie,
        'POST',
        `/api/events/${ev.id}/admin-invitation`,
        {
          email: 'x@example.org',
        },
      );
      expect(byOrgAdmin.statusCode).toBe(403);
    });

    it('only a system admin names a first event_admin; slugs are unique; 401 signed out', async () => {
      const named = await call(org.orgAdmin.cookie, 'POST', `/api/organizations/${org.id}/events`, {
        name: 'X',
        slug: uniqueSlug('x'),
        firstAdminEmail: 'x@example.org',
      });
      expect(named.statusCode).toBe(400);
      expect(named.json().error.details[0].field).toBe('body.firstAdminEmail');
      const existing = await event(ctx, org);
      const dup = await call(org.orgAdmin.cookie, 'POST', `/api/organizations/${org.id}/events`, {
        name: 'Dup',
        slug: existing.slug,
      });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error).toMatchObject({
        code: 'slug_taken',
        details: [{ field: 'body.slug' }],
      });
      // A stranger learns nothing of the organization, whatever the chapter they name.
      const probing = await call(stranger.cookie, 'POST', `/api/organizations/${org.id}/events`, {
        name: 'X',
        slug: uniqueSlug('x'),
        chapterId: '00000000-0000-4000-8000-000000000000',
      });
      expect(probing.statusCode).toBe(404);
      const signedOut = await call(null, 'POST', `/api/organizations/${org.id}/events`, {
        name: 'X',
        slug: uniqueSlug('x'),
      });
      expect(signedOut.statusCode).toBe(401);
    });
  });

  describe('the lifecycle', () => {
    it('draft → active → archived, each step once, audited; an archived event is read-only', async () => {
      const ev = await event(ctx, org);
      const activated = await act(org.orgAdmin.cookie, ev.id, 'activate', 'Ready');
      expect(activated.statusCode, activated.body).toBe(200);
      expect(eventOf(activated)).toMatchObject({ status: 'active' });
      expect(eventOf(activated).publishedAt).toBeTruthy();
      const twice = await act(org.orgAdmin.cookie, ev.id, 'activate');
      expect(twice.statusCode).toBe(409);
      expect(twice.json().error.code).toBe('invalid_state');
      expect((await act(org.orgAdmin.cookie, ev.id, 'approve')).statusCode).toBe(409);
      expect((await act(org.orgAdmin.cookie, ev.id, 'submit')).statusCode).toBe(409);
      const { result: archived } = await expectOneAudit(
        ctx,
        () => act(org.orgAdmin.cookie, ev.id, 'archive'),
        {
          action: 'event.archive',
          actorId: org.orgAdmin.id,
          scope: { type: 'event', id: ev.id },
          target: { type: 'event', id: ev.id },
        },
      );
      expect(eventOf(archived).status).toBe('archived');
      // Archived is read-only: the engine refuses any further change, and says why.
      const again = await act(org.orgAdmin.cookie, ev.id, 'archive');
      expect(again.statusCode).toBe(403);
      expect(again.json().error.message).toMatch(/archived/);
      const edit = await call(org.orgAdmin.cookie, 'PATCH', `/api/events/${ev.id}`, {
        name: 'Later',
      });
      expect(edit.statusCode).toBe(403);
      const [entry] = await ctx.database.db
        .select()
        .from(auditEntries)
        .where(and(eq(auditEntries.scopeId, ev.id), eq(auditEntries.action, 'event.activate')));
      expect(entry).toMatchObject({
        before: { status: 'draft' },
        after: { status: 'active' },
        reason: 'Ready',
      });
    });

    it('where approval is required, an event_admin submits and an approver publishes', async () => {
      const strict = await organization(ctx, sys, {
        eventApproval: 'required',
        eventCreation: 'anyone',
      });
      const owner = await member(ctx, 'Olly Owner', { twoFactor: true });
      const ev = await event(ctx, strict, {}, owner.cookie);
      expect(ev.status).toBe('pending_approval');
      // A draft made by an org admin, handed to a plain event_admin, needs the same approval.
      const draft = await event(ctx, strict);
      await grant(owner.id, 'event_admin', 'event', draft.id);
      const refused = await act(owner.cookie, draft.id, 'activate');
      expect(refused.statusCode).toBe(403);
      expect(eventOf(await get(owner.cookie, draft.id)).can).toMatchObject({
        submit: true,
        activate: false,
      });
      const submitted = await act(owner.cookie, draft.id, 'submit');
      expect(eventOf(submitted).status).toBe('pending_approval');
      expect((await act(owner.cookie, draft.id, 'submit')).statusCode).toBe(409);
      expect((await act(owner.cookie, draft.id, 'approve')).statusCode).toBe(403);

      const queue = await call(publisher.cookie, 'GET', '/api/events/approvals?pageSize=100');
      const queued = queue.json().items.map((e: { id: string }) => e.id);
      expect(queued).toEqual(expect.arrayContaining([ev.id, draft.id]));
      const approved = await act(publisher.cookie, draft.id, 'approve', 'Looks good');
      expect(approved.statusCode, approved.body).toBe(200);
      expect(eventOf(approved).status).toBe('active');
      const mail = (await outboxMessages(ctx.database.db, owner.who.email)).at(-1)!;
      expect(mail.subject).toContain('is approved');
      expect(mail.textBody).toContain(`/events/${draft.id}`);
      expect((await act(publisher.cookie, draft.id, 'approve')).statusCode).toBe(409);
    });

    it('the approval queue shows each approver exactly what they may publish', async () => {
      const strict = await organization(ctx, sys, {
        eventApproval: 'required',
        eventCreation: 'anyone',
      });
      const chapter = (
        await call(strict.orgAdmin.cookie, 'POST', `/api/organizations/${strict.id}/chapters`, {
          name: 'South',
          slug: uniqueSlug('south'),
        })
      ).json().chapter;
      const leader = await member(ctx, 'Lou Leader', { twoFactor: true });
      await grant(leader.id, 'chapter_leader', 'chapter', chapter.id);
      const proposer = await member(ctx, 'Pam Proposer', { twoFactor: true });
      const inChapter = await event(ctx, strict, { chapterId: chapter.id }, proposer.cookie);
      const outside = await event(ctx, strict, {}, proposer.cookie);
      const ids = async (who: Signed) =>
        (await call(who.cookie, 'GET', '/api/events/approvals?pageSize=100'))
          .json()
          .items.map((e: { id: string }) => e.id) as string[];
      expect(await ids(leader)).toEqual([inChapter.id]);
      const orgQueue = await ids(strict.orgAdmin);
      expect(orgQueue.sort()).toEqual([inChapter.id, outside.id].sort());
      expect(await ids(publisher)).toEqual(expect.arrayContaining([inChapter.id, outside.id]));
      expect(await ids(org.orgAdmin)).not.toContain(inChapter.id);
      expect(await ids(stranger)).toEqual([]);
      expect(await ids(proposer)).toEqual([]);
    });

    it('suspending leaves the event to its admins; spam hides it everywhere', async () => {
      const ev = await event(ctx, org);
      await act(org.orgAdmin.cookie, ev.id, 'activate');
      const responder = await member(ctx, 'Rob Responder');
      await grant(responder.id, 'responder', 'event', ev.id);
      expect((await get(responder.cookie, ev.id)).statusCode).toBe(200);
      expect((await act(responder.cookie, ev.id, 'suspend')).statusCode).toBe(403);
      expect((await act(publisher.cookie, ev.id, 'suspend')).statusCode).toBe(403);
      const suspended = await act(org.orgAdmin.cookie, ev.id, 'suspend', 'Investigating');
      expect(eventOf(suspended).suspended).toBe(true);
      expect((await get(responder.cookie, ev.id)).statusCode).toBe(404);
      expect((await call(null, 'GET', `/api/public/events/${ev.slug}`)).statusCode).toBe(404);
      expect((await act(org.orgAdmin.cookie, ev.id, 'suspend')).statusCode).toBe(409);
      await act(org.orgAdmin.cookie, ev.id, 'reinstate');
      expect((await get(responder.cookie, ev.id)).statusCode).toBe(200);

      expect((await act(org.orgAdmin.cookie, ev.id, 'flag-spam')).statusCode).toBe(403);
      const spam = await act(publisher.cookie, ev.id, 'flag-spam', 'Spam links');
      expect(spam.statusCode, spam.body).toBe(200);
      expect((await get(org.orgAdmin.cookie, ev.id)).statusCode).toBe(404);
      expect((await call(null, 'GET', `/api/public/events/${ev.slug}`)).statusCode).toBe(404);
      const listed = await call(
        org.orgAdmin.cookie,
        'GET',
        `/api/organizations/${org.id}/events?pageSize=100`,
      );
      expect(listed.json().items.map((e: { id: string }) => e.id)).not.toContain(ev.id);
      expect((await get(sys.cookie, ev.id)).statusCode).toBe(200);
      const cleared = await act(sys.cookie, ev.id, 'clear-spam');
      expect(eventOf(cleared).spam).toBe(false);
      expect((await get(org.orgAdmin.cookie, ev.id)).statusCode).toBe(200);
    });

    it('answers 404 to another organization and 401 signed out', async () => {
      const ev = await event(ctx, org);
      expect((await act(other.orgAdmin.cookie, ev.id, 'activate')).statusCode).toBe(404);
      expect((await act(stranger.cookie, ev.id, 'activate')).statusCode).toBe(404);
      expect((await act(null, ev.id, 'activate')).statusCode).toBe(401);
      expect((await get(other.orgAdmin.cookie, ev.id)).statusCode).toBe(404);
    });
  });

  describe('settings', () => {
    it('an event_admin edits details and conduct settings; Markdown is rendered safe', async () => {
      const ev = await event(ctx, org);
      const res = await call(org.orgAdmin.cookie, 'PATCH', `/api/events/${ev.id}`, {
        description: 'Three days of talks',
        startsOn: '2027-03-01',
        endsOn: '2027-03-03',
        timeZone: 'Europe/Berlin',
        website: 'https://conf.example.org',
        contactEmail: 'CoC@Example.org',
        codeOfConduct: '# Be kind\n\n<script>alert(1)</script> [x](javascript:alert(1))',
        reportTypes: ['harassment', 'safety', 'accessibility'],
        settings: { responderScope: 'assigned', showTeamPublicly: true },
      });
      expect(res.statusCode, res.body).toBe(200);
      const e = eventOf(res);
      expect(e).toMatchObject({
        startsOn: '2027-03-01',
        timeZone: 'Europe/Berlin',
        contactEmail: 'coc@example.org',
        reportTypes: ['harassment', 'safety', 'accessibility'],
        settings: { responderScope: { value: 'assigned' }, showTeamPublicly: { value: true } },
      });
      expect(e.codeOfConductHtml).toContain('<h1>Be kind</h1>');
      expect(e.codeOfConductHtml).not.toContain('<script');
      expect(e.codeOfConductHtml).not.toContain('href="javascript');
      const audits = await ctx.database.db
        .select()
        .from(auditEntries)
        .where(and(eq(auditEntries.scopeId, ev.id), eq(auditEntries.action, 'event.update')));
      expect(audits).toHaveLength(1);
      expect(audits[0]!.before).toMatchObject({ timeZone: 'UTC', responderScope: 'all' });
    });

    it('refuses bad input with field errors', async () => {
      const ev = await event(ctx, org);
      const cases = [
        [{ startsOn: '2027-03-05', endsOn: '2027-03-01' }, 'body.endsOn'],
        [{ timeZone: 'Mars/Olympus' }, 'body.timeZone'],
        // Node still accepts this name; PostgreSQL's tz data dropped it (lists would break).
        [{ timeZone: 'US/Pacific-New' }, 'body.timeZone'],
        [{ reportTypes: [] }, 'body.reportTypes'],
        [{ reportTypes: ['a', 'A'] }, 'body.reportTypes'],
        [{ website: 'javascript:alert(1)' }, 'body.website'],
        [{ settings: { reportIntake: 'everyone' } }, 'body.settings.reportIntake'],
      ] as const;
      for (const [body, field] of cases) {
        const res = await call(org.orgAdmin.cookie, 'PATCH', `/api/events/${ev.id}`, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().error.details[0].field).toBe(field);
      }
      const other2 = await event(ctx, org);
      const taken = await call(org.orgAdmin.cookie, 'PATCH', `/api/events/${ev.id}`, {
        slug: other2.slug,
      });
      expect(taken.statusCode).toBe(409);
    });

    it('a system admin edits details but not conduct settings; a responder neither', async () => {
      const ev = await event(ctx, org);
      expect(
        (await call(sys.cookie, 'PATCH', `/api/events/${ev.id}`, { name: 'Renamed' })).statusCode,
      ).toBe(200);
      expect(
        (await call(sys.cookie, 'PATCH', `/api/events/${ev.id}`, { codeOfConduct: 'x' }))
          .statusCode,
      ).toBe(403);
      const responder = await member(ctx, 'Ria Responder');
      await grant(responder.id, 'responder', 'event', ev.id);
      expect(
        (await call(responder.cookie, 'PATCH', `/api/events/${ev.id}`, { name: 'No' })).statusCode,
      ).toBe(403);
      expect(
        (await call(other.orgAdmin.cookie, 'PATCH', `/api/events/${ev.id}`, { name: 'No' }))
          .statusCode,
      ).toBe(404);
      expect((await call(null, 'PATCH', `/api/events/${ev.id}`, { name: 'No' })).statusCode).toBe(
        401,
      );
    });

    it('takes a logo checked by content, kept at 512 px, shown only where the event is', async () => {
      const ev = await event(ctx, org);
      const png = await sharp({
        create: {
          width: 1200,
          height: 600,
          channels: 4,
          background: { r: 0, g: 90, b: 200, alpha: 1 },
        },
      })
        .png()
        .toBuffer();
      const put = await call(org.orgAdmin.cookie, 'PUT', `/api/events/${ev.id}/logo`, png, {
        'content-type': 'image/png',
      });
      expect(put.statusCode, put.body).toBe(200);
      const logoUrl = eventOf(put).logoUrl as string;
      expect(logoUrl).toMatch(new RegExp(`^/api/events/${ev.id}/logo\\?v=`));
      const asAdmin = await call(org.orgAdmin.cookie, 'GET', logoUrl);
      expect(asAdmin.headers['content-type']).toBe('image/png');
      expect(asAdmin.headers['x-content-type-options']).toBe('nosniff');
      const meta = await sharp(asAdmin.rawPayload).metadata();
      expect([meta.width, meta.height]).toEqual([512, 256]);
      // The event is a draft: not visible to anyone else.
      expect((await call(null, 'GET', logoUrl)).statusCode).toBe(404);
      const svg = Buffer.from('<svg onload="alert(1)"></svg>');
      const text = await call(org.orgAdmin.cookie, 'PUT', `/api/events/${ev.id}/logo`, svg, {
        'content-type': 'image/png',
      });
      expect(text.statusCode).toBe(415);
      const removed = await call(org.orgAdmin.cookie, 'DELETE', `/api/events/${ev.id}/logo`);
      expect(eventOf(removed).logoUrl).toBeNull();
    });
  });

  describe('the public page', () => {
    it('is a 404 until the event is active; admins get a preview', async () => {
      const ev = await event(ctx, org);
      await call(org.orgAdmin.cookie, 'PATCH', `/api/events/${ev.id}`, {
        codeOfConduct: 'Be excellent',
        contactEmail: 'team@example.org',
      });
      expect((await call(null, 'GET', `/api/public/events/${ev.slug}`)).statusCode).toBe(404);
      expect((await call(stranger.cookie, 'GET', `/api/public/events/${ev.slug}`)).statusCode).toBe(
        404,
      );
      const preview = await call(org.orgAdmin.cookie, 'GET', `/api/public/events/${ev.slug}`);
      expect(preview.json().event).toMatchObject({ preview: true });
      await act(org.orgAdmin.cookie, ev.id, 'activate');
      const open = await call(null, 'GET', `/api/public/events/${ev.slug}`);
      expect(open.statusCode).toBe(200);
      expect(open.json().event).toMatchObject({
        preview: false,
        contactEmail: 'team@example.org',
        team: null,
        canReport: false,
      });
      expect(open.json().event.codeOfConductHtml).toContain('Be excellent');
      await call(org.orgAdmin.cookie, 'PATCH', `/api/events/${ev.id}`, {
        settings: { showTeamPublicly: true },
      });
      const withTeam = await call(null, 'GET', `/api/public/events/${ev.slug}`);
      expect(withTeam.json().event.team).toEqual([{ name: 'Olga Orgadmin', role: 'event_admin' }]);
      expect(JSON.stringify(withTeam.json())).not.toContain(org.orgAdmin.who.email);
      await act(org.orgAdmin.cookie, ev.id, 'archive');
      expect((await call(null, 'GET', `/api/public/events/${ev.slug}`)).statusCode).toBe(404);
    });
  });

  describe('deleting', () => {
    it('an event_admin deletes an event with its team; audited at the organization', async () => {
      const ev = await event(ctx, org);
      const responder = await member(ctx, 'Del Responder');
      await grant(responder.id, 'responder', 'event', ev.id);
      const refused = await call(responder.cookie, 'DELETE', `/api/events/${ev.id}`);
      expect(refused.statusCode, refused.body).toBe(403);
      expect((await call(other.orgAdmin.cookie, 'DELETE', `/api/events/${ev.id}`)).statusCode).toBe(
        404,
      );
      const res = await call(org.orgAdmin.cookie, 'DELETE', `/api/events/${ev.id}`, {
        reason: 'Test',
      });
      expect(res.statusCode, res.body).toBe(204);
      expect((await get(org.orgAdmin.cookie, ev.id)).statusCode).toBe(404);
      const left = await ctx.database.db
        .select()
        .from(roleAssignments)
        .where(eq(roleAssignments.scopeId, ev.id));
      expect(left).toEqual([]);
      const [entry] = await ctx.database.db
        .select()
        .from(auditEntries)
        .where(
          and(
            eq(auditEntries.targetId, ev.id),
            eq(auditEntries.action, 'event.delete'),
            eq(auditEntries.outcome, 'success'),
          ),
        );
      expect(entry).toMatchObject({ scopeType: 'organization', scopeId: org.id, reason: 'Test' });
    });
  });

  describe('lists', () => {
    it('the event switcher groups every event with a role in it, explicit or inherited', async () => {
      const mine = await event(ctx, org);
      const elsewhere = await event(ctx, other);
      const helper = await member(ctx, 'Hal Helper');
      await grant(helper.id, 'responder', 'event', elsewhere.id);
      const res = await call(org.orgAdmin.cookie, 'GET', '/api/me/events');
      const group = res.json().organizations.find((g: { id: string }) => g.id === org.id);
      const found = group.events.find((e: { id: string }) => e.id === mine.id);
      expect(found.myRole).toMatchObject({ role: 'event_admin' });
      expect(res.json().organizations.map((g: { id: string }) => g.id)).not.toContain(other.id);
      const helperView = await call(helper.cookie, 'GET', '/api/me/events');
      expect(helperView.json().organizations).toMatchObject([
        {
          id: other.id,
          events: [{ id: elsewhere.id, myRole: { role: 'responder', via: 'event' } }],
        },
      ]);
      expect((await call(stranger.cookie, 'GET', '/api/me/events')).json().organizations).toEqual(
        [],
      );
    });

    it('the organization dashboard counts by status what the caller may see', async () => {
      const res = await call(
        org.orgAdmin.cookie,
        'GET',
        `/api/organizations/${org.id}/events?status=draft`,
      );
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.items.every((e: { status: string }) => e.status === 'draft')).toBe(true);
      expect(body.counts.draft).toBe(body.total);
      expect(body.counts.active).toBeGreaterThan(0);
      const asStranger = await call(stranger.cookie, 'GET', `/api/organizations/${org.id}/events`);
      expect(asStranger.statusCode).toBe(404);
    });
  });

  it('every route of organizations, chapters and events answers 401 signed out', async () => {
    const ev = await event(ctx, org);
    const chapterId = '00000000-0000-4000-8000-000000000000';
    const routes: [Parameters<typeof call>[1], string][] = [
      ['GET', '/api/organizations'],
      ['POST', '/api/organizations'],
      ['GET', `/api/organizations/${org.id}`],
      ['PATCH', `/api/organizations/${org.id}`],
      ['POST', `/api/organizations/${org.id}/admin-invitation`],
      ['GET', `/api/organizations/${org.id}/members`],
      ['PUT', `/api/organizations/${org.id}/logo`],
      ['DELETE', `/api/organizations/${org.id}/logo`],
      ['GET', `/api/organizations/${org.id}/chapters`],
      ['POST', `/api/organizations/${org.id}/chapters`],
      ['GET', `/api/chapters/${chapterId}`],
      ['PATCH', `/api/chapters/${chapterId}`],
      ['DELETE', `/api/chapters/${chapterId}`],
      ['PUT', `/api/chapters/${chapterId}/leaders`],
      ['DELETE', `/api/chapters/${chapterId}/leaders/someone`],
      ['GET', '/api/events'],
      ['GET', '/api/events/approvals'],
      ['GET', '/api/me/events'],
      ['GET', `/api/organizations/${org.id}/events`],
      ['POST', `/api/organizations/${org.id}/events`],
      ['GET', `/api/events/${ev.id}`],
      ['PATCH', `/api/events/${ev.id}`],
      ['POST', `/api/events/${ev.id}/activate`],
      ['POST', `/api/events/${ev.id}/admin-invitation`],
      ['DELETE', `/api/events/${ev.id}`],
      ['PUT', `/api/events/${ev.id}/logo`],
      ['DELETE', `/api/events/${ev.id}/logo`],
      ['POST', '/api/invitations/accept'],
    ];
    for (const [method, url] of routes) {
      const res = await call(null, method, url);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(401);
    }
  });
});
