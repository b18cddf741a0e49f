import { createHash } from 'node:crypto';
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
import { reservedForStatements, TransactionLimitedPool } from './pool.js';
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
   * Runs `fn` on a connection of its own, outside any transaction unless `fn` begins one: what a
   * session keeps (SET, temporary tables) stays with it, and two sessions run side by side on
   * PostgreSQL (the dataset generator's two lanes). PGlite has one connection, which `fn` gets.
   */
  session<T>(fn: (db: Database) => Promise<T>): Promise<T>;
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
  | { kind: 'postgres'; url: string; poolSize?: number; preparedStatements?: boolean }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite-memory'; loadDataDir?: Blob | File };

/** The database the configuration names: PostgreSQL when DATABASE_URL is set, else embedded. */
export function targetFromConfig(
  config: Pick<
    Config,
    'databaseUrl' | 'databasePoolSize' | 'databasePreparedStatements' | 'dataDir'
  >,
): DatabaseTarget {
  return config.databaseUrl
    ? {
        kind: 'postgres',
        url: config.databaseUrl,
        poolSize: config.databasePoolSize,
        preparedStatements: config.databasePreparedStatements,
      }
    : { kind: 'pglite', dataDir: config.dataDir };
}

/** Opens PGlite in a data folder (locked against a second process), in memory, or PostgreSQL. */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'postgres') {
    return openPostgres(target.url, target.poolSize ?? 10, target.preparedStatements ?? true);
  }

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
    session: (fn) => fn(db),
    listen: (channel, onPayload) => client.listen(channel, onPayload),
    async close() {
      await client.close();
      lock?.release();
    },
  };
}

async function openPostgres(
  url: string,
  poolSize: number,
  preparedStatements: boolean,
): Promise<DatabaseHandle> {
  // Transactions may hold all of its connections but a quarter, which single statements always
  // find (pool.ts).
  const pool = new TransactionLimitedPool(
    {
      ...(preparedStatements
        ? {
            Client: PreparingClient,
            // Plan each prepared statement once per connection (see PreparingClient): left to
            // choose, PostgreSQL kept planning the permission-filtered lists anew, since their
            // generic plans look costlier on paper; they are key lookups either way.
            options: '-c plan_cache_mode=force_generic_plan',
          }
        : { Client: UnpreparedClient }),
      connectionString: url,
      max: poolSize,
      // While the server is down or unreachable, a request waits this long for a connection and
      // then fails (a 503), instead of queueing forever (pg's default) until every request hangs.
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      // A connection the network dropped without a word is noticed instead of waited on.
      keepAlive: true,
      // Idle connections are kept for minutes, not pg's 10 seconds: a new one costs a PostgreSQL
      // process and the preparing of every statement again, and after a pause of half a minute
      // the first second of a burst paid that on every connection (a list's p99 at a steady load
      // went from 15 to 130 ms; docs/PERFORMANCE.md).
      idleTimeoutMillis: IDLE_CONNECTION_MS,
    },
    reservedForStatements(poolSize),
  );
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  surviveLostConnections(pool);
  await checkServer(pool, url);
  const db = drizzlePg(pool, { schema }) as unknown as Database;
  const session = async <T>(fn: (db: Database) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      return await fn(drizzlePg(client, { schema }) as unknown as Database);
    } finally {
      client.release();
    }
  };
  return {
    kind: 'postgres',
    db,
    session,
    withExclusiveLock: (key, fn) =>
      session(async (own) => {
        await own.execute(sql`SELECT pg_advisory_lock(${key})`);
        try {
          return await fn(own);
        } finally {
          await own.execute(sql`SELECT pg_advisory_unlock(${key})`);
        }
      }),
    listen: (channel, onPayload, onReconnect) =>
      listenOnPostgres(url, channel, onPayload, onReconnect),
    close: () => pool.end(),
  };
}

/** How many statements PreparingClient prepares on one connection at most. */
export const MAX_PREPARED_PER_CONNECTION = 1000;

/**
 * A pg client that runs every query with parameters as a named prepared statement, named by a
 * hash of its text: each connection parses it once, and PostgreSQL may keep its plan (after five
 * runs, when a generic plan is no worse). Planning was most of the database's work per request:
 * Steward's permission-filtered list queries take several milliseconds to plan and a fraction of
 * that to run (docs/PERFORMANCE.md). JDBC drivers do the same after a few uses of a statement.
 * Queries without parameters (BEGIN, COMMIT, migrations) go as they are.
 */
class PreparingClient extends pg.Client {
  /** The statements this connection has prepared (neither pg nor PostgreSQL forgets them). */
  readonly #prepared = new Set<string>();

  override query(...args: unknown[]): never {
    const config = args[0] as { text?: unknown; name?: unknown; values?: unknown } | null;
    // Drizzle passes the values beside the config: query({ text, rowMode, types }, values).
    const values = config && typeof config === 'object' ? (config.values ?? args[1]) : undefined;
    if (
      config &&
      typeof config === 'object' &&
      typeof config.text === 'string' &&
      !config.name &&
      Array.isArray(values) &&
      values.length > 0
    ) {
      const name = `s_${createHash('sha1').update(config.text).digest('base64url')}`;
      // A bound on what a connection keeps: texts made from data (a list of n ids is a text per
      // n) would otherwise add plans to its server process for as long as it lives. Past it, a
      // new text is planned each time it runs, as without preparing.
      if (this.#prepared.has(name) || this.#prepared.size < MAX_PREPARED_PER_CONNECTION) {
        this.#prepared.add(name);
        args[0] = { ...config, name };
      }
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}

/**
 * A pg client that runs nothing as a named statement, not even Drizzle's prepared queries
 * (db/prepared.ts names them): for poolers that hand each transaction another server connection,
 * where a statement prepared on one is unknown on the next (DATABASE_PREPARED_STATEMENTS=false).
 */
class UnpreparedClient extends pg.Client {
  override query(...args: unknown[]): never {
    const config = args[0] as { name?: unknown } | null;
    if (config && typeof config === 'object' && config.name) {
      args[0] = { ...config, name: undefined };
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}

/**
 * Closes two gaps of pg's pool when the server goes away (a restart, a failover, a proxy that
 * cuts connections):
 * - a client that is checked out but between queries (inside a transaction) emits 'error' with
 *   nobody listening, and an unhandled 'error' event ends the process: the database-outage
 *   failure test (e2e/faults) crashed Steward so. The query in progress, if any, still gets the
 *   error; the next one fails with "not queryable".
 * - a client whose connection ended while checked out is given back to the pool, which discards
 *   it. Its user may never give it back itself: drizzle's transaction() releases nothing when its
 *   BEGIN fails (as on a connection found dead only when used), and each such client would shrink
 *   the pool for good, until every request waits for a connection that never comes.
 */
function surviveLostConnections(pool: pg.Pool) {
  const checkedOut = new WeakSet<pg.PoolClient>();
  pool.on('acquire', (client) => checkedOut.add(client));
  pool.on('release', (_err, client) => checkedOut.delete(client));
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
    client.once('end', () => {
      if (!checkedOut.has(client)) return;
      const release = client.release.bind(client);
      // Its user's own release, if it comes, must not throw for a second release.
      client.release = () => undefined;
      release(new Error('the connection to PostgreSQL was lost'));
    });
  });
}

/** How long to wait for a new connection to PostgreSQL before failing the query. */
const CONNECT_TIMEOUT_MS = 5_000;
const IDLE_CONNECTION_MS = 5 * 60_000;

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
    // Without a timeout, a connection attempt the network swallows would never fail, and so
    // never be retried: the process would stop hearing notifications for good.
    const next = new pg.Client({
      connectionString: url,
      keepAlive: true,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
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
