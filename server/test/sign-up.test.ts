import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { accounts, auditEntries, sessions, users, verifications } from '../src/db/schema/index.js';
import { insertRoleAssignment } from '../src/modules/roles/repository.js';
import { updateSystemSettings } from '../src/modules/settings/service.js';
import { createTestApp, type TestContext } from './support/app.js';
import { emailedToken, person, roomyLimits, signIn, signUpVerified } from './support/accounts.js';
import { outboxMessages } from './support/outbox.js';
import { admin, completeSetup, sessionCookie } from './support/setup-link.js';

describe('sign-up and email verification', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp(roomyLimits);
    await completeSetup(ctx);
  });
  afterAll(() => ctx.close());

  it('creates an unconfirmed account, emails a link, and signs in only once it is followed', async () => {
    const who = person('Lin Attendee');
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/sign-up', payload: who });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'accepted' });
    expect(res.headers['set-cookie']).toBeUndefined();

    const early = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: who.email, password: who.password },
    });
    expect(early.statusCode).toBe(403);
    expect(early.json().error.code).toBe('email_not_verified');

    const token = await emailedToken(ctx, who.email, 'verify-email');
    const verified = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/verify-email',
      payload: { token },
    });
    expect(verified.json()).toEqual({ status: 'verified', email: who.email });

    const cookie = await signIn(ctx, who);
    const session = await ctx.app.inject({ url: '/api/auth/session', headers: { cookie } });
    expect(session.json().user).toMatchObject({
      email: who.email,
      systemRoles: [],
      mfaSetupRequired: false,
    });
    const [user] = await ctx.database.db.select().from(users).where(eq(users.email, who.email));
    const audited = await ctx.database.db
      .select({ action: auditEntries.action })
      .from(auditEntries)
      .where(eq(auditEntries.targetId, user!.id));
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining(['auth.sign_up', 'auth.email_verified', 'auth.sign_in']),
    );
  });

  it('answers a taken address exactly like a new one, and tells its owner by email', async () => {
    const fresh = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up',
      payload: person(),
    });
    const taken = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up',
      payload: { name: 'Someone Else', email: admin.email, password: 'another long pass phrase' },
    });
    expect(taken.statusCode).toBe(fresh.statusCode);
    expect(taken.body).toBe(fresh.body);
    const [{ count }] = (await ctx.database.db
      .select({ count: sql<number>`count(*)::int` })
      .from(users)
      .where(eq(users.email, admin.email))) as [{ count: number }];
    expect(count).toBe(1);
    const mail = await outboxMessages(ctx.database.db, admin.email);
    expect(mail.map((m) => m.kind)).toContain('auth.existing_account');
  });

  it('refuses a common password and names the field', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up',
      payload: { ...person(), password: '123qweasdzxc' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      expect.objectContaining({ field: 'body.password', message: expect.stringMatching(/common/) }),
    ]);
  });

  it('sends a new confirmation link only to an unconfirmed account, answering alike', async () => {
    const who = person();
    await ctx.app.inject({ method: 'POST', url: '/api/auth/sign-up', payload: who });
    const resend = (email: string) =>
      ctx.app.inject({ method: 'POST', url: '/api/auth/verify-email/resend', payload: { email } });
    const pending = await resend(who.email);
    const confirmed = await resend(admin.email);
    const unknown = await resend('nobody-at-all@example.org');
    for (const res of [pending, confirmed, unknown]) {
      expect(res.statusCode).toBe(202);
      expect(res.body).toBe(pending.body);
    }
    const links = (await outboxMessages(ctx.database.db, who.email)).filter(
      (m) => m.kind === 'auth.verify_email',
    );
    expect(links).toHaveLength(2); // at sign-up, and the one asked for
    const toAdmin = await outboxMessages(ctx.database.db, admin.email);
    expect(toAdmin.map((m) => m.kind)).not.toContain('auth.verify_email');
    expect(await outboxMessages(ctx.database.db, 'nobody-at-all@example.org')).toEqual([]);
  });

  it('refuses a wrong or reused confirmation token', async () => {
    const bad = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/verify-email',
      payload: { token: 'x'.repeat(40) },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('token_invalid');
  });

  it('is closed when the system is invite-only', async () => {
    const [adminUser] = await ctx.database.db
      .select()
      .from(users)
      .where(eq(users.email, admin.email));
    const origin = { requestId: null, ipAddress: null, userAgent: null };
    await updateSystemSettings(
      ctx.database.db,
      { actor: { userId: adminUser!.id }, origin },
      { signUp: 'invite_only' },
    );
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up',
      payload: person(),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('signup_closed');
    const session = await ctx.app.inject({ url: '/api/auth/session' });
    expect(session.json().signUp).toBe('invite_only');
    await updateSystemSettings(
      ctx.database.db,
      { actor: { userId: adminUser!.id }, origin },
      { signUp: 'open' },
    );
  });
});

describe('password reset', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp(roomyLimits);
  });
  afterAll(() => ctx.close());

  it('answers an unknown address like a known one, and emails only the known', async () => {
    const who = person();
    await signUpVerified(ctx, who);
    const known = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password/forgot',
      payload: { email: who.email },
    });
    const unknown = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password/forgot',
      payload: { email: 'nobody-here@example.org' },
    });
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.body).toBe(known.body);
    expect(await outboxMessages(ctx.database.db, 'nobody-here@example.org')).toEqual([]);
    expect((await outboxMessages(ctx.database.db, who.email)).map((m) => m.kind)).toContain(
      'auth.password_reset',
    );
  });

  it('resets once, ends every session, and stores the token only as a hash', async () => {
    const who = person();
    const cookie = await signUpVerified(ctx, who);
    await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password/forgot',
      payload: { email: who.email },
    });
    const token = await emailedToken(ctx, who.email, 'reset-password');

    const stored = await ctx.database.db
      .select({ identifier: verifications.identifier })
      .from(verifications);
    expect(stored.length).toBeGreaterThan(0);
    for (const row of stored) expect(row.identifier).not.toContain(token);

    const reset = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password/reset',
      payload: { token, password: 'a brand new pass phrase' },
    });
    expect(reset.statusCode).toBe(204);

    const again = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password/reset',
      payload: { token, password: 'yet another pass phrase' },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('token_invalid');

    const old = await ctx.app.inject({ url: '/api/auth/session', headers: { cookie } });
    expect(old.json().user).toBeNull();
    await signIn(ctx, { ...who, password: 'a brand new pass phrase' });
    const [user] = await ctx.database.db.select().from(users).where(eq(users.email, who.email));
    const actions = await ctx.database.db
      .select({ action: auditEntries.action })
      .from(auditEntries)
      .where(eq(auditEntries.targetId, user!.id));
    expect(actions.map((a) => a.action)).toContain('auth.password_reset');
  });
});

describe('sessions', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp(roomyLimits);
  });
  afterAll(() => ctx.close());

  it('ends every session with "sign out everywhere"', async () => {
    const who = person();
    const first = await signUpVerified(ctx, who);
    const second = await signIn(ctx, who);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out-everywhere',
      headers: { cookie: first },
    });
    expect(res.statusCode).toBe(204);
    for (const cookie of [first, second]) {
      const s = await ctx.app.inject({ url: '/api/auth/session', headers: { cookie } });
      expect(s.json().user).toBeNull();
    }
  });

  it('ends a session 30 days after sign-in however active it is (absolute expiry)', async () => {
    const who = person();
    const cookie = await signUpVerified(ctx, who);
    const [user] = await ctx.database.db.select().from(users).where(eq(users.email, who.email));
    await ctx.database.db
      .update(sessions)
      .set({ createdAt: new Date(Date.now() - 31 * 24 * 3600 * 1000) })
      .where(eq(sessions.userId, user!.id));
    const s = await ctx.app.inject({ url: '/api/auth/session', headers: { cookie } });
    expect(s.json().user).toBeNull();
    const left = await ctx.database.db.select().from(sessions).where(eq(sessions.userId, user!.id));
    expect(left).toEqual([]);
  });

  it("gives the session a new token after the user's roles change", async () => {
    const who = person();
    const cookie = await signUpVerified(ctx, who);
    const [user] = await ctx.database.db.select().from(users).where(eq(users.email, who.email));
    // Unchanged roles: the token stays.
    const same = await ctx.app.inject({ url: '/api/auth/session', headers: { cookie } });
    expect(same.headers['set-cookie']).toBeUndefined();

    await insertRoleAssignment(ctx.database.db, {
      userId: user!.id,
      role: 'publisher',
      scopeType: 'system',
      scopeId: null,
      grantedBy: null,
    });
    const rotated = await ctx.app.inject({ url: '/api/auth/session', headers: { cookie } });
    expect(rotated.json().user).toMatchObject({ email: who.email, systemRoles: ['publisher'] });
    const fresh = sessionCookie(rotated.headers['set-cookie']);
    expect(fresh).not.toBe(cookie);

    const old = await ctx.app.inject({ url: '/api/auth/session', headers: { cookie } });
    expect(old.json().user).toBeNull();
    const now = await ctx.app.inject({ url: '/api/auth/session', headers: { cookie: fresh } });
    expect(now.json().user).toMatchObject({ email: who.email });
    expect(now.headers['set-cookie']).toBeUndefined();
  });

  it('gives a new session token at every sign-in', async () => {
    const who = person();
    const a = await signUpVerified(ctx, who);
    const b = await signIn(ctx, who);
    expect(a).not.toBe(b);
  });

  it('never sends a password hash in any answer', async () => {
    const who = person();
    const cookie = await signUpVerified(ctx, who);
    const [user] = await ctx.database.db.select().from(users).where(eq(users.email, who.email));
    const [account] = await ctx.database.db
      .select({ password: accounts.password })
      .from(accounts)
      .where(eq(accounts.userId, user!.id));
    for (const url of ['/api/auth/session', '/api/account/export']) {
      const res = await ctx.app.inject({ url, headers: { cookie } });
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(account!.password!);
      expect(res.body).not.toMatch(/argon2id/);
    }
  });
});
