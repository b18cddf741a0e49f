import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema/index.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import type { Config } from '../config.js';

export type Schema = typeof schema;
/** The database handle every repository takes: the same type on PGlite and PostgreSQL. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<
  PgQueryResultHKT,
  Schema,
  ExtractTablesWithRelations<Schema>
>;
/** Repositories accept either, so a service decides where the transaction begins. */
export type Executor = Database | Transaction;

/** The rows of a raw `execute()`: PGlite answers with { rows }, node-postgres likewise or bare. */
export const rowsOf = <T>(result: unknown): T[] =>
  Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);

export interface DatabaseHandle {
  kind: 'pglite' | 'postgres';
  db: Database;
  /** Runs `fn` while holding a database-wide advisory lock (migrations, one-time setup). */
  withExclusiveLock<T>(key: number, fn: (db: Database) => Promise<T>): Promise<T>;
  /**
   * Calls `onPayload` for every NOTIFY on `channel` (from this process or any other using the
   * database), after the notifying transaction commits. `onReconnect` runs when a lost listening
   * connection is back, since notifications sent meanwhile were missed. Returns the way to stop.
   */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
    onReconnect?: () => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite-memory'; loadDataDir?: Blob | File };

/** The database the configuration names: PostgreSQL when DATABASE_URL is set, else embedded. */
export function targetFromConfig(
  config: Pick<Config, 'databaseUrl' | 'databasePoolSize' | 'dataDir'>,
): DatabaseTarget {
  return config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl, poolSize: config.databasePoolSize }
    : { kind: 'pglite', dataDir: config.dataDir };
}

/** Opens PGlite in a data folder (locked against a second process), in memory, or PostgreSQL. */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'postgres') return openPostgres(target.url, target.poolSize ?? 10);

  let lock: DataDirLock | undefined;
  let client: PGlite;
  if (target.kind === 'pglite') {
    const dataDir = resolve(target.dataDir);
    mkdirSync(dataDir, { recursive: true });
    lock = lockDataDir(dataDir);
    try {
      client = await PGlite.create(resolve(dataDir, 'pglite'));
    } catch (error) {
      lock.release();
      throw error;
    }
  } else {
    client = await PGlite.create(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {});
  }
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    kind: 'pglite',
    db,
    // One PGlite backend serves every query in order, so no other session can interleave.
    withExclusiveLock: (_key, fn) => fn(db),
    listen: (channel, onPayload) => client.listen(channel, onPayload),
    async close() {
      await client.close();
      lock?.release();
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  await checkServer(pool, url);
  const db = drizzlePg(pool, { schema }) as unknown as Database;
  return {
    kind: 'postgres',
    db,
    async withExclusiveLock(key, fn) {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [key]);
        try {
          return await fn(drizzlePg(client, { schema }) as unknown as Database);
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [key]);
        }
      } finally {
        client.release();
      }
    },
    listen: (channel, onPayload, onReconnect) =>
      listenOnPostgres(url, channel, onPayload, onReconnect),
    close: () => pool.end(),
  };
}

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * LISTEN needs a connection of its own that stays open: not one of the pool's. When it is lost
 * (the server restarts, a proxy drops it), it is opened again with a growing pause, and
 * `onReconnect` says so. TCP keep-alive and a periodic query notice a half-open connection, which
 * would otherwise stop hearing without any error.
 */
async function listenOnPostgres(
  url: string,
  channel: string,
  onPayload: (payload: string) => void,
  onReconnect?: () => void,
): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let attempt = 0;

  const drop = (c: pg.Client) => {
    if (client === c) client = null;
    void c.end().catch(() => undefined);
  };
  // One reconnection at a time, however many errors announce the loss.
  const reconnectSoon = () => {
    if (stopped || retry) return;
    const wait = Math.min(30_000, 500 * 2 ** attempt);
    attempt += 1;
    retry = setTimeout(() => {
      retry = undefined;
      connect()
        .then(() => {
          attempt = 0;
          onReconnect?.();
        })
        .catch(reconnectSoon);
    }, wait);
    retry.unref();
  };

  const connect = async () => {
    const next = new pg.Client({ connectionString: url, keepAlive: true });
    next.on('notification', (n) => {
      if (n.channel === channel) onPayload(n.payload ?? '');
    });
    next.on('error', () => {
      drop(next);
      reconnectSoon();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${quoteIdentifier(channel)}`);
    } catch (error) {
      drop(next);
      throw error;
    }
    if (stopped) {
      drop(next);
      return;
    }
    client = next;
  };

  await connect();
  const check = setInterval(() => {
    const c = client;
    if (!c) return;
    c.query('SELECT 1').catch(() => {
      drop(c);
      reconnectSoon();
    });
  }, 30_000);
  check.unref();
  return async () => {
    stopped = true;
    clearInterval(check);
    clearTimeout(retry);
    const c = client;
    client = null;
    await c?.end().catch(() => undefined);
  };
}

const MIN_SERVER_VERSION = 150000; // PostgreSQL 15: the oldest the schema and queries are written for

/** Fails early, with a message an operator can act on, when the server is unreachable or too old. */
async function checkServer(pool: pg.Pool, url: string): Promise<void> {
  const where = (() => {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  })();
  let version: number;
  try {
    const { rows } = await pool.query<{ v: string }>('SHOW server_version_num');
    version = Number(rows[0]?.v);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new Error(
      `Cannot reach PostgreSQL at ${where} (DATABASE_URL): ${(error as Error).message}`,
      { cause: error },
    );
  }
  if (version < MIN_SERVER_VERSION) {
    await pool.end();
    throw new Error(
      `PostgreSQL at ${where} is version ${Math.floor(version / 10000)}; Steward needs 15 or newer.`,
    );
  }
}

/** True when the database answers a trivial query. */
export async function ping(db: Database): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
