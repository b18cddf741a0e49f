import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  preHandlerAsyncHookHandler,
} from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.js';
import { databaseStore } from '../rate-limit/database-store.js';
import { redisStore } from '../rate-limit/redis-store.js';
import type { RateLimitStore } from '../rate-limit/store.js';
import {
  clientKey,
  createLimiter,
  limitKey,
  normalizeAccountKey,
  type Limit,
  type Limiter,
} from '../rate-limit/limiter.js';
import type { RateLimitName, RateLimitPolicies } from '../rate-limit/policies.js';

export interface RateLimitOptions {
  /**
   * The account an attempt is for, when the limit has a per-account part. Defaults to the body's
   * `email`. It is trimmed and lower-cased, and counted whether or not such an account exists.
   */
  account?: (request: FastifyRequest) => unknown;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts hits against shared limits; for limits a route helper cannot express. */
    rateLimiter: Limiter;
    /**
     * A preHandler that applies the named limit (per client address, and per account when the
     * limit has one): `preHandler: app.rateLimit('signIn')`. Over the limit it answers
     * 429 `rate_limited` with `Retry-After`.
     */
    rateLimit(name: RateLimitName, options?: RateLimitOptions): preHandlerAsyncHookHandler;
  }
  interface FastifyRequest {
    /** Hits this request counted, to give back when it succeeds (refundOnSuccess). */
    rateLimitRefunds?: string[];
  }
}

const SWEEP_EVERY_MS = 10 * 60 * 1000;

const bodyEmail = (request: FastifyRequest) =>
  (request.body as { email?: unknown } | undefined)?.email;

/**
 * Rate limits shared by every app process: counted in Redis when REDIS_URL is set, otherwise in
 * the database. A count that cannot be taken refuses the attempt (503) rather than let it through.
 */
async function rateLimit(
  app: FastifyInstance,
  opts: { policies: RateLimitPolicies; redisUrl?: string | undefined; store?: RateLimitStore },
) {
  const store =
    opts.store ??
    (opts.redisUrl ? await redisStore({ url: opts.redisUrl }) : databaseStore(app.database.db));
  const limiter = createLimiter(store);
  app.decorate('rateLimiter', limiter);

  // Windows expire by themselves in Redis; table rows need sweeping. Every process sweeps, which
  // is harmless: a delete of rows that are already gone deletes nothing.
  let sweeping: Promise<unknown> | undefined;
  const timer = store.sweep
    ? setInterval(() => {
        sweeping ??= store.sweep!()
          .catch((err: unknown) => app.log.warn({ err }, 'rate-limit sweep failed'))
          .finally(() => (sweeping = undefined));
      }, SWEEP_EVERY_MS).unref()
    : undefined;
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await sweeping;
    if (!opts.store) await store.close();
  });

  app.decorate('rateLimit', (name: RateLimitName, options: RateLimitOptions = {}) => {
    const policy = opts.policies[name];
    const accountOf = options.account ?? bodyEmail;
    return async function rateLimited(request: FastifyRequest, reply: FastifyReply) {
      const checks: { key: string; limit: Limit }[] = [
        { key: limitKey(name, 'ip', clientKey(request.ip)), limit: policy.perIp },
      ];
      const account = policy.perAccount ? normalizeAccountKey(accountOf(request)) : undefined;
      if (policy.perAccount && account) {
        checks.push({ key: limitKey(name, 'account', account), limit: policy.perAccount });
      }
      // In order, stopping at the first refusal: an address already refused does not go on
      // counting against the accounts it names.
      for (const check of checks) {
        let result;
        try {
          result = await limiter.hit(check.key, check.limit);
        } catch (err) {
          request.log.error({ err }, 'rate limit could not be counted');
          throw new AppError(
            'service_unavailable',
            'Steward cannot take this request right now. Try again in a minute.',
          );
        }
        if (!result.allowed) {
          reply.header('retry-after', String(result.retryAfterSeconds));
          throw new AppError(
            'rate_limited',
            `Too many attempts. Try again in ${describeWait(result.retryAfterSeconds)}.`,
          );
        }
        if (policy.refundOnSuccess) (request.rateLimitRefunds ??= []).push(check.key);
      }
    };
  });

  // Before the response leaves, so the next attempt already sees the refund.
  app.addHook('onSend', (request, reply, payload, done) => {
    const keys = request.rateLimitRefunds;
    if (!keys || reply.statusCode >= 400) return done(null, payload);
    request.rateLimitRefunds = undefined;
    Promise.all(keys.map((key) => limiter.refund(key)))
      .catch((err: unknown) => request.log.warn({ err }, 'rate-limit refund failed'))
      .finally(() => done(null, payload));
  });
}

function describeWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

export default fp(rateLimit, { name: 'rate-limit', dependencies: ['database'] });
