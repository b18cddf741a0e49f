import pg from 'pg';

/**
 * A pg pool in which transactions may hold all connections but a few, so that a single statement
 * never queues behind them.
 *
 * A transaction holds its connection from BEGIN to COMMIT, however long that is: a submission
 * holds one for its thirteen round trips, and while it waits for its event's lock. A single
 * statement (every batched read: sessions, report pages, lists) holds one for one round trip.
 * In one pool they wait in one line, so a burst of submissions to one event left every reader of
 * the installation waiting behind them (docs/PERFORMANCE.md, sixth round). Here a transaction
 * first takes one of `maxTransactions` places, waiting in its own line, and only then a
 * connection; the connections beyond those places are left to single statements.
 *
 * Which is which comes from how pg-pool is asked: `pool.query()` checks a client out with a
 * callback (`connect(cb)`) and returns it after the one statement; a transaction (Drizzle's
 * `db.transaction`, an advisory lock held over several statements) calls `connect()` for a
 * promise and releases the client itself. A place waited for longer than the pool's own
 * `connectionTimeoutMillis` fails as a connection timeout does, so that an outage still answers
 * 503 at once instead of queueing transactions behind the ones still trying to connect.
 */
export class TransactionLimitedPool extends pg.Pool {
  readonly maxTransactions: number;
  #inTransactions = 0;
  #waiting: { grant: () => void; timer?: NodeJS.Timeout }[] = [];

  constructor(config: pg.PoolConfig & { max: number }, reservedForStatements: number) {
    super(config);
    this.maxTransactions = Math.max(1, config.max - reservedForStatements);
  }

  /** Connections held by transactions now, and transactions waiting for a place. */
  get transactionCounts() {
    return { holding: this.#inTransactions, waiting: this.#waiting.length };
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(
    callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: () => void) => void,
  ): void;
  override connect(
    callback?: (
      err: Error | undefined,
      client: pg.PoolClient | undefined,
      done: () => void,
    ) => void,
  ): Promise<pg.PoolClient> | void {
    if (callback) return super.connect(callback);
    return this.#transactionClient();
  }

  async #transactionClient(): Promise<pg.PoolClient> {
    await this.#place();
    let client: pg.PoolClient;
    try {
      client = await super.connect();
    } catch (error) {
      this.#leave();
      throw error;
    }
    // pg-pool gives each checkout its own release (which refuses a second call); the place is
    // given back with the first.
    const release = client.release;
    let left = false;
    client.release = (err?: Error | boolean) => {
      if (!left) {
        left = true;
        this.#leave();
      }
      return release.call(client, err);
    };
    return client;
  }

  #place(): Promise<void> {
    if (this.#inTransactions < this.maxTransactions && this.#waiting.length === 0) {
      this.#inTransactions += 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter: { grant: () => void; timer?: NodeJS.Timeout } = { grant: resolve };
      const timeout = this.options.connectionTimeoutMillis;
      if (timeout) {
        waiter.timer = setTimeout(() => {
          this.#waiting = this.#waiting.filter((w) => w !== waiter);
          // The words pg-pool uses for its own timeout, which db/errors.ts reads as an outage.
          reject(new Error('timeout exceeded when trying to connect'));
        }, timeout);
      }
      this.#waiting.push(waiter);
    });
  }

  #leave() {
    const next = this.#waiting.shift();
    if (next) {
      // The place passes to the next transaction without being counted free in between.
      clearTimeout(next.timer);
      next.grant();
    } else {
      this.#inTransactions -= 1;
    }
  }
}

/** How many of a pool's connections are kept from transactions: a quarter, leaving them one. */
export const reservedForStatements = (poolSize: number) =>
  Math.min(Math.ceil(poolSize / 4), poolSize - 1);
