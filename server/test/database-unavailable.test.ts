import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { isDatabaseUnavailable } from '../src/db/errors.js';
import { createTestApp, type TestContext } from './support/app.js';
import { signUpVerified } from './support/accounts.js';

// A database that cannot be reached is a 503 with Retry-After, never a 500 (a failure of ours)
// nor a 401 (a signed-in person told they are signed out). The failure test
// e2e/faults/database-outage.test.ts plays a real restart under load; this is the fast check.

const standard503 = {
  error: {
    code: 'service_unavailable',
    message: expect.stringMatching(/try again/),
    requestId: expect.any(String),
  },
};

describe('requests while the database is gone', () => {
  let ctx: TestContext;
  let cookie: string;

  beforeAll(async () => {
    ctx = await createTestApp({}, { email: { worker: false } });
    cookie = await signUpVerified(ctx);
    const before = await ctx.app.inject({
      method: 'GET',
      url: '/api/me/reports',
      headers: { cookie },
    });
    expect(before.statusCode, before.body).toBe(200);
    // The database goes away under the running app: PGlite closed, or the pool ended.
    await ctx.database.close();
  });
  afterAll(async () => {
    await ctx?.app.close();
  });

  it('a signed-in read answers 503 with Retry-After, not "signed out" nor a 500', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/me/reports',
      headers: { cookie },
    });
    expect(res.statusCode, res.body).toBe(503);
    expect(res.json()).toEqual(standard503);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
  });

  it('the session read by the web app answers 503 too', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie },
    });
    expect(res.statusCode, res.body).toBe(503);
    expect(res.json()).toEqual(standard503);
  });

  it('a read without a session answers 503', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/public/events' });
    expect(res.statusCode, res.body).toBe(503);
    expect(res.json()).toEqual(standard503);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
  });

  it('an anonymous submission answers 503 with Retry-After (its rate limit cannot be counted)', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/events/${randomUUID()}/reports`,
      payload: {
        idempotencyKey: randomUUID(),
        title: 'Shouting at the desk',
        description: 'Someone shouted at a volunteer.',
        type: 'harassment',
        anonymous: true,
      },
    });
    expect(res.statusCode, res.body).toBe(503);
    expect(res.json()).toMatchObject({ error: { code: 'service_unavailable' } });
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
  });

  it('/readyz says not ready, and /healthz that the process lives', async () => {
    const ready = await ctx.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({
      status: 'not_ready',
      checks: { database: 'unreachable' },
    });
    expect((await ctx.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});

/** The error a query through drizzle and a pg pool meets at `port`. */
async function errorOfQueryAt(port: number, connectionTimeoutMillis = 0): Promise<unknown> {
  const pool = new pg.Pool({
    host: '127.0.0.1',
    port,
    user: 'nobody',
    database: 'nothing',
    connectionTimeoutMillis,
  });
  pool.on('error', () => undefined);
  try {
    await drizzle(pool).execute(sql`select 1`);
    return null;
  } catch (error) {
    return error;
  } finally {
    await pool.end().catch(() => undefined);
  }
}

/** A local port that accepts connections and never answers, as across a network partition. */
async function silentPort(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('isDatabaseUnavailable', () => {
  it('recognizes the real errors of a refused connection and of a connection timeout', async () => {
    // Port 1: nobody listens there, so the connection is refused.
    const refused = await errorOfQueryAt(1);
    expect(refused).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(refused)).toBe(true);

    const silent = await silentPort();
    try {
      const timedOut = await errorOfQueryAt(silent.port, 200);
      expect(timedOut).toBeInstanceOf(Error);
      expect(isDatabaseUnavailable(timedOut)).toBe(true);
    } finally {
      await silent.close();
    }
  });

  it('recognizes SQLSTATEs of a server going away, however deeply wrapped', () => {
    const withCode = (code: string) => Object.assign(new Error('server says no'), { code });
    for (const code of ['57P01', '57P02', '57P03', '53300', '08006', '08001', 'ECONNRESET']) {
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(true);
    }
    const wrapped = new Error('Failed to get session', {
      cause: new Error('Failed query: select 1', { cause: withCode('57P01') }),
    });
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('leaves every other failure alone', () => {
    const withCode = (code: string) => Object.assign(new Error('a failed query'), { code });
    // A unique violation, a missing table, a syntax error, a statement timeout: not outages.
    for (const code of ['23505', '42P01', '42601', '57014', 'ENOENT']) {
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(false);
    }
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
    const looped = new Error('a cause that is itself');
    (looped as { cause?: unknown }).cause = looped;
    expect(isDatabaseUnavailable(looped)).toBe(false);
  });

  it('recognizes a backend ended by the server (PostgreSQL only)', async (test) => {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) test.skip('TEST_DATABASE_URL is not set');
    const victim = new pg.Client({ connectionString: url });
    const killer = new pg.Client({ connectionString: url });
    victim.on('error', () => undefined);
    await victim.connect();
    await killer.connect();
    try {
      const { rows } = await victim.query<{ pid: number }>('select pg_backend_pid() as pid');
      await killer.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
      const error = await victim.query('select 1').then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      await victim.end().catch(() => undefined);
      await killer.end();
    }
  });
});
