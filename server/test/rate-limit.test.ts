import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.js';
import { createTestApp, type TestContext } from './support/app.js';
import { admin, completeSetup } from './support/setup-link.js';

const webRoot = fileURLToPath(new URL('./fixtures/web', import.meta.url));

// Each test uses its own addresses and emails, so counts from one test never reach another.
let n = 0;
const ip = () => `198.51.100.${++n}`;
const unknownEmail = () => `nobody-${++n}@example.org`;

const signIn = (app: App, remoteAddress: string, email: string, password = 'not the password') =>
  app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    remoteAddress,
    payload: { email, password },
  });

function expectRateLimited(res: Awaited<ReturnType<typeof signIn>>, maxSeconds: number) {
  expect(res.statusCode).toBe(429);
  expect(res.json().error).toMatchObject({ code: 'rate_limited' });
  expect(res.json().error.message).toMatch(/Try again in/);
  const retryAfter = Number(res.headers['retry-after']);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
}

describe('rate limits on sign-in', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
    await completeSetup(ctx);
  });
  afterAll(() => ctx.close());

  it('refuses the 11th attempt a minute from one address, whatever the emails', async () => {
    const from = ip();
    for (let i = 0; i < 10; i++) {
      expect((await signIn(ctx.app, from, unknownEmail())).statusCode).toBe(401);
    }
    expectRateLimited(await signIn(ctx.app, from, unknownEmail()), 60);
    // Another address is not affected.
    expect((await signIn(ctx.app, ip(), unknownEmail())).statusCode).toBe(401);
  });

  it('refuses the 6th attempt in 15 minutes on one account, from any address', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await signIn(ctx.app, ip(), admin.email)).statusCode).toBe(401);
    }
    const refused = await signIn(ctx.app, ip(), admin.email);
    expectRateLimited(refused, 15 * 60);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(60);
    // Even the right password waits: the limit is on the account, not on wrong guesses alone.
    expect((await signIn(ctx.app, ip(), admin.email, admin.password)).statusCode).toBe(429);
  });

  it('limits an unknown email exactly like a known one', async () => {
    const fresh = await createTestApp();
    try {
      await completeSetup(fresh);
      const run = async (email: string) => {
        const answers = [];
        for (let i = 0; i < 7; i++) {
          const res = await signIn(fresh.app, ip(), email);
          const { requestId: _, ...error } = res.json().error;
          answers.push({ status: res.statusCode, error, retryAfter: res.headers['retry-after'] });
        }
        return answers;
      };
      const known = await run(admin.email);
      const unknown = await run('no-such-account@example.org');
      expect(unknown).toEqual(known);
      expect(known.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429, 429]);
    } finally {
      await fresh.close();
    }
  });

  it('counts every spelling of an email as one account', async () => {
    const email = unknownEmail();
    const spellings = [email, email.toUpperCase(), `  ${email} `, email, email];
    for (const spelling of spellings) {
      expect((await signIn(ctx.app, ip(), spelling)).statusCode).toBe(401);
    }
    expect((await signIn(ctx.app, ip(), ` ${email.toUpperCase()}`)).statusCode).toBe(429);
  });

  it('gives a successful sign-in its count back', async () => {
    const fresh = await createTestApp();
    try {
      await completeSetup(fresh);
      const from = ip();
      for (let i = 0; i < 12; i++) {
        expect((await signIn(fresh.app, from, admin.email, admin.password)).statusCode).toBe(200);
      }
      for (let i = 0; i < 5; i++) {
        expect((await signIn(fresh.app, ip(), admin.email)).statusCode).toBe(401);
      }
      expect((await signIn(fresh.app, ip(), admin.email)).statusCode).toBe(429);
    } finally {
      await fresh.close();
    }
  });

  it('treats one IPv6 /64 as one client', async () => {
    for (let i = 0; i < 10; i++) {
      const res = await signIn(ctx.app, `2001:db8:1:2::${(i + 1).toString(16)}`, unknownEmail());
      expect(res.statusCode).toBe(401);
    }
    expect((await signIn(ctx.app, '2001:db8:1:2:ffff::1', unknownEmail())).statusCode).toBe(429);
    expect((await signIn(ctx.app, '2001:db8:1:3::1', unknownEmail())).statusCode).toBe(401);
  });
});

describe('rate limits shared between app processes', () => {
  it('counts across two apps on one database', async () => {
    const first = await createTestApp();
    const second = await buildApp({ config: first.config, database: first.database, webRoot });
    await second.ready();
    try {
      const email = unknownEmail();
      const apps = [first.app, second];
      for (let i = 0; i < 5; i++) {
        expect((await signIn(apps[i % 2]!, ip(), email)).statusCode).toBe(401);
      }
      expect((await signIn(second, ip(), email)).statusCode).toBe(429);
      expect((await signIn(first.app, ip(), email)).statusCode).toBe(429);

      const from = ip();
      for (let i = 0; i < 10; i++) {
        expect((await signIn(apps[i % 2]!, from, unknownEmail())).statusCode).toBe(401);
      }
      expect((await signIn(first.app, from, unknownEmail())).statusCode).toBe(429);
    } finally {
      await second.close();
      await first.close();
    }
  });
});

describe('configured limits', () => {
  it('follows RATE_LIMIT_* overrides', async () => {
    const ctx = await createTestApp({
      RATE_LIMIT_SIGN_IN_PER_ACCOUNT: '2/30s',
      RATE_LIMIT_SETUP_PER_IP: '3/1m',
    });
    try {
      const email = unknownEmail();
      expect((await signIn(ctx.app, ip(), email)).statusCode).toBe(401);
      expect((await signIn(ctx.app, ip(), email)).statusCode).toBe(401);
      expectRateLimited(await signIn(ctx.app, ip(), email), 30);

      const from = ip();
      const check = () =>
        ctx.app.inject({
          method: 'POST',
          url: '/api/setup/check',
          remoteAddress: from,
          payload: { token: 'not-a-real-token' },
        });
      for (let i = 0; i < 3; i++) expect((await check()).statusCode).toBe(404);
      expectRateLimited(await check(), 60);
    } finally {
      await ctx.close();
    }
  });
});

describe('rate limits on setup', () => {
  it('refuses the 21st setup attempt a minute from one address', async () => {
    const ctx = await createTestApp();
    try {
      const from = ip();
      const check = () =>
        ctx.app.inject({
          method: 'POST',
          url: '/api/setup/check',
          remoteAddress: from,
          payload: { token: 'not-a-real-token' },
        });
      for (let i = 0; i < 20; i++) expect((await check()).statusCode).toBe(404);
      const refused = await check();
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('rate_limited');
      expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    } finally {
      await ctx.close();
    }
  });
});
