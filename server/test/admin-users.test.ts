import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { accounts, auditEntries, twoFactors, users } from '../src/db/schema/index.js';
import { createTestApp, type TestContext } from './support/app.js';
import {
  enableTwoFactor,
  person,
  roomyLimits,
  signIn,
  signUpVerified,
  type Person,
  idOf,
  signedInAs,
} from './support/accounts.js';
import { admin, completeSetup } from './support/setup-link.js';
import { expectOneAudit } from './support/audit.js';

async function signInAttempt(ctx: TestContext, who: Person) {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email: who.email, password: who.password },
  });
}

async function auditOf(ctx: TestContext, action: string, targetId: string) {
  return ctx.database.db
    .select()
    .from(auditEntries)
    .where(and(eq(auditEntries.action, action), eq(auditEntries.targetId, targetId)));
}

describe('system administration: users, system roles, settings', () => {
  let ctx: TestContext;
  /** The first system admin, with two-factor on. */
  let adminCookie: string;
  let adminId: string;
  /** A second system admin who has not set up two-factor. */
  const second = person('Sam Second');
  let secondCookie: string;
  let secondId: string;
  /** Someone without any system role. */
  const member = person('Mia Member');
  let memberCookie: string;
  /** The person the route matrix acts on. */
  const subject = person('Tess Subject');
  let subjectId: string;

  const call = (
    cookie: string | null,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH',
    url: string,
    payload?: object,
  ) =>
    ctx.app.inject({
      method,
      url,
      headers: cookie ? { cookie } : {},
      ...(payload ? { payload } : {}),
    });

  beforeAll(async () => {
    ctx = await createTestApp(roomyLimits);
    const first = await completeSetup(ctx);
    adminCookie = (await enableTwoFactor(ctx, first, admin.password)).cookie;
    adminId = await idOf(ctx, admin.email);
    await signUpVerified(ctx, second);
    secondId = await idOf(ctx, second.email);
    const granted = await call(
      adminCookie,
      'PUT',
      `/api/admin/users/${secondId}/system-roles/system_admin`,
      {
        reason: 'Second operator',
      },
    );
    expect(granted.statusCode, granted.body).toBe(200);
    secondCookie = await signIn(ctx, second);
    memberCookie = await signUpVerified(ctx, member);
    await signUpVerified(ctx, subject);
    subjectId = await idOf(ctx, subject.email);
  });
  afterAll(() => ctx.close());

  const routes = () =>
    [
      ['GET', '/api/admin/users'],
      ['GET', `/api/admin/users/${subjectId}`],
      ['POST', `/api/admin/users/${subjectId}/deactivate`, {}],
      ['POST', `/api/admin/users/${subjectId}/reactivate`, {}],
      ['POST', `/api/admin/users/${subjectId}/reset-two-factor`, {}],
      ['PUT', `/api/admin/users/${subjectId}/system-roles/publisher`, {}],
      ['DELETE', `/api/admin/users/${subjectId}/system-roles/publisher`, {}],
      ['GET', '/api/admin/settings'],
      ['PATCH', '/api/admin/settings', { requireMfaForAdmins: true }],
    ] as const;

  it('answers 401 without a session, on every route', async () => {
    for (const [method, url, body] of routes()) {
      const res = await call(null, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    }
  });

  it('answers 404 to someone without a system role, as if nothing were there', async () => {
    for (const [method, url, body] of routes()) {
      const res = await call(memberCookie, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    const [row] = await ctx.database.db.select().from(users).where(eq(users.id, subjectId));
    expect(row!.deactivatedAt).toBeNull();
  });

  it('answers mfa_required to a system admin without two-factor, and changes nothing', async () => {
    for (const [method, url, body] of routes()) {
      const res = await call(secondCookie, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.code).toBe('mfa_required');
    }
    expect(await auditOf(ctx, 'system.user.deactivate', subjectId)).toHaveLength(0);
  });

  it('lets a system admin with two-factor use every route', async () => {
    for (const [method, url, body] of routes()) {
      const res = await call(adminCookie, method, url, body);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
    }
    const [row] = await ctx.database.db.select().from(users).where(eq(users.id, subjectId));
    expect(row!.deactivatedAt).toBeNull();
  });

  it('lists and searches people by name or email, newest first, a page at a time', async () => {
    const all = await call(adminCookie, 'GET', '/api/admin/users?pageSize=100');
    expect(all.statusCode, all.body).toBe(200);
    const body = all.json();
    expect(body.total).toBeGreaterThanOrEqual(4);
    const created = body.items.map((u: { createdAt: string }) => u.createdAt);
    expect(created).toEqual([...created].sort().reverse());
    const you = body.items.find((u: { id: string }) => u.id === adminId);
    expect(you).toMatchObject({
      email: admin.email,
      status: 'active',
      twoFactorEnabled: true,
      systemRoles: ['system_admin'],
      isYou: true,
      can: { deactivate: false, resetTwoFactor: false },
    });

    const byName = await call(adminCookie, 'GET', '/api/admin/users?q=mia%20MEM');
    expect(byName.json().items.map((u: { email: string }) => u.email)).toEqual([member.email]);
    const byEmail = await call(
      adminCookie,
      'GET',
      `/api/admin/users?q=${encodeURIComponent(subject.email.slice(0, 12))}`,
    );
    expect(byEmail.json().items.map((u: { email: string }) => u.email)).toContain(subject.email);
    // Wildcards typed into the box are matched as themselves.
    const wildcard = await call(adminCookie, 'GET', '/api/admin/users?q=%25');
    expect(wildcard.json()).toMatchObject({ total: 0, items: [] });

    const page1 = await call(adminCookie, 'GET', '/api/admin/users?pageSize=2&page=1');
    const page2 = await call(adminCookie, 'GET', '/api/admin/users?pageSize=2&page=2');
    expect(page1.json()).toMatchObject({ page: 1, pageSize: 2, total: body.total });
    expect(page1.json().items).toHaveLength(2);
    const ids = [...page1.json().items, ...page2.json().items].map((u: { id: string }) => u.id);
    expect(ids).toEqual(body.items.slice(0, ids.length).map((u: { id: string }) => u.id));

    const member1 = body.items.find((u: { email: string }) => u.email === member.email);
    expect(member1).toMatchObject({
      status: 'active',
      twoFactorEnabled: false,
      systemRoles: [],
      can: { deactivate: true, reactivate: false, grant: ['system_admin', 'publisher'] },
    });
  });

  it('shows unverified people, and never a password hash or two-factor secret', async () => {
    const unconfirmed = person('Una Unconfirmed');
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up',
      payload: unconfirmed,
    });
    expect(res.statusCode).toBe(202);
    const list = await call(adminCookie, 'GET', '/api/admin/users?status=unverified');
    expect(list.json().items.map((u: { email: string }) => u.email)).toEqual([unconfirmed.email]);

    const [hash] = await ctx.database.db
      .select({ password: accounts.password })
      .from(accounts)
      .where(eq(accounts.userId, adminId));
    const [secret] = await ctx.database.db
      .select()
      .from(twoFactors)
      .where(eq(twoFactors.userId, adminId));
    const everyone = await call(adminCookie, 'GET', '/api/admin/users?pageSize=100');
    const one = await call(adminCookie, 'GET', `/api/admin/users/${adminId}`);
    for (const text of [everyone.body, one.body]) {
      expect(text).not.toContain(hash!.password!);
      expect(text).not.toContain(secret!.secret);
      expect(text).not.toContain(secret!.backupCodes);
    }
  });

  it('deactivation ends sessions at once and refuses sign-in; reactivation allows it again', async () => {
    const who = person('Dee Activated');
    const cookie = await signUpVerified(ctx, who);
    const id = await idOf(ctx, who.email);
    expect(await signedInAs(ctx, cookie)).toBe(who.email);

    const off = await call(adminCookie, 'POST', `/api/admin/users/${id}/deactivate`, {
      reason: 'Spam account',
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().user).toMatchObject({
      status: 'deactivated',
      can: { deactivate: false, reactivate: true },
    });
    expect(await signedInAs(ctx, cookie)).toBeNull();
    const refused = await signInAttempt(ctx, who);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('account_deactivated');
    const listed = await call(adminCookie, 'GET', '/api/admin/users?status=deactivated');
    expect(listed.json().items.map((u: { id: string }) => u.id)).toContain(id);

    const { result: on } = await expectOneAudit(
      ctx,
      () => call(adminCookie, 'POST', `/api/admin/users/${id}/reactivate`, {}),
      { action: 'system.user.reactivate', actorId: adminId, scope: { type: 'system' } },
    );
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json().user).toMatchObject({ status: 'active', deactivatedAt: null });
    expect(await signedInAs(ctx, await signIn(ctx, who))).toBe(who.email);

    const [deactivated] = await auditOf(ctx, 'system.user.deactivate', id);
    expect(deactivated).toMatchObject({
      actorId: adminId,
      scopeType: 'system',
      outcome: 'success',
      reason: 'Spam account',
      before: { status: 'active', deactivatedAt: null },
      after: { status: 'deactivated', sessionsEnded: 1 },
    });
    const [reactivated] = await auditOf(ctx, 'system.user.reactivate', id);
    expect(reactivated).toMatchObject({
      actorId: adminId,
      before: { status: 'deactivated' },
      after: { status: 'active', deactivatedAt: null },
      reason: null,
    });
  });

  it('refuses to deactivate yourself, and answers 404 for nobody', async () => {
    const self = await call(adminCookie, 'POST', `/api/admin/users/${adminId}/deactivate`, {});
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('forbidden');
    expect(await signedInAs(ctx, adminCookie)).toBe(admin.email);
    const nobody = await call(
      adminCookie,
      'POST',
      '/api/admin/users/00000000-0000-4000-8000-000000000000/deactivate',
      {},
    );
    expect(nobody.statusCode).toBe(404);
  });

  it('resetting two-factor ends sessions and lets the user in with the password alone', async () => {
    const who = person('Lou Lostphone');
    const first = await signUpVerified(ctx, who);
    const { cookie } = await enableTwoFactor(ctx, first, who.password);
    const id = await idOf(ctx, who.email);
    expect((await signInAttempt(ctx, who)).json()).toEqual({ status: 'two_factor_required' });

    const { result: res } = await expectOneAudit(
      ctx,
      () =>
        call(adminCookie, 'POST', `/api/admin/users/${id}/reset-two-factor`, {
          reason: 'Lost their phone; identity checked by video call',
        }),
      {
        action: 'system.user.reset_mfa',
        actorId: adminId,
        scope: { type: 'system' },
        target: { type: 'user', id },
      },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user).toMatchObject({ twoFactorEnabled: false });
    expect(await signedInAs(ctx, cookie)).toBeNull();
    const again = await signInAttempt(ctx, who);
    expect(again.json()).toMatchObject({ status: 'signed_in' });
    expect(
      await ctx.database.db.select().from(twoFactors).where(eq(twoFactors.userId, id)),
    ).toHaveLength(0);
    const [entry] = await auditOf(ctx, 'system.user.reset_mfa', id);
    expect(entry).toMatchObject({
      actorId: adminId,
      before: { twoFactorEnabled: true },
      after: { twoFactorEnabled: false, sessionsEnded: 1 },
      reason: 'Lost their phone; identity checked by video call',
    });
  });

  it('grants and revokes publisher, audited old → new', async () => {
    const who = person('Pat Publisher');
    await signUpVerified(ctx, who);
    const id = await idOf(ctx, who.email);
    const grant = await call(adminCookie, 'PUT', `/api/admin/users/${id}/system-roles/publisher`, {
      reason: 'Approves events',
    });
    expect(grant.json().user).toMatchObject({
      systemRoles: ['publisher'],
      can: { revoke: ['publisher'] },
    });
    const publisherCookie = await signIn(ctx, who);
    const session = await ctx.app.inject({
      url: '/api/auth/session',
      headers: { cookie: publisherCookie },
    });
    expect(session.json().user.systemRoles).toEqual(['publisher']);
    // A publisher is no system admin: the administration area does not exist for them.
    expect((await call(publisherCookie, 'GET', '/api/admin/users')).statusCode).toBe(404);

    const revoke = await call(
      adminCookie,
      'DELETE',
      `/api/admin/users/${id}/system-roles/publisher`,
      {},
    );
    expect(revoke.json().user).toMatchObject({ systemRoles: [] });
    expect(await auditOf(ctx, 'system.roles.grant', id)).toMatchObject([
      {
        actorId: adminId,
        before: { systemRoles: [] },
        after: { systemRoles: ['publisher'] },
        reason: 'Approves events',
      },
    ]);
    expect(await auditOf(ctx, 'system.roles.revoke', id)).toMatchObject([
      { before: { systemRoles: ['publisher'] }, after: { systemRoles: [] }, reason: null },
    ]);
    expect(await auditOf(ctx, 'system.roles.grant', secondId)).toMatchObject([
      { after: { systemRoles: ['system_admin'] }, reason: 'Second operator' },
    ]);
  });

  it('shows and changes system settings with their explanations, audited', async () => {
    const res = await call(adminCookie, 'GET', '/api/admin/settings');
    expect(res.json().settings).toMatchObject({
      signUp: { value: 'open', default: 'open', choices: ['open', 'invite_only'] },
      requireMfaForAdmins: { value: true, default: true },
    });
    expect(res.json().settings.signUp.explanation).toMatch(/invitation/);

    const bad = await call(adminCookie, 'PATCH', '/api/admin/settings', { signUp: 'closed' });
    expect(bad.statusCode).toBe(400);
    const unknown = await call(adminCookie, 'PATCH', '/api/admin/settings', { anything: true });
    expect(unknown.statusCode).toBe(400);

    const changed = await call(adminCookie, 'PATCH', '/api/admin/settings', {
      signUp: 'invite_only',
    });
    expect(changed.json().settings.signUp.value).toBe('invite_only');
    const session = await ctx.app.inject({ url: '/api/auth/session' });
    expect(session.json().signUp).toBe('invite_only');
    const entries = await auditOf(ctx, 'system.settings.update', 'signUp');
    expect(entries).toMatchObject([
      { actorId: adminId, before: { signUp: 'open' }, after: { signUp: 'invite_only' } },
    ]);
    const back = await call(adminCookie, 'PATCH', '/api/admin/settings', { signUp: 'open' });
    expect(back.json().settings.signUp.value).toBe('open');
  });

  it('never revokes the last usable system admin', async () => {
    // A deactivated admin does not count: they cannot sign in to run anything.
    const dormant = person('Dora Dormant');
    await signUpVerified(ctx, dormant);
    const dormantId = await idOf(ctx, dormant.email);
    await call(adminCookie, 'PUT', `/api/admin/users/${dormantId}/system-roles/system_admin`, {});
    const off = await call(adminCookie, 'POST', `/api/admin/users/${dormantId}/deactivate`, {});
    expect(off.json().user).toMatchObject({
      status: 'deactivated',
      systemRoles: ['system_admin'],
      can: { revoke: ['system_admin'] },
    });

    const revokeSecond = await call(
      adminCookie,
      'DELETE',
      `/api/admin/users/${secondId}/system-roles/system_admin`,
      { reason: 'Left the team' },
    );
    expect(revokeSecond.statusCode, revokeSecond.body).toBe(200);
    expect(revokeSecond.json().user.systemRoles).toEqual([]);

    const me = await call(adminCookie, 'GET', `/api/admin/users/${adminId}`);
    expect(me.json().user.can.revoke).toEqual([]);
    const last = await call(
      adminCookie,
      'DELETE',
      `/api/admin/users/${adminId}/system-roles/system_admin`,
      {},
    );
    expect(last.statusCode).toBe(409);
    expect(last.json().error.code).toBe('last_admin');
    expect((await call(adminCookie, 'GET', '/api/admin/users')).statusCode).toBe(200);
    expect(await auditOf(ctx, 'system.roles.revoke', adminId)).toHaveLength(0);

    // The dormant admin's role can go: that leaves the usable ones as they are.
    const dormantRevoked = await call(
      adminCookie,
      'DELETE',
      `/api/admin/users/${dormantId}/system-roles/system_admin`,
      {},
    );
    expect(dormantRevoked.statusCode, dormantRevoked.body).toBe(200);

    // Someone who lost system_admin meets the hidden area again.
    const secondNow = await call(await signIn(ctx, second), 'GET', '/api/admin/users');
    expect(secondNow.statusCode).toBe(404);
  });

  it('two admins revoking each other at once leave exactly one', async () => {
    const rival = person('Rae Rival');
    await signUpVerified(ctx, rival);
    const rivalId = await idOf(ctx, rival.email);
    await call(adminCookie, 'PUT', `/api/admin/users/${rivalId}/system-roles/system_admin`, {});
    const rivalCookie = (await enableTwoFactor(ctx, await signIn(ctx, rival), rival.password))
      .cookie;
    const [a, b] = await Promise.all([
      call(adminCookie, 'DELETE', `/api/admin/users/${rivalId}/system-roles/system_admin`, {}),
      call(rivalCookie, 'DELETE', `/api/admin/users/${adminId}/system-roles/system_admin`, {}),
    ]);
    expect(
      [a.statusCode, b.statusCode].filter((s) => s === 200),
      `${a.body} ${b.body}`,
    ).toHaveLength(1);
    const admins = await call(
      a.statusCode === 200 ? adminCookie : rivalCookie,
      'GET',
      '/api/admin/users?pageSize=100',
    );
    const holders = admins
      .json()
      .items.filter((u: { systemRoles: string[] }) => u.systemRoles.includes('system_admin'));
    expect(holders).toHaveLength(1);
  });
});
