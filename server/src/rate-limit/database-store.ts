import { and, eq, gt, lte, sql } from 'drizzle-orm';
import type { Database } from '../db/connection.js';
import { rateLimits } from '../db/schema/index.js';
import type { RateLimitStore } from './store.js';

/**
 * Counters in the `rate_limits` table: one upsert per hit, atomic on PostgreSQL and PGlite alike
 * (the row lock of ON CONFLICT DO UPDATE serializes concurrent hits on one key). Windows are timed
 * by the database's clock, so processes with drifting clocks still agree.
 */
export function databaseStore(db: Database): RateLimitStore {
  const expired = sql`${rateLimits.expiresAt} <= now()`;
  return {
    async increment(key, windowMs) {
      const [row] = await db
        .insert(rateLimits)
        .values({
          key,
          count: 1,
          expiresAt: sql`now() + ${windowMs} * interval '1 millisecond'`,
        })
        .onConflictDoUpdate({
          target: rateLimits.key,
          set: {
            count: sql`case when ${expired} then 1 else ${rateLimits.count} + 1 end`,
            expiresAt: sql`case when ${expired} then excluded.expires_at else ${rateLimits.expiresAt} end`,
          },
        })
        .returning({
          count: rateLimits.count,
          resetInMs: sql<string>`ceil(extract(epoch from (${rateLimits.expiresAt} - now())) * 1000)`,
        });
      return { count: row!.count, resetInMs: Math.max(0, Number(row!.resetInMs)) };
    },

    async decrement(key) {
      await db
        .update(rateLimits)
        .set({ count: sql`${rateLimits.count} - 1` })
        .where(
          and(
            eq(rateLimits.key, key),
            gt(rateLimits.count, 0),
            gt(rateLimits.expiresAt, sql`now()`),
          ),
        );
    },

    async sweep() {
      const gone = await db
        .delete(rateLimits)
        .where(lte(rateLimits.expiresAt, sql`now()`))
        .returning({ key: rateLimits.key });
      return gone.length;
    },

    // The application database belongs to whoever opened it.
    close: async () => undefined,
  };
}
