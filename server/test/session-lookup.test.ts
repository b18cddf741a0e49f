import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { SESSION_IDLE_SECONDS, SESSION_MAX_AGE_SECONDS } from '../src/auth/session-policy.js';
import { sessions } from '../src/db/schema/index.js';
import { createTestApp, type TestContext } from './support/app.js';
import { admin, completeSetup, sessionCookie } from './support/setup-link.js';

// Every signed-in request reads its session through one statement (auth/session-lookup.ts),
// checking better-auth's signed cookie itself; what is not the plain case goes to better-auth.
// These are the cases on either side of that line.
describe('reading the session of a request', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
    await completeSetup(ctx);
  });
  afterAll(() => ctx.close());

  async function signIn() {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: admin.email, password: admin.password },
    });
    const cookie = sessionCookie(res.headers['set-cookie']);
    const token = decodeURIComponent(cookie.split('=')[1]!).split('.')[0]!;
    return { cookie, token };
  }
  const whoIs = async (cookie: string) =>
    (await ctx.app.inject({ url: '/api/auth/session', headers: { cookie } })).json().user;
  const rowOf = async (token: string) =>
    (await ctx.database.db.select().from(sessions).where(eq(sessions.token, token)))[0];

  it('takes a validly signed cookie and nothing else', async () => {
    const { cookie } = await signIn();
    expect(await whoIs(cookie)).toMatchObject({ email: admin.email });
    const [name, value] = cookie.split('=') as [string, string];
    const [token, signature] = decodeURIComponent(value).split('.') as [string, string];
    // The same token with another signature, and a signature of another token: nobody.
    const flipped = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    expect(await whoIs(`${name}=${encodeURIComponent(`${token}.${flipped}`)}`)).toBeNull();
    expect(
      await whoIs(`${name}=${encodeURIComponent(`x${token.slice(1)}.${signature}`)}`),
    ).toBeNull();
    expect(await whoIs(`${name}=${token}`)).toBeNull();
    // Other spellings of the same signature's bytes, which a lenient base64 decoder takes: only
    // better-auth's own is a valid cookie (each would otherwise be remembered on its own).
    for (const spelling of [
      `${signature}AAAA`,
      signature.replace(/=+$/, ''),
      signature.replace(/\+/g, '-').replace(/\//g, '_'),
    ].filter((s) => s !== signature)) {
      expect(await whoIs(`${name}=${encodeURIComponent(`${token}.${spelling}`)}`)).toBeNull();
    }
    // A valid cookie is remembered as valid (its signature is not computed again); forged ones
    // coming after it are still refused above, and it still counts.
    expect(await whoIs(cookie)).toMatchObject({ email: admin.email });
  });

  it('refuses a cookie remembered as validly signed once its session is gone', async () => {
    const { cookie, token } = await signIn();
    expect(await whoIs(cookie)).toMatchObject({ email: admin.email });
    await ctx.database.db.delete(sessions).where(eq(sessions.token, token));
    expect(await whoIs(cookie)).toBeNull();
  });

  it('lets better-auth end an expired session: nobody, and the row is gone', async () => {
    const { cookie, token } = await signIn();
    await ctx.database.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.token, token));
    expect(await whoIs(cookie)).toBeNull();
    expect(await rowOf(token)).toBeUndefined();
  });

  it('lets better-auth push back the idle expiry of a session due for it', async () => {
    const { cookie, token } = await signIn();
    // Used last two hours ago: the idle expiry is older than the refresh age (one hour).
    const stale = new Date(Date.now() + SESSION_IDLE_SECONDS * 1000 - 2 * 60 * 60 * 1000);
    await ctx.database.db
      .update(sessions)
      .set({ expiresAt: stale })
      .where(eq(sessions.token, token));
    expect(await whoIs(cookie)).toMatchObject({ email: admin.email });
    expect((await rowOf(token))!.expiresAt.getTime()).toBeGreaterThan(stale.getTime() + 60_000);
  });

  it('ends a session past its absolute age however recently used', async () => {
    const { cookie, token } = await signIn();
    await ctx.database.db
      .update(sessions)
      .set({ createdAt: new Date(Date.now() - (SESSION_MAX_AGE_SECONDS + 60) * 1000) })
      .where(eq(sessions.token, token));
    expect(await whoIs(cookie)).toBeNull();
    expect(await rowOf(token)).toBeUndefined();
  });
});
