import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { systemSettings, twoFactors, users } from '../src/db/schema/index.js';
import { createTestApp, type TestContext } from './support/app.js';
import {
  enableTwoFactor,
  person,
  signIn,
  signUpVerified,
  type Person,
} from './support/accounts.js';
import { admin, completeSetup, sessionCookie } from './support/setup-link.js';
import { secretOf, totp } from './support/totp.js';

async function startSignIn(ctx: TestContext, who: Person) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email: who.email, password: who.password },
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json()).toEqual({ status: 'two_factor_required' });
  expect(String(res.headers['set-cookie'])).not.toMatch(/session_token=[^;]/);
  const pending = [res.headers['set-cookie']]
    .flat()
    .find((c) => c?.includes('two_factor='))!
    .split(';')[0]!;
  return pending;
}

describe('two-factor authentication', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp({ RATE_LIMIT_SIGN_IN_PER_IP: '1000/1m' });
  });
  afterAll(() => ctx.close());

  it('is off until a first code confirms it, and then asks for a code at sign-in', async () => {
    const who = person();
    const cookie = await signUpVerified(ctx, who);
    const start = await ctx.app.inject({
      method: 'POST',
      url: '/api/account/two-factor/enable',
      headers: { cookie },
      payload: { password: who.password },
    });
    expect(start.statusCode).toBe(200);
    // Not on yet: a password alone still signs in.
    await signIn(ctx, who);

    const wrong = await ctx.app.inject({
      method: 'POST',
      url: '/api/account/two-factor/confirm',
      headers: { cookie },
      payload: { code: '000000' === totp(secretOf(start.json().totpURI)) ? '111111' : '000000' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('two_factor_invalid');

    const confirm = await ctx.app.inject({
      method: 'POST',
      url: '/api/account/two-factor/confirm',
      headers: { cookie },
      payload: { code: totp(secretOf(start.json().totpURI)) },
    });
    expect(confirm.statusCode).toBe(204);

    const pending = await startSignIn(ctx, who);
    const bad = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/two-factor',
      headers: { cookie: pending },
      payload: { code: '123456' === totp(secretOf(start.json().totpURI)) ? '654321' : '123456' },
    });
    expect(bad.statusCode).toBe(401);
    const good = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/two-factor',
      headers: { cookie: pending },
      payload: { code: totp(secretOf(start.json().totpURI)) },
    });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toMatchObject({ status: 'signed_in', user: { email: who.email } });
    const session = await ctx.app.inject({
      url: '/api/auth/session',
      headers: { cookie: sessionCookie(good.headers['set-cookie']) },
    });
    expect(session.json().user).toMatchObject({ email: who.email, twoFactorEnabled: true });
  });

  it('takes each backup code once', async () => {
    const who = person();
    const cookie = await signUpVerified(ctx, who);
    const { backupCodes } = await enableTwoFactor(ctx, cookie, who.password);
    expect(backupCodes).toHaveLength(10);
    const code = backupCodes[0]!;
    const first = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/two-factor',
      headers: { cookie: await startSignIn(ctx, who) },
      payload: { code },
    });
    expect(first.statusCode, first.body).toBe(200);
    const again = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/two-factor',
      headers: { cookie: await startSignIn(ctx, who) },
      payload: { code },
    });
    expect(again.statusCode).toBe(401);
  });

  it('never sends the stored secret or backup codes back', async () => {
    const who = person();
    const cookie = await signUpVerified(ctx, who);
    const enabled = await enableTwoFactor(ctx, cookie, who.password);
    const [user] = await ctx.database.db.select().from(users).where(eq(users.email, who.email));
    const [row] = await ctx.database.db
      .select()
      .from(twoFactors)
      .where(eq(twoFactors.userId, user!.id));
    // Stored encrypted: neither the secret nor a backup code appears in the database as is.
    expect(row!.secret).not.toContain(enabled.secret);
    expect(row!.backupCodes).not.toContain(enabled.backupCodes[0]!);
    for (const url of ['/api/auth/session', '/api/account/export']) {
      const res = await ctx.app.inject({ url, headers: { cookie: enabled.cookie } });
      expect(res.statusCode).toBe(200);
      for (const secret of [
        row!.secret,
        row!.backupCodes,
        enabled.secret,
        enabled.backupCodes[1]!,
      ]) {
        expect(res.body).not.toContain(secret);
      }
    }
  });

  it('turns off with the password', async () => {
    const who = person();
    const first = await signUpVerified(ctx, who);
    const { cookie } = await enableTwoFactor(ctx, first, who.password);
    const wrong = await ctx.app.inject({
      method: 'POST',
      url: '/api/account/two-factor/disable',
      headers: { cookie },
      payload: { password: 'not my password at all' },
    });
    expect(wrong.statusCode).toBe(401);
    const off = await ctx.app.inject({
      method: 'POST',
      url: '/api/account/two-factor/disable',
      headers: { cookie },
      payload: { password: who.password },
    });
    expect(off.statusCode, off.body).toBe(204);
    await signIn(ctx, who);
  });
});

describe('two-factor for admins (requireMfaForAdmins)', () => {
  let ctx: TestContext;
  let cookie: string;
  beforeAll(async () => {
    ctx = await createTestApp({ RATE_LIMIT_SIGN_IN_PER_IP: '1000/1m' });
    cookie = await completeSetup(ctx);
  });
  afterAll(() => ctx.close());

  it('sends a system admin without two-factor to set it up, and refuses admin actions until then', async () => {
    const session = await ctx.app.inject({ url: '/api/auth/session', headers: { cookie } });
    expect(session.json().user).toMatchObject({ mfaSetupRequired: true, twoFactorEnabled: false });

    const blocked = await ctx.app.inject({ url: '/api/admin/outbox', headers: { cookie } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('mfa_required');

    const { cookie: rotated } = await enableTwoFactor(ctx, cookie, admin.password);
    const after = await ctx.app.inject({ url: '/api/auth/session', headers: { cookie: rotated } });
    expect(after.json().user).toMatchObject({ mfaSetupRequired: false, twoFactorEnabled: true });
    const allowed = await ctx.app.inject({
      url: '/api/admin/outbox',
      headers: { cookie: rotated },
    });
    expect(allowed.statusCode, allowed.body).toBe(200);
  });

  it('reads the rule as stored with the session: off lets an admin in, a stale value is the default', async () => {
    const fresh = await createTestApp({ RATE_LIMIT_SIGN_IN_PER_IP: '1000/1m' });
    try {
      const c = await completeSetup(fresh);
      const outbox = () => fresh.app.inject({ url: '/api/admin/outbox', headers: { cookie: c } });
      const store = (value: unknown) =>
        fresh.database.db
          .insert(systemSettings)
          .values({ name: 'requireMfaForAdmins', value })
          .onConflictDoUpdate({ target: systemSettings.name, set: { value } });
      await store(false);
      expect((await outbox()).statusCode).toBe(200);
      // A value an older release might have written, which no longer fits: the default (on).
      await store('sometimes');
      const refused = await outbox();
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('mfa_required');
    } finally {
      await fresh.close();
    }
  });

  it('does not ask people without an admin role', async () => {
    const c = await signUpVerified(ctx, person());
    const session = await ctx.app.inject({ url: '/api/auth/session', headers: { cookie: c } });
    expect(session.json().user.mfaSetupRequired).toBe(false);
  });
});
