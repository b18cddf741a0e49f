/**
 * Where rate-limit counters live. Every implementation is shared by all app processes that use
 * the same database or Redis, and counts atomically: concurrent hits on one key never lose a count.
 */
export interface RateLimitStore {
  /**
   * Counts one hit on `key` in its fixed window, opening a window of `windowMs` when none is open.
   * Returns the hits counted in that window (this one included) and the milliseconds until it ends.
   */
  increment(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
  /** Takes back one hit from the key's open window, if it has one (a success that should not count). */
  decrement(key: string): Promise<void>;
  /** Deletes counters whose window has ended, where the store does not expire them by itself. */
  sweep?(): Promise<number>;
  /**
   * Whether a store of its own (Redis) answers, for /readyz; absent for the database store, which
   * the database check already covers.
   */
  ping?(): Promise<boolean>;
  /** Releases the store's own connections (not the application database's). */
  close(): Promise<void>;
}
