import { Redis } from 'ioredis';
import type { RateLimitStore } from './store.js';

// One round trip, atomic on the server: count, and open the window on the first hit. The PTTL
// check also repairs a key that lost its expiry, so no counter can live forever.
const INCREMENT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

const DECREMENT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count > 0 then redis.call('DECR', KEYS[1]) end
return 0
`;

export interface RedisStoreOptions {
  url: string;
  /** Prepended to every key, so several installations (or test runs) can share one Redis. */
  keyPrefix?: string;
}

/**
 * Counters in Redis (REDIS_URL): one Lua script per hit, expired by Redis itself. Connects before
 * returning, so a wrong REDIS_URL stops the start with a message instead of failing sign-ins later.
 */
export async function redisStore({
  url,
  keyPrefix = 'steward:rate-limit:',
}: RedisStoreOptions): Promise<RateLimitStore & { client: Redis }> {
  const client = new Redis(url, {
    keyPrefix,
    lazyConnect: true,
    connectTimeout: 5000,
    // A hit waits for at most one reconnect; then the request is refused rather than left hanging.
    maxRetriesPerRequest: 1,
  });
  // Connection trouble surfaces as failed hits (503); without a listener ioredis prints each one.
  let lastError: Error | undefined;
  client.on('error', (error: Error) => (lastError = error));
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    const { hostname, port } = new URL(url);
    // connect() only says the connection closed; the socket error says why (ECONNREFUSED, …).
    const reason = lastError ?? (error as Error);
    throw new Error(
      `Cannot reach Redis at ${hostname}:${port || 6379} (REDIS_URL): ${reason.message}`,
      { cause: error },
    );
  }

  return {
    client,
    async increment(key, windowMs) {
      const [count, ttl] = (await client.eval(INCREMENT, 1, key, String(windowMs))) as [
        number,
        number,
      ];
      return { count: Number(count), resetInMs: Math.max(0, Number(ttl)) };
    },
    async decrement(key) {
      await client.eval(DECREMENT, 1, key);
    },
    async ping() {
      try {
        return (await client.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    async close() {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
