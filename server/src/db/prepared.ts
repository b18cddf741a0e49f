import type { Executor } from './connection.js';

/** What Drizzle's prepared queries (node-postgres and PGlite alike) run on. */
interface BoundToClient {
  client: unknown;
}

/** The connection (or pool) an executor's statements run on: a transaction's is its own. */
const clientOf = (db: Executor): unknown =>
  (db as unknown as { session: { client: unknown } }).session.client;

/**
 * A statement built once and reused. Drizzle builds a query's SQL text anew on every call, and
 * PostgreSQL plans it anew every time; on the paths every request takes (the session, the actor's
 * roles, a report and its page) that was most of the cost of a request (docs/PERFORMANCE.md). A
 * named prepared statement is built once here and parsed once per connection by node-postgres,
 * and PostgreSQL may keep its plan. PGlite runs the same SQL.
 *
 * Drizzle binds a prepared query to the client of the executor that built it, so a transaction
 * (a new executor on its own connection) would have to build it again. Instead the statement is
 * built once per kind of session (node-postgres or PGlite: their prepared queries run differently)
 * and each executor gets a copy bound to its own client: an object whose prototype is the built
 * statement, with only `client` of its own. Everything else (SQL text, parameters, the mapping of
 * rows) is the same for every executor of that kind. `build` must always make the same SQL text
 * for a name (PostgreSQL refuses a second text under a name on one connection).
 */
export function preparedStatement<P extends object>(
  build: (db: Executor) => P,
): (db: Executor) => P {
  const built = new Map<unknown, P>();
  const bound = new WeakMap<Executor, P>();
  return (db) => {
    let statement = bound.get(db);
    if (!statement) {
      const kind = (db as unknown as { session: object }).session.constructor;
      let template = built.get(kind);
      if (!template) {
        template = build(db);
        built.set(kind, template);
      }
      statement = bindTo(template, clientOf(db));
      bound.set(db, statement);
    }
    return statement;
  };
}

function bindTo<P extends object>(template: P, client: unknown): P {
  if (!('client' in template)) {
    throw new Error('preparedStatement: build must return a Drizzle prepared query');
  }
  if ((template as BoundToClient).client === client) return template;
  return Object.create(template, {
    client: { value: client, enumerable: true },
  }) as P;
}
