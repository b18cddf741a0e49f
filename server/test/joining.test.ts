import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEntries, inviteLinks, roleAssignments, users } from '../src/db/schema/index.js';
import { redeemLink } from '../src/modules/invitations/links.js';
import { createTestApp, type TestContext } from './support/app.js';
import { emailedToken, roomyLimits } from './support/accounts.js';
import {
  caller,
  event,
  member,
  organization,
  systemAdmin,
  type OrgFixture,
  type Signed,
} from './support/structure.js';

const origin = { requestId: null, ipAddress: null, userAgent: null };
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('joining: invite links and email invitations', () => {
  let ctx: TestContext;
  let call: ReturnType<typeof caller>;
  let sys: Signed;
  let org: OrgFixture;
  let ev: { id: string };
  let responder: Signed;

  const newLink = async (body: Record<string, unknown> = {}, cookie = org.orgAdmin.cookie) => {
    const res = await call(cookie, 'POST', `/api/events/${ev.id}/invite-links`, {
      role: 'responder',
      expiresAt: inDays(7),
      maxUses: 5,
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    const { link, url } = res.json() as { link: { id: string }; url: string };
    return { id: link.id, token: decodeURIComponent(new URL(url).hash.replace(/^#token=/, '')) };
  };
  const rolesIn = async (userId: string, scopeId: string) =>
    (
      await ctx.database.db
        .select({ role: roleAssignments.role })
        .from(roleAssignments)
        .where(and(eq(roleAssignments.userId, userId), eq(roleAssignments.scopeId, scopeId)))
    ).map((r) => r.role);

  beforeAll(async () => {
    ctx = await createTestApp(roomyLimits);
    call = caller(ctx);
    sys = await systemAdmin(ctx);
    org = await organization(ctx, sys);
    ev = await event(ctx, org);
    responder = await member(ctx, 'Rhea Responder');
    await call(org.orgAdmin.cookie, 'POST', `/api/events/${ev.id}/team`, {
      email: responder.who.email,
      role: 'responder',
    });
  });
  afterAll(() => ctx.close());

  it('a link gives its role once per person, shows its count, and can be turned off', async () => {
    const { id, token } = await newLink({ note: 'For the volunteers' });
    const [stored] = await ctx.database.db.select().from(inviteLinks).where(eq(inviteLinks.id, id));
    expect(stored!.tokenHash).not.toBe(token);
    expect(token.length).toBeGreaterThanOrEqual(43);
    const lookup = await call(null, 'POST', '/api/invite-links/lookup', { token });
    expect(lookup.json().link).toMatchObject({ status: 'active', role: 'responder' });

    const joiner = await member(ctx, 'Jo Joiner');
    const redeemed = await call(joiner.cookie, 'POST', '/api/invite-links/redeem', { token });
    expect(redeemed.statusCode, redeemed.body).toBe(200);
    expect(redeemed.json().next).toBe(`/events/${ev.id}`);
    expect(await rolesIn(joiner.id, ev.id)).toEqual(['responder']);
    await call(joiner.cookie, 'POST', '/api/invite-links/redeem', { token });
    const listed = await call(org.orgAdmin.cookie, 'GET', `/api/events/${ev.id}/invite-links`);
    expect(listed.json().items.find((l: { id: string }) => l.id === id)).toMatchObject({
      useCount: 1,
      maxUses: 5,
      note: 'For the volunteers',
      status: 'active',
    });

    const off = await call(
      org.orgAdmin.cookie,
      'POST',
      `/api/events/${ev.id}/invite-links/${id}/disable`,
    );
    expect(off.json().link.status).toBe('disabled');
    const late = await member(ctx, 'Lee Late');
    const refused = await call(late.cookie, 'POST', '/api/invite-links/redeem', { token });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('invitation_revoked');
  });

  it('an expired or used-up link says which it is; accepting never lowers a role', async () => {
    const expiring = await newLink();
    await ctx.database.db
      .update(inviteLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(inviteLinks.id, expiring.id));
    const someone = await member(ctx, 'Sam Someone');
    const expired = await call(someone.cookie, 'POST', '/api/invite-links/redeem', {
      token: expiring.token,
    });
    expect(expired.json().error.code).toBe('invitation_expired');

    const once = await newLink({ maxUses: 1, role: 'reporter' });
    await call(someone.cookie, 'POST', '/api/invite-links/redeem', { token: once.token });
    const second = await member(ctx, 'Sid Second');
    const usedUp = await call(second.cookie, 'POST', '/api/invite-links/redeem', {
      token: once.token,
    });
    expect(usedUp.json().error.code).toBe('invitation_used');

    // A responder following a reporter link stays a responder.
    const reporterLink = await newLink({ role: 'reporter' });
    const kept = await call(responder.cookie, 'POST', '/api/invite-links/redeem', {
      token: reporterLink.token,
    });
    expect(kept.statusCode).toBe(200);
    expect(await rolesIn(responder.id, ev.id)).toEqual(['responder']);
  });

  it('50 redemptions at once of a 5-use link: exactly 5 succeed', async () => {
    const { id, token } = await newLink({ maxUses: 5, role: 'reporter' });
    const ids: string[] = Array.from({ length: 50 }, () => randomUUID());
    await ctx.database.db
      .insert(users)
      .values(
        ids.map((uid, i) => ({ id: uid, name: `Rush ${i}`, email: `rush-${uid}@example.org` })),
      );
    const results = await Promise.allSettled(
      ids.map((uid) => redeemLink(ctx.database.db, { actor: { userId: uid }, origin }, token)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    for (const r of results) {
      if (r.status === 'rejected')
        expect((r.reason as { code: string }).code).toBe('invitation_used');
    }
    const [row] = await ctx.database.db.select().from(inviteLinks).where(eq(inviteLinks.id, id));
    expect(row!.useCount).toBe(5);
    const holders = await ctx.database.db
      .select()
      .from(roleAssignments)
      .where(and(eq(roleAssignments.scopeId, ev.id), eq(roleAssignments.role, 'reporter')));
    expect(holders.filter((h) => ids.includes(h.userId))).toHaveLength(5);
  });

  it('only those who manage invitations make links, and never above their own level', async () => {
    const body = { role: 'responder', expiresAt: inDays(1), maxUses: 1 };
    expect(
      (await call(responder.cookie, 'POST', `/api/events/${ev.id}/invite-links`, body)).statusCode,
    ).toBe(403);
    expect(
      (await call(sys.cookie, 'POST', `/api/events/${ev.id}/invite-links`, body)).statusCode,
    ).toBe(403);
    expect((await call(null, 'POST', `/api/events/${ev.id}/invite-links`, body)).statusCode).toBe(
      401,
    );
    const tooLong = await call(org.orgAdmin.cookie, 'POST', `/api/events/${ev.id}/invite-links`, {
      ...body,
      expiresAt: inDays(120),
    });
    expect(tooLong.statusCode).toBe(400);
    const systemRole = await call(
      org.orgAdmin.cookie,
      'POST',
      `/api/events/${ev.id}/invite-links`,
      {
        ...body,
        role: 'system_admin',
      },
    );
    expect(systemRole.statusCode).toBe(400);
  });

  it('email invitations go to several addresses, are listed, resent and revoked', async () => {
    const a = await member(ctx, 'Ann Invited');
    const res = await call(org.orgAdmin.cookie, 'POST', `/api/events/${ev.id}/invitations`, {
      emails: [a.who.email, 'new.person@example.org'],
      role: 'responder',
      message: 'Join our CoC team',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items).toHaveLength(2);
    const first = await emailedToken(ctx, a.who.email, 'invitations');
    const list = await call(org.orgAdmin.cookie, 'GET', `/api/events/${ev.id}/invitations`);
    const mine = list.json().items.find((i: { email: string }) => i.email === a.who.email);
    expect(mine).toMatchObject({
      status: 'pending',
      role: 'responder',
      message: 'Join our CoC team',
    });

    const resent = await call(
      org.orgAdmin.cookie,
      'POST',
      `/api/events/${ev.id}/invitations/${mine.id}/resend`,
    );
    expect(resent.statusCode, resent.body).toBe(200);
    const old = await call(a.cookie, 'POST', '/api/invitations/accept', { token: first });
    expect(old.json().error.code).toBe('invitation_revoked');
    // The new link's audit entry counts the one it replaced.
    const created = await ctx.database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.action, 'invitation.create'), eq(auditEntries.scopeId, ev.id)))
      .orderBy(auditEntries.occurredAt);
    const latest = created.filter((e) => (e.after as { email: string }).email === a.who.email);
    expect(latest.map((e) => (e.after as { replaced: number }).replaced)).toEqual([0, 1]);
    const second = await emailedToken(ctx, a.who.email, 'invitations');
    const ok = await call(a.cookie, 'POST', '/api/invitations/accept', { token: second });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await rolesIn(a.id, ev.id)).toEqual(['responder']);

    const other = list
      .json()
      .items.find((i: { email: string }) => i.email === 'new.person@example.org');
    const revoked = await call(
      org.orgAdmin.cookie,
      'POST',
      `/api/events/${ev.id}/invitations/${other.id}/revoke`,
    );
    expect(revoked.json().invitation.status).toBe('revoked');
    const after = await call(org.orgAdmin.cookie, 'GET', `/api/events/${ev.id}/invitations`);
    expect(after.json().items.map((i: { email: string }) => i.email)).not.toContain(
      'new.person@example.org',
    );
    expect(
      (
        await call(responder.cookie, 'POST', `/api/events/${ev.id}/invitations`, {
          emails: ['x@example.org'],
          role: 'reporter',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('organization invite links give organization roles', async () => {
    const res = await call(
      org.orgAdmin.cookie,
      'POST',
      `/api/organizations/${org.id}/invite-links`,
      {
        role: 'org_viewer',
        expiresAt: inDays(3),
        maxUses: 2,
      },
    );
    expect(res.statusCode, res.body).toBe(201);
    const token = decodeURIComponent(new URL(res.json().url).hash.replace(/^#token=/, ''));
    const viewer = await member(ctx, 'Vi Viewer');
    const joined = await call(viewer.cookie, 'POST', '/api/invite-links/redeem', { token });
    expect(joined.json().next).toBe(`/orgs/${org.id}`);
    expect(await rolesIn(viewer.id, org.id)).toEqual(['org_viewer']);
  });

  it('a newcomer creates their account from an invitation, even where sign-up is invite-only', async () => {
    const closed = await call(sys.cookie, 'PATCH', '/api/admin/settings', {
      signUp: 'invite_only',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    try {
      const email = 'newcomer@example.org';
      await call(org.orgAdmin.cookie, 'POST', `/api/events/${ev.id}/invitations`, {
        emails: [email],
        role: 'responder',
      });
      const token = await emailedToken(ctx, email, 'invitations');
      const person = { name: 'Nia Newcomer', password: 'a long and unusual pass phrase' };
      const wrong = await call(null, 'POST', '/api/auth/sign-up', {
        ...person,
        email: 'someone.else@example.org',
        invitation: token,
      });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json().error.code).toBe('invitation_wrong_account');
      const plain = await call(null, 'POST', '/api/auth/sign-up', { ...person, email });
      expect(plain.json().error.code).toBe('signup_closed');

      const joined = await call(null, 'POST', '/api/auth/sign-up', {
        ...person,
        email,
        invitation: token,
      });
      expect(joined.statusCode, joined.body).toBe(201);
      expect(joined.json()).toEqual({ status: 'joined', next: `/events/${ev.id}` });
      const cookie = [joined.headers['set-cookie']]
        .flat()
        .find((c) => c?.includes('session_token='))!;
      const session = await call(cookie.split(';')[0]!, 'GET', '/api/auth/session');
      expect(session.json().user).toMatchObject({ email });
      const [created] = await ctx.database.db.select().from(users).where(eq(users.email, email));
      expect(created!.emailVerified).toBe(true);
      expect(await rolesIn(created!.id, ev.id)).toEqual(['responder']);

      const again = await call(null, 'POST', '/api/auth/sign-up', {
        ...person,
        email,
        invitation: token,
      });
      expect(again.json().error.code).toBe('invitation_used');

      // An account that exists signs in instead.
      await call(org.orgAdmin.cookie, 'POST', `/api/events/${ev.id}/invitations`, {
        emails: [responder.who.email],
        role: 'event_admin',
      });
      const theirs = await emailedToken(ctx, responder.who.email, 'invitations');
      const taken = await call(null, 'POST', '/api/auth/sign-up', {
        ...person,
        email: responder.who.email,
        invitation: theirs,
      });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().error.code).toBe('email_taken');

      // An invite link lets a newcomer sign up too (with the usual confirmation email).
      const { token: linkToken } = await newLink({ role: 'reporter' });
      const viaLink = await call(null, 'POST', '/api/auth/sign-up', {
        ...person,
        email: 'linked@example.org',
        inviteLink: linkToken,
      });
      expect(viaLink.statusCode, viaLink.body).toBe(202);
    } finally {
      await call(sys.cookie, 'PATCH', '/api/admin/settings', { signUp: 'open' });
    }
  });
});
