import { createHash } from 'node:crypto';
import { isIPv6 } from 'node:net';
import type { RateLimitStore } from './store.js';

export interface Limit {
  /** Hits allowed in one window. */
  limit: number;
  /** Length of the window, in milliseconds. */
  windowMs: number;
}

export interface HitResult {
  allowed: boolean;
  /** Hits still allowed in this window (0 once the limit is reached). */
  remaining: number;
  /** Whole seconds until the window ends, at least 1: what `Retry-After` says. */
  retryAfterSeconds: number;
}

export interface Limiter {
  /** Counts one hit on `key` and says whether it is within `limit` hits per `windowMs`. */
  hit(key: string, limit: Limit): Promise<HitResult>;
  /** Takes back one hit on `key` (for example a successful sign-in). */
  refund(key: string): Promise<void>;
  /** Whether the store's own service answers; null when it has none (the database store). */
  reachable(): Promise<boolean | null>;
}

/** A limiter over a store; the store decides whether counts are shared between processes. */
export function createLimiter(store: RateLimitStore): Limiter {
  return {
    async hit(key, { limit, windowMs }) {
      const { count, resetInMs } = await store.increment(key, windowMs);
      return {
        allowed: count <= limit,
        remaining: Math.max(0, limit - count),
        retryAfterSeconds: Math.max(1, Math.ceil(resetInMs / 1000)),
      };
    },
    refund: (key) => store.decrement(key),
    reachable: async () => (store.ping ? store.ping() : null),
  };
}

/**
 * The stored key for one limit: the limit's name, what it counts (`ip`, `account`), and a hash
 * of the value, so the store never holds an address or an email in the clear.
 */
export function limitKey(name: string, scope: string, value: string): string {
  const digest = createHash('sha256').update(value).digest('base64url').slice(0, 32);
  return `${name}:${scope}:${digest}`;
}

/** An email as an account key: the same for every spelling people type, known account or not. */
export function normalizeAccountKey(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const key = value.trim().toLowerCase();
  return key === '' ? undefined : key;
}

/**
 * A client address as a limit key. IPv4 as is (an IPv4-mapped IPv6 address too); IPv6 by its /64,
 * because one subscriber usually holds a whole /64 and could otherwise rotate through it.
 */
export function clientKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
