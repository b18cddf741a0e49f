import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../src/db/errors.js';
import { reservedForStatements, TransactionLimitedPool } from '../src/db/pool.js';

// Transactions may hold all of the pool's connections but a quarter, so that single statements
// (every batched read) never queue behind them (db/pool.ts). Against a real PostgreSQL server.
const serverUrl = process.env.TEST_DATABASE_URL;

describe('reservedForStatements', () => {
  it('keeps a quarter of the pool from transactions, and always leaves them one', () => {
    expect([1, 2, 4, 10, 20].map(reservedForStatements)).toEqual([0, 1, 1, 3, 5]);
  });
});

describe.skipIf(!serverUrl)('the transaction-limited pool on PostgreSQL', () => {
  const pools: TransactionLimitedPool[] = [];
  const open = (max: number, connectionTimeoutMillis = 5_000) => {
    const pool = new TransactionLimitedPool(
      { connectionString: serverUrl, max, connectionTimeoutMillis },
      reservedForStatements(max),
    );
    pools.push(pool);
    return pool;
  };
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.end()));
  });

  /** Settles within `ms`, or 'pending'. */
  const within = <T>(promise: Promise<T>, ms: number) =>
    Promise.race([
      promise,
      new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), ms)),
    ]);

  it('answers a single statement while transactions hold every place they may', async () => {
    const pool = open(4); // 3 places for transactions, 1 connection kept for statements
    expect(pool.maxTransactions).toBe(3);
    const held: pg.PoolClient[] = [];
    for (let i = 0; i < 3; i++) {
      const client = await pool.connect();
      await client.query('begin');
      held.push(client);
    }
    expect(pool.transactionCounts).toEqual({ holding: 3, waiting: 0 });

    const fourth = pool.connect();
    expect(await within(fourth, 200)).toBe('pending');
    expect(pool.transactionCounts.waiting).toBe(1);
    // The statement does not wait behind the fourth transaction.
    const answer = await within(pool.query('select 41 + 1 as answer'), 2_000);
    expect(answer).not.toBe('pending');
    expect((answer as pg.QueryResult).rows[0].answer).toBe(42);

    // A place given back goes to the transaction waiting for it.
    await held[0]!.query('commit');
    held[0]!.release();
    const client = await within(fourth, 2_000);
    expect(client).not.toBe('pending');
    expect(pool.transactionCounts).toEqual({ holding: 3, waiting: 0 });
    for (const c of [...held.slice(1), client as pg.PoolClient]) {
      await c.query('rollback');
      c.release();
    }
    expect(pool.transactionCounts).toEqual({ holding: 0, waiting: 0 });
  });

  it('gives a place back once, however often a client is released', async () => {
    const pool = open(2);
    const client = await pool.connect();
    client.release();
    expect(() => client.release()).toThrow();
    expect(pool.transactionCounts).toEqual({ holding: 0, waiting: 0 });
  });

  it('fails a transaction waiting longer than the connection timeout, as an outage', async () => {
    const pool = open(2, 300); // 1 place for transactions
    const holder = await pool.connect();
    const started = Date.now();
    const error = await pool.connect().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(pool.transactionCounts).toEqual({ holding: 1, waiting: 0 });
    holder.release();
    // The place is free again for the next transaction.
    const next = await pool.connect();
    next.release();
    expect(pool.transactionCounts).toEqual({ holding: 0, waiting: 0 });
  });

  it("is what Drizzle's transactions draw from, and its statements are not", async () => {
    const pool = open(4);
    const db = drizzle(pool);
    let inside: unknown;
    await db.transaction(async (tx) => {
      inside = pool.transactionCounts.holding;
      await tx.execute(sql`select 1`);
    });
    expect(inside).toBe(1);
    await db.execute(sql`select 1`);
    expect(pool.transactionCounts).toEqual({ holding: 0, waiting: 0 });
  });
});
