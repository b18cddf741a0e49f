import DataLoader from 'dataloader';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Database, Executor } from './connection.js';

/**
 * One statement for the same small statement of many requests at once. Under load, the requests
 * read off the network in one turn of the event loop each reach (say) the session lookup in that
 * turn; sent one by one they cost one round trip each, and a round trip (system calls and context
 * switches on both sides) costs more than the lookup itself. Here they wait until the end of that
 * turn (setImmediate: after the turn's network reads) and go as one statement; alone, a request
 * waits for nothing but the rest of its own turn (docs/PERFORMANCE.md).
 *
 * Nothing is cached: every call reads or writes anew, after the request that made it arrived, so
 * a role revoked a moment ago still counts on the very next request. `run` gets the keys in the
 * order they were asked for and answers one value (or Error) per key, in that order. A batch whose
 * statement fails fails every call in it, as each one's own statement would have.
 *
 * Per database handle, like prepared statements. In a transaction (one connection taking one
 * statement at a time, whose reads must see its own writes) the keys go at once, by themselves.
 * The returned function answers the values of `keys`, or throws the first error among them.
 */
export function batched<K, V>(
  run: (db: Executor, keys: readonly K[]) => Promise<readonly (V | Error)[]>,
): (db: Executor, keys: readonly K[]) => Promise<V[]> {
  const loaders = new WeakMap<Database, DataLoader<K, V>>();
  const loaderOf = (db: Database) => {
    let loader = loaders.get(db);
    if (!loader) {
      loader = new DataLoader<K, V>((keys) => run(db, keys), {
        cache: false,
        batchScheduleFn: (send) => setImmediate(send),
        // A bound on one statement's parameters and rows; more go as further statements.
        maxBatchSize: 100,
      });
      loaders.set(db, loader);
    }
    return loader;
  };
  return async (db, keys) => {
    const values =
      db instanceof PgTransaction ? await run(db, keys) : await loaderOf(db).loadMany(keys);
    const failed = values.find((v) => v instanceof Error);
    if (failed) throw failed;
    return values as V[];
  };
}

/**
 * batched() for reads of rows by a unique key (`where key = any($keys)`): each caller gets the
 * row whose `keyOf` is its key, or null, matched by key and never by position.
 */
export function batchedRows<K, R>(
  read: (db: Executor, keys: readonly K[]) => Promise<readonly R[]>,
  keyOf: (row: R) => K,
): (db: Executor, keys: readonly K[]) => Promise<(R | null)[]> {
  return batched<K, R | null>(async (db, keys) => {
    const byKey = new Map((await read(db, keys)).map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}
