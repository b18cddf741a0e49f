import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEntries, roleAssignments } from '../src/db/schema/index.js';
import { createTestApp, type TestContext } from './support/app.js';
import { roomyLimits } from './support/accounts.js';
import { outboxMessages } from './support/outbox.js';
import {
  caller,
  event,
  member,
  organization,
  systemAdmin,
  type OrgFixture,
  type Signed,
} from './support/structure.js';

type Member = {
  userId: string;
  role: string;
  explicit: boolean;
  email: string | null;
  inheritedFrom: { type: string } | null;
  grantedBy: { id: string } | null;
  can: { changeTo: string[]; remove: boolean };
};

describe('teams', () => {
  let ctx: TestContext;
  let call: ReturnType<typeof caller>;
  let sys: Signed;
  let org: OrgFixture;
  let other: OrgFixture;
  let eventAdmin: Signed;
  let responder: Signed;
  let reporter: Signed;
  let stranger: Signed;
  let ev: { id: string; slug: string };

  const team = async (cookie: string, id = ev.id) => {
    const res = await call(cookie, 'GET', `/api/events/${id}/team?pageSize=100`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Member[]; can: { manage: boolean; assignable: string[] } };
  };

  beforeAll(async () => {
    ctx = await createTestApp(roomyLimits);
    call = caller(ctx);
    sys = await systemAdmin(ctx);
    org = await organization(ctx, sys);
    other = await organization(ctx, sys);
    eventAdmin = await member(ctx, 'Eve Eventadmin', { twoFactor: true });
    responder = await member(ctx, 'Ron Responder');
    reporter = await member(ctx, 'Rae Reporter');
    stranger = await member(ctx, 'Sue Stranger');
    ev = await event(ctx, org);
    for (const [who, role] of [
      [eventAdmin, 'event_admin'],
      [responder, 'responder'],
    ] as const) {
      const res = await call(org.orgAdmin.cookie, 'POST', `/api/events/${ev.id}/team`, {
        email: who.who.email,
        role,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
  });
  afterAll(() => ctx.close());

  it('shows explicit and inherited members, who granted each, and what the caller may do', async () => {
    const asAdmin = await team(eventAdmin.cookie);
    const byId = new Map(asAdmin.items.map((m) => [m.userId, m]));
    expect(byId.get(responder.id)).toMatchObject({
      role: 'responder',
      explicit: true,
      email: responder.who.email,
      grantedBy: { id: org.orgAdmin.id },
      can: { remove: true },
    });
    expect(byId.get(responder.id)!.can.changeTo.sort()).toEqual(['event_admin', 'reporter']);
    // The org admin created the event (explicit event_admin) and inherits it too.
    const inherited = asAdmin.items.find((m) => m.userId === org.orgAdmin.id && !m.explicit);
    expect(inherited).toMatchObject({
      role: 'event_admin',
      inheritedFrom: { type: 'organization' },
    });
    expect(asAdmin.can).toMatchObject({ manage: true });
    // A responder sees names and roles, no addresses, no actions.
    const asResponder = await team(responder.cookie);
    expect(asResponder.can.manage).toBe(false);
    expect(asResponder.items.every((m) => m.email === null && !m.can.remove)).toBe(true);
    // Filter and search.
    const filtered = await call(
      eventAdmin.cookie,
      'GET',
      `/api/events/${ev.id}/team?role=responder&q=ron`,
    );
    expect(filtered.json().items.map((m: Member) => m.userId)).toEqual([responder.id]);
  });

  it('answers 401, 404 from another organization, 403 to one who may see the event but not the team', async () => {
    await call(org.orgAdmin.cookie, 'POST', `/api/events/${ev.id}/activate`);
    await ctx.database.db
      .insert(roleAssignments)
      .values({ userId: reporter.id, role: 'reporter', scopeType: 'event', scopeId: ev.id });
    expect((await call(null, 'GET', `/api/events/${ev.id}/team`)).statusCode).toBe(401);
    expect((await call(other.orgAdmin.cookie, 'GET', `/api/events/${ev.id}/team`)).statusCode).toBe(
      403,
    );
    expect((await call(reporter.cookie, 'GET', `/api/events/${ev.id}/team`)).statusCode).toBe(403);
    const add = { email: stranger.who.email, role: 'responder' };
    expect(
      (await call(responder.cookie, 'POST', `/api/events/${ev.id}/team`, add)).statusCode,
    ).toBe(403);
    const draft = await event(ctx, org);
    expect(
      (await call(other.orgAdmin.cookie, 'GET', `/api/events/${draft.id}/team`)).statusCode,
    ).toBe(404);
  });

  it('changes a role with an expiry and a reason: audited old → new, the person told', async () => {
    const until = new Date(Date.now() + 86_400_000).toISOString();
    const res = await call(eventAdmin.cookie, 'PUT', `/api/events/${ev.id}/team/${responder.id}`, {
      role: 'event_admin',
      expiresAt: until,
      reason: 'Covering the weekend',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().member).toMatchObject({ role: 'event_admin', expiresAt: until });
    const [entry] = await ctx.database.db
      .select()
      .from(auditEntries)
      .where(
        and(eq(auditEntries.action, 'event.team.change'), eq(auditEntries.targetId, responder.id)),
      );
    expect(entry).toMatchObject({
      actorId: eventAdmin.id,
      before: { role: 'responder', expiresAt: null },
      after: { role: 'event_admin', expiresAt: until },
      reason: 'Covering the weekend',
    });
    const mail = (await outboxMessages(ctx.database.db, responder.who.email)).at(-1)!;
    expect(mail.subject).toContain('Your role in');
    // Back to responder, without expiry.
    const back = await call(eventAdmin.cookie, 'PUT', `/api/events/${ev.id}/team/${responder.id}`, {
      role: 'responder',
      expiresAt: null,
    });
    expect(back.statusCode, back.body).toBe(200);
    const past = await call(eventAdmin.cookie, 'PUT', `/api/events/${ev.id}/team/${responder.id}`, {
      role: 'responder',
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect(past.statusCode).toBe(400);
  });

  it('keeps the last event_admin and refuses system roles and unknown people', async () => {
    const solo = await event(ctx, org);
    const demote = await call(
      org.orgAdmin.cookie,
      'PUT',
      `/api/events/${solo.id}/team/${org.orgAdmin.id}`,
      {
        role: 'responder',
      },
    );
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.code).toBe('last_admin');
    const remove = await call(
      org.orgAdmin.cookie,
      'DELETE',
      `/api/events/${solo.id}/team/${org.orgAdmin.id}`,
    );
    expect(remove.statusCode).toBe(409);
    const leave = await call(org.orgAdmin.cookie, 'DELETE', `/api/events/${solo.id}/membership`);
    expect(leave.statusCode).toBe(409);
    const system = await call(org.orgAdmin.cookie, 'POST', `/api/events/${solo.id}/team`, {
      email: stranger.who.email,
      role: 'system_admin',
    });
    expect(system.statusCode).toBe(400);
    const nobody = await call(org.orgAdmin.cookie, 'POST', `/api/events/${solo.id}/team`, {
      email: 'nobody@example.org',
      role: 'responder',
    });
    expect(nobody.statusCode).toBe(400);
    expect(nobody.json().error.details[0].field).toBe('body.email');
  });

  it('a removal counts on the very next request; a member may leave', async () => {
    const helper = await member(ctx, 'Hal Helper');
    await call(eventAdmin.cookie, 'POST', `/api/events/${ev.id}/team`, {
      email: helper.who.email,
      role: 'responder',
    });
    expect((await call(helper.cookie, 'GET', `/api/events/${ev.id}/team`)).statusCode).toBe(200);
    const removed = await call(
      eventAdmin.cookie,
      'DELETE',
      `/api/events/${ev.id}/team/${helper.id}`,
      {
        reason: 'Left the team',
      },
    );
    expect(removed.statusCode, removed.body).toBe(204);
    expect((await call(helper.cookie, 'GET', `/api/events/${ev.id}/team`)).statusCode).toBe(403);
    const [entry] = await ctx.database.db
      .select()
      .from(auditEntries)
      .where(
        and(eq(auditEntries.action, 'event.team.remove'), eq(auditEntries.targetId, helper.id)),
      );
    expect(entry).toMatchObject({ before: { roles: ['responder'] }, reason: 'Left the team' });

    const leaver = await member(ctx, 'Lea Leaver');
    await call(eventAdmin.cookie, 'POST', `/api/events/${ev.id}/team`, {
      email: leaver.who.email,
      role: 'responder',
    });
    const left = await call(leaver.cookie, 'DELETE', `/api/events/${ev.id}/membership`);
    expect(left.statusCode, left.body).toBe(204);
    expect((await call(leaver.cookie, 'GET', `/api/events/${ev.id}/team`)).statusCode).toBe(403);
  });

  it('an event_admin cannot hand out roles in another event, and a responder cannot grant', async () => {
    const elsewhere = await event(ctx, org);
    const res = await call(eventAdmin.cookie, 'POST', `/api/events/${elsewhere.id}/team`, {
      email: stranger.who.email,
      role: 'responder',
    });
    expect(res.statusCode).toBe(404);
  });

  it('organization members: org_admins add, change and remove; the last org_admin stays', async () => {
    const viewer = await member(ctx, 'Val Viewer');
    const added = await call(org.orgAdmin.cookie, 'POST', `/api/organizations/${org.id}/team`, {
      email: viewer.who.email,
      role: 'org_viewer',
    });
    expect(added.statusCode, added.body).toBe(200);
    const list = await call(viewer.cookie, 'GET', `/api/organizations/${org.id}/team`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().can.manage).toBe(false);
    expect(
      (
        await call(viewer.cookie, 'POST', `/api/organizations/${org.id}/team`, {
          email: stranger.who.email,
          role: 'org_viewer',
        })
      ).statusCode,
    ).toBe(403);
    const last = await call(
      org.orgAdmin.cookie,
      'DELETE',
      `/api/organizations/${org.id}/team/${org.orgAdmin.id}`,
    );
    expect(last.statusCode).toBe(409);
    const removed = await call(
      org.orgAdmin.cookie,
      'DELETE',
      `/api/organizations/${org.id}/team/${viewer.id}`,
    );
    expect(removed.statusCode).toBe(204);
    expect((await call(viewer.cookie, 'GET', `/api/organizations/${org.id}/team`)).statusCode).toBe(
      404,
    );
    expect(
      (await call(stranger.cookie, 'GET', `/api/organizations/${org.id}/team`)).statusCode,
    ).toBe(404);
  });
});
