// Account security: ways to keep or take over an account that a review found, each held shut.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEntries, roleAssignments, users, verifications } from '../src/db/schema/index.js';
import { createTestApp, type TestContext } from './support/app.js';
import {
  emailedToken,
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
import { totp } from './support/totp.js';

async function resetPassword(ctx: TestContext, who: Person, password: string) {
  const forgot = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/password/forgot',
    payload: { email: who.email },
  });
  expect(forgot.statusCode).toBe(202);
  const token = await emailedToken(ctx, who.email, 'reset-password');
  const reset = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/password/reset',
    payload: { token, password },
  });
  expect(reset.statusCode, reset.body).toBe(204);
}

describe('account takeover', () => {
  let ctx: TestContext;
  let adminCookie: string;

  beforeAll(async () => {
    ctx = await createTestApp(roomyLimits);
    const first = await completeSetup(ctx);
    adminCookie = (await enableTwoFactor(ctx, first, admin.password)).cookie;
  });
  afterAll(() => ctx.close());

  it('a stolen session cannot move the account to another address, even after the password leaks', async () => {
    const victim = person('Vera Victim');
    const stolen = await signUpVerified(ctx, victim);
    const attackerAddress = `attacker-${Date.now()}@evil.example`;
    // A stolen session alone cannot ask for the change: it needs the password.
    const refused = await ctx.app.inject({
      method: 'POST',
      url: '/api/account/email',
      headers: { cookie: stolen },
      payload: { newEmail: attackerAddress, password: 'a guess at the password' },
    });
    expect(refused.statusCode).toBe(401);
    // Even with the password (say it was phished), the link needs the owner's session.
    const change = await ctx.app.inject({
      method: 'POST',
      url: '/api/account/email',
      headers: { cookie: stolen },
      payload: { newEmail: attackerAddress, password: victim.password },
    });
    expect(change.statusCode).toBe(202);
    const link = await emailedToken(ctx, attackerAddress, 'verify-email');

    // The victim notices and resets the password: "a reset ends every session".
    await resetPassword(ctx, victim, 'a brand new long pass phrase');
    expect(await signedInAs(ctx, stolen)).toBeNull();

    // The attacker still holds a working link that moves the account to their address.
    const follow = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/verify-email',
      payload: { token: link },
    });
    expect(follow.statusCode, follow.body).toBe(400);
    expect(follow.json().error.code).toBe('token_invalid');
  });

  it('forgets trusted devices when an admin resets two-factor', async () => {
    const who = person('Tess Trusted');
    const first = await signUpVerified(ctx, who);
    const { secret } = await enableTwoFactor(ctx, first, who.password);
    const start = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: who.email, password: who.password },
    });
    const pending = [start.headers['set-cookie']]
      .flat()
      .find((c) => c?.includes('two_factor='))!
      .split(';')[0]!;
    const trusted = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/two-factor',
      headers: { cookie: pending },
      payload: { code: totp(secret), trustDevice: true },
    });
    expect(trusted.statusCode, trusted.body).toBe(200);
    const id = await idOf(ctx, who.email);
    const remembered = () =>
      ctx.database.db.select().from(verifications).where(eq(verifications.value, id));
    expect((await remembered()).length).toBeGreaterThan(0);

    const reset = await ctx.app.inject({
      method: 'POST',
      url: `/api/admin/users/${id}/reset-two-factor`,
      headers: { cookie: adminCookie },
      payload: {},
    });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(await remembered()).toEqual([]);
  });

  it('turning two-factor on ends every other session', async () => {
    const who = person('Otto Other');
    const here = await signUpVerified(ctx, who);
    const elsewhere = await signIn(ctx, who); // e.g. a session an attacker got with the password
    await enableTwoFactor(ctx, here, who.password);
    expect(await signedInAs(ctx, elsewhere)).toBeNull();
  });

  it('the last usable system admin cannot delete their account (a deactivated one does not count)', async () => {
    const other = person('Sol Second');
    await signUpVerified(ctx, other);
    const otherId = await idOf(ctx, other.email);
    const grant = await ctx.app.inject({
      method: 'PUT',
      url: `/api/admin/users/${otherId}/system-roles/system_admin`,
      headers: { cookie: adminCookie },
      payload: {},
    });
    expect(grant.statusCode, grant.body).toBe(200);
    const off = await ctx.app.inject({
      method: 'POST',
      url: `/api/admin/users/${otherId}/deactivate`,
      headers: { cookie: adminCookie },
      payload: {},
    });
    expect(off.statusCode, off.body).toBe(200);

    // The only usable system admin deletes their account: nobody can run Steward afterwards.
    const del = await ctx.app.inject({
      method: 'DELETE',
      url: '/api/account',
      headers: { cookie: adminCookie },
      payload: { password: admin.password },
    });
    const holders = await ctx.database.db
      .select({ userId: roleAssignments.userId, deactivatedAt: users.deactivatedAt })
      .from(roleAssignments)
      .innerJoin(users, eq(users.id, roleAssignments.userId))
      .where(eq(roleAssignments.role, 'system_admin'));
    expect(holders.filter((h) => !h.deactivatedAt)).not.toHaveLength(0);
    expect(del.statusCode, del.body).toBe(409);
  });
});

describe('sessions, limits, audit and hidden pages', () => {
  it('several reads at once of a session whose roles changed all answer', async () => {
    const ctx = await createTestApp(roomyLimits);
    try {
      const first = await completeSetup(ctx);
      const adminCookie = (await enableTwoFactor(ctx, first, admin.password)).cookie;
      const who = person('Rita Rotated');
      const cookie = await signUpVerified(ctx, who);
      const id = await idOf(ctx, who.email);
      await new Promise((r) => setTimeout(r, 10));
      const grant = await ctx.app.inject({
        method: 'PUT',
        url: `/api/admin/users/${id}/system-roles/publisher`,
        headers: { cookie: adminCookie },
        payload: {},
      });
      expect(grant.statusCode, grant.body).toBe(200);
      // The web app loads a page with several GETs at once.
      const answers = await Promise.all(
        [1, 2, 3].map(() => ctx.app.inject({ url: '/api/auth/session', headers: { cookie } })),
      );
      expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    } finally {
      await ctx.close();
    }
  });

  it('over HTTPS the two-factor limit per pending sign-in still counts (its cookie is __Secure-)', async () => {
    const ctx = await createTestApp({ ...roomyLimits, PUBLIC_URL: 'https://steward.example' });
    try {
      const who = person('Hal Https');
      const cookie = await signUpVerified(ctx, who);
      await enableTwoFactor(ctx, cookie, who.password);
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: who.email, password: who.password },
      });
      const pending = [res.headers['set-cookie']]
        .flat()
        .find((c) => c?.includes('two_factor='))!
        .split(';')[0]!;
      expect(pending.startsWith('__Secure-steward.two_factor=')).toBe(true);
      const codes: string[] = [];
      for (let i = 0; i < 6; i += 1) {
        const attempt = await ctx.app.inject({
          method: 'POST',
          url: '/api/auth/two-factor',
          remoteAddress: `203.0.113.${i + 1}`,
          headers: { cookie: pending },
          payload: { code: '000001' },
        });
        codes.push(attempt.json().error.code);
      }
      // policies.ts: twoFactor perAccount 5/15m keyed on the pending sign-in.
      expect(codes[5]).toBe('rate_limited');
    } finally {
      await ctx.close();
    }
  });

  it('audits refused sign-ins after a right password', async () => {
    const ctx = await createTestApp(roomyLimits);
    try {
      const first = await completeSetup(ctx);
      const adminCookie = (await enableTwoFactor(ctx, first, admin.password)).cookie;
      const who = person('Dee Denied');
      await signUpVerified(ctx, who);
      const id = await idOf(ctx, who.email);
      await ctx.app.inject({
        method: 'POST',
        url: `/api/admin/users/${id}/deactivate`,
        headers: { cookie: adminCookie },
        payload: {},
      });
      const refused = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: who.email, password: who.password },
      });
      expect(refused.json().error.code).toBe('account_deactivated');
      const entries = await ctx.database.db
        .select()
        .from(auditEntries)
        .where(and(eq(auditEntries.action, 'auth.sign_in'), eq(auditEntries.outcome, 'denied')));
      expect(entries.length).toBeGreaterThan(0);
    } finally {
      await ctx.close();
    }
  });

  it('audits denied access attempts, including an admin held back by two-factor', async () => {
    const ctx = await createTestApp(roomyLimits);
    try {
      const adminCookie = await completeSetup(ctx);
      const who = person('Nosy Member');
      const member = await signUpVerified(ctx, who);
      const memberId = await idOf(ctx, who.email);
      const hidden = await ctx.app.inject({ url: '/api/admin/users', headers: { cookie: member } });
      expect(hidden.statusCode).toBe(404);
      const blocked = await ctx.app.inject({
        url: '/api/admin/outbox',
        headers: { cookie: adminCookie },
      });
      expect(blocked.json().error.code).toBe('mfa_required');

      const denied = await ctx.database.db
        .select()
        .from(auditEntries)
        .where(eq(auditEntries.outcome, 'denied'));
      expect(denied).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            actorId: memberId,
            action: 'system.directory.view',
            scopeType: 'system',
            reason: expect.stringMatching(/^not_found: /),
          }),
          expect.objectContaining({
            actorId: await idOf(ctx, admin.email),
            action: 'system.settings.manage',
            reason: expect.stringMatching(/^mfa_required: /),
          }),
        ]),
      );
    } finally {
      await ctx.close();
    }
  });

  it('admin routes answer 404 to a non-admin whatever the body or params', async () => {
    const ctx = await createTestApp(roomyLimits);
    try {
      await completeSetup(ctx);
      const member = await signUpVerified(ctx, person('Mo Member'));
      const res = await ctx.app.inject({
        method: 'PUT',
        url: '/api/admin/users/whoever/system-roles/superuser',
        headers: { cookie: member },
        payload: {},
      });
      expect(res.statusCode, res.body).toBe(404);
    } finally {
      await ctx.close();
    }
  });
});
