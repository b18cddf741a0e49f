import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rateLimits } from '../src/db/schema/index.js';
import { rowsOf, type DatabaseHandle } from '../src/db/connection.js';
import { databaseStore } from '../src/rate-limit/database-store.js';
import { createLimiter } from '../src/rate-limit/limiter.js';
import { redisStore } from '../src/rate-limit/redis-store.js';
import type { RateLimitStore } from '../src/rate-limit/store.js';
import { createTestApp } from './support/app.js';
import { createTestDatabase } from './support/database.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const unique = () => randomBytes(6).toString('hex');

/** What every store must do, whatever keeps the counts. */
function storeContract(store: () => RateLimitStore) {
  it('counts hits in one window and says when it ends', async () => {
    const key = `count:${unique()}`;
    const first = await store().increment(key, 60_000);
    expect(first.count).toBe(1);
    expect(first.resetInMs).toBeGreaterThan(55_000);
    expect(first.resetInMs).toBeLessThanOrEqual(60_000);
    expect((await store().increment(key, 60_000)).count).toBe(2);
    const third = await store().increment(key, 60_000);
    expect(third.count).toBe(3);
    expect(third.resetInMs).toBeLessThanOrEqual(first.resetInMs);
    expect((await store().increment(`other:${unique()}`, 60_000)).count).toBe(1);
  });

  it('starts a new window once the old one has ended', async () => {
    const key = `expiry:${unique()}`;
    await store().increment(key, 200);
    expect((await store().increment(key, 200)).count).toBe(2);
    await sleep(350);
    const fresh = await store().increment(key, 200);
    expect(fresh.count).toBe(1);
    expect(fresh.resetInMs).toBeGreaterThan(100);
  });

  it('gives back a hit, never below zero', async () => {
    const key = `refund:${unique()}`;
    await store().decrement(key); // nothing to give back: no effect
    await store().increment(key, 60_000);
    await store().increment(key, 60_000);
    await store().decrement(key);
    await store().decrement(key);
    await store().decrement(key);
    expect((await store().increment(key, 60_000)).count).toBe(1);
  });

  it('loses no hit under concurrency', async () => {
    const key = `race:${unique()}`;
    const results = await Promise.all(
      Array.from({ length: 30 }, () => store().increment(key, 60_000)),
    );
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
  });

  it('answers allowed, remaining and Retry-After through the limiter', async () => {
    const limiter = createLimiter(store());
    const key = `limiter:${unique()}`;
    const limit = { limit: 2, windowMs: 30_000 };
    expect(await limiter.hit(key, limit)).toMatchObject({ allowed: true, remaining: 1 });
    expect(await limiter.hit(key, limit)).toMatchObject({ allowed: true, remaining: 0 });
    const refused = await limiter.hit(key, limit);
    expect(refused).toMatchObject({ allowed: false, remaining: 0 });
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(29);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(30);
  });
}

describe('database rate-limit store', () => {
  let database: DatabaseHandle;
  let store: RateLimitStore;
  beforeAll(async () => {
    database = await createTestDatabase();
    store = databaseStore(database.db);
  });
  afterAll(() => database.close());

  storeContract(() => store);

  it('sweeps ended windows and keeps open ones', async () => {
    const open = `sweep-open:${unique()}`;
    const ended = `sweep-ended:${unique()}`;
    await store.increment(open, 60_000);
    await store.increment(ended, 100);
    await sleep(200);
    expect(await store.sweep!()).toBeGreaterThanOrEqual(1);
    const keys = (await database.db.select().from(rateLimits)).map((r) => r.key);
    expect(keys).toContain(open);
    expect(keys).not.toContain(ended);
  });

  it('keeps its counters out of the write-ahead log, so a hit waits for no disk', async () => {
    // Every hit on a key holds the key's row until it commits; a logged commit waits for the
    // disk, and every hit behind it on the same key would wait as long (migration 0014).
    const [table] = rowsOf<{ persistence: string }>(
      await database.db.execute(
        sql`SELECT relpersistence AS persistence FROM pg_class WHERE oid = 'rate_limits'::regclass`,
      ),
    );
    expect(table!.persistence).toBe('u');
  });
});

// Redis is optional for Steward, so these run where one answers. REDIS_TEST_URL makes them
// mandatory (CI sets it): then an unreachable Redis fails the run instead of skipping.
const redisUrl = process.env.REDIS_TEST_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisRequired = Boolean(process.env.REDIS_TEST_URL);
const redisReachable = await (async () => {
  const probe = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
})();
if (!redisReachable && !redisRequired) {
  console.warn(
    `Skipping the Redis rate-limit tests: no Redis answers at ${new URL(redisUrl).host}. ` +
      'Set REDIS_TEST_URL (or REDIS_URL) to a running Redis to run them.',
  );
}

describe.skipIf(!redisReachable && !redisRequired)('Redis rate-limit store', () => {
  let store: Awaited<ReturnType<typeof redisStore>>;
  const keyPrefix = `steward-test:${unique()}:`;
  beforeAll(async () => {
    store = await redisStore({ url: redisUrl, keyPrefix });
  });
  afterAll(async () => {
    const keys = await store.client.keys(`${keyPrefix}*`);
    if (keys.length) await store.client.unlink(...keys.map((k) => k.slice(keyPrefix.length)));
    await store.close();
  });

  storeContract(() => store);

  it('refuses to start on an unreachable Redis, naming REDIS_URL', async () => {
    await expect(redisStore({ url: 'redis://127.0.0.1:1' })).rejects.toThrow(
      /Cannot reach Redis at 127\.0\.0\.1:1 \(REDIS_URL\)/,
    );
  });

  it('reports Redis in /readyz, and is not ready while Redis does not answer', async () => {
    const ctx = await createTestApp({ REDIS_URL: redisUrl });
    try {
      const ready = await ctx.app.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json().checks).toMatchObject({ database: 'ok', redis: 'ok' });
      // The connection gone: the balancer must stop sending sign-ins here.
      ctx.app.rateLimiter.reachable = async () => false;
      const down = await ctx.app.inject({ url: '/readyz' });
      expect(down.statusCode).toBe(503);
      expect(down.json()).toMatchObject({ status: 'not_ready', checks: { redis: 'unreachable' } });
    } finally {
      await ctx.close();
    }
  });

  it('leaves Redis out of /readyz when counts live in the database', async () => {
    const ctx = await createTestApp();
    try {
      const ready = await ctx.app.inject({ url: '/readyz' });
      expect(ready.json().checks).not.toHaveProperty('redis');
    } finally {
      await ctx.close();
    }
  });

  it('shares counts between apps on different databases', async () => {
    const first = await createTestApp({ REDIS_URL: redisUrl });
    const second = await createTestApp({ REDIS_URL: redisUrl });
    try {
      const email = `redis-${unique()}@example.org`;
      const apps = [first.app, second.app];
      const signIn = (i: number) =>
        apps[i % 2]!.inject({
          method: 'POST',
          url: '/api/auth/sign-in',
          remoteAddress: `192.0.2.${i + 1}`,
          payload: { email, password: 'not the password' },
        });
      for (let i = 0; i < 5; i++) expect((await signIn(i)).statusCode).toBe(401);
      const refused = await signIn(5);
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('rate_limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // The counts live in Redis, not in either database.
      expect(await first.database.db.select().from(rateLimits)).toEqual([]);
      expect(await second.database.db.select().from(rateLimits)).toEqual([]);
    } finally {
      await first.close();
      await second.close();
    }
  });
});
