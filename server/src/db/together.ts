import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Executor } from './connection.js';

/**
 * Runs independent reads at once on the database handle (the pool gives each its connection),
 * and one after another in a transaction, whose one connection takes a statement at a time
 * (node-postgres deprecates queueing a second).
 */
export async function readTogether<T extends readonly unknown[]>(
  db: Executor,
  reads: { [K in keyof T]: () => Promise<T[K]> },
): Promise<T> {
  if (!(db instanceof PgTransaction)) return Promise.all(reads.map((read) => read())) as never;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as unknown as T;
}
