import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEntries } from '../src/db/schema/index.js';
import { createTestApp, type TestContext } from './support/app.js';
import { admin, completeSetup, sessionCookie } from './support/setup-link.js';

describe('sign-in and sessions', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
    await completeSetup(ctx);
  });
  afterAll(() => ctx.close());

  it('has no user without a session', async () => {
    const res = await ctx.app.inject({ url: '/api/auth/session' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ user: null, signUp: 'open' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('signs in with the right password and sets a safe cookie', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: admin.email, password: admin.password },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ email: admin.email, name: admin.name });
    const raw = [res.headers['set-cookie']].flat().find((c) => c?.includes('session_token='))!;
    expect(raw).toMatch(/HttpOnly/i);
    expect(raw).toMatch(/SameSite=Lax/i);
    expect(raw).not.toMatch(/Secure/i); // plain HTTP here

    const cookie = sessionCookie(res.headers['set-cookie']);
    const session = await ctx.app.inject({ url: '/api/auth/session', headers: { cookie } });
    expect(session.json().user).toMatchObject({
      email: admin.email,
      systemRoles: ['system_admin'],
    });
  });

  it('refuses a wrong password with invalid_credentials', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: admin.email, password: 'wrong password here' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('invalid_credentials');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('answers an unknown email exactly like a wrong password', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'nobody@example.org', password: 'whatever it is' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('invalid_credentials');
  });

  it('marks cookies Secure on HTTPS behind a trusted proxy', async () => {
    const secure = await createTestApp({ TRUST_PROXY: 'true' });
    try {
      await completeSetup(secure);
      const res = await secure.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { email: admin.email, password: admin.password },
      });
      expect(res.statusCode).toBe(200);
      const raw = [res.headers['set-cookie']].flat().find((c) => c?.includes('session_token='))!;
      expect(raw).toMatch(/;\s*Secure/i);
    } finally {
      await secure.close();
    }
  });

  it('signs out and the session stops working', async () => {
    const signIn = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: admin.email, password: admin.password },
    });
    const cookie = sessionCookie(signIn.headers['set-cookie']);
    const out = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { cookie },
    });
    expect(out.statusCode).toBe(204);
    const session = await ctx.app.inject({ url: '/api/auth/session', headers: { cookie } });
    expect(session.json()).toEqual({ user: null, signUp: 'open' });
  });

  it('audits sign-ins, refused attempts and sign-outs', async () => {
    const email = admin.email;
    const ok = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email, password: admin.password },
    });
    const userId = ok.json().user.id;
    const refused = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'mallory@example.org', password: 'guess guess guess' },
    });
    await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { cookie: sessionCookie(ok.headers['set-cookie']) },
    });

    const entries = await ctx.database.db.select().from(auditEntries);
    const byRequest = (id: unknown) => entries.find((e) => e.requestId === id);
    expect(byRequest(ok.headers['x-request-id'])).toMatchObject({
      action: 'auth.sign_in',
      outcome: 'success',
      actorId: userId,
      scopeType: 'system',
    });
    expect(byRequest(refused.headers['x-request-id'])).toMatchObject({
      action: 'auth.sign_in',
      outcome: 'denied',
      actorId: null,
      after: { email: 'mallory@example.org' },
    });
    const signOuts = await ctx.database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.action, 'auth.sign_out'), eq(auditEntries.actorId, userId)));
    expect(signOuts.length).toBeGreaterThanOrEqual(1);
  });

  it('rate-limits repeated sign-in attempts', async () => {
    let last = 0;
    for (let i = 0; i < 12; i++) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        remoteAddress: '203.0.113.9',
        payload: { email: 'nobody@example.org', password: 'whatever it is' },
      });
      last = res.statusCode;
      if (last === 429) {
        expect(res.json().error.code).toBe('rate_limited');
        break;
      }
    }
    expect(last).toBe(429);
  });
});
