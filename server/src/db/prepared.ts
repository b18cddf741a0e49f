import type { Executor } from './connection.js';

/**
 * A statement built once per executor and reused. Drizzle builds a query's SQL text anew on
 * every call, and PostgreSQL plans it anew every time; on the paths every request takes (the
 * session, the actor's roles, a report and its page) that was most of the cost of a request
 * (docs/PERFORMANCE.md). A named prepared statement is built once here and parsed once per
 * connection by node-postgres, and PostgreSQL may keep its plan. PGlite runs the same SQL.
 *
 * Keyed by the executor: the database handle keeps its statements for good; a transaction gets
 * its own, gone with the transaction object. `build` must always make the same SQL text for a
 * name (PostgreSQL refuses a second text under a name on one connection).
 */
export function preparedStatement<P>(build: (db: Executor) => P): (db: Executor) => P {
  const cache = new WeakMap<Executor, P>();
  return (db) => {
    let statement = cache.get(db);
    if (!statement) {
      statement = build(db);
      cache.set(db, statement);
    }
    return statement;
  };
}
