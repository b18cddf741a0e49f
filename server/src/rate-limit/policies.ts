import { z } from 'zod';
import type { Limit } from './limiter.js';

/** The limits of one kind of attempt: per client address and, optionally, per account. */
export interface RateLimitPolicy {
  perIp: Limit;
  perAccount?: Limit;
  /**
   * Whether a successful attempt gives its hits back. Sign-in does: only failures should lock an
   * account, or a person signing in on several devices would be refused.
   */
  refundOnSuccess?: boolean;
}

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

/**
 * Steward's rate limits, by name. Every limit can be changed with an environment variable
 * (`RATE_LIMIT_SIGN_IN_PER_ACCOUNT=10/15m`); docs/decisions.md says why these defaults.
 */
export const defaultRateLimits = {
  signIn: {
    perIp: { limit: 10, windowMs: minute },
    perAccount: { limit: 5, windowMs: 15 * minute },
    refundOnSuccess: true,
  },
  // Guessing a 256-bit token is hopeless; the limit keeps attempts noisy and cheap to serve.
  setup: { perIp: { limit: 20, windowMs: minute } },
  // Invitation links carry 256-bit tokens too; looking one up or accepting it is cheap.
  invitation: { perIp: { limit: 30, windowMs: minute } },
  // Reports: generous, since a whole venue may share one address on its Wi-Fi and a report must
  // never be turned away lightly; enough to stop a script flooding an event's queue.
  reportSubmission: { perIp: { limit: 60, windowMs: 10 * minute } },
  // The anonymous follow-up link: a 256-bit token, looked up and used with every request.
  followUp: { perIp: { limit: 60, windowMs: minute } },
  // An RSVP's emailed cancellation link: an HMAC of 256 bits, looked up and used signed out.
  rsvpCancellation: { perIp: { limit: 30, windowMs: minute } },
  // Each request may send an email: the account limit keeps a mailbox from being flooded.
  passwordReset: {
    perIp: { limit: 10, windowMs: 15 * minute },
    perAccount: { limit: 3, windowMs: hour },
  },
  emailVerification: {
    perIp: { limit: 10, windowMs: 15 * minute },
    perAccount: { limit: 3, windowMs: hour },
  },
  // Each sign-up may send an email too (a confirmation, or "you already have an account").
  signUp: {
    perIp: { limit: 10, windowMs: hour },
    perAccount: { limit: 3, windowMs: hour },
  },
  // Six digits are 10^6 guesses: per pending sign-in, a handful; better-auth also locks the
  // account's two-factor after 10 failures in a row.
  twoFactor: {
    perIp: { limit: 20, windowMs: 15 * minute },
    perAccount: { limit: 5, windowMs: 15 * minute },
    refundOnSuccess: true,
  },
} as const satisfies Record<string, RateLimitPolicy>;

export type RateLimitName = keyof typeof defaultRateLimits;
export type RateLimitPolicies = Record<RateLimitName, RateLimitPolicy>;

const names = Object.keys(defaultRateLimits) as RateLimitName[];

/** `signIn` → `SIGN_IN`. */
const envName = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();

/** The environment variable that overrides one limit, e.g. `RATE_LIMIT_SIGN_IN_PER_IP`. */
export function rateLimitVariable(name: RateLimitName, scope: 'perIp' | 'perAccount'): string {
  return `RATE_LIMIT_${envName(name)}_${scope === 'perIp' ? 'PER_IP' : 'PER_ACCOUNT'}`;
}

const units = { s: second, m: minute, h: hour } as const;

/** `10/1m` → 10 hits a minute; windows in s, m or h. */
export const limitSpec = z.string().transform((v, ctx): Limit => {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*([smh])\s*$/.exec(v);
  const limit = Number(match?.[1]);
  const windowMs = Number(match?.[2]) * units[(match?.[3] ?? 's') as keyof typeof units];
  if (!match || limit < 1 || windowMs < second || windowMs > 24 * hour) {
    ctx.addIssue({
      code: 'custom',
      message: 'a count and a window such as 10/1m or 5/15m (s, m or h; at most 24h)',
    });
    return z.NEVER;
  }
  return { limit, windowMs };
});

/** The zod shape of every rate-limit variable, for the configuration schema. */
export const rateLimitEnvShape = Object.fromEntries(
  names.flatMap((name) =>
    (['perIp', 'perAccount'] as const)
      .filter((scope) => scope in defaultRateLimits[name])
      .map((scope) => [rateLimitVariable(name, scope), limitSpec.optional()]),
  ),
) as Record<string, z.ZodOptional<typeof limitSpec>>;

/** The defaults with whatever the environment overrides. */
export function resolveRateLimits(env: object): RateLimitPolicies {
  const given = env as Record<string, Limit | undefined>;
  return Object.fromEntries(
    names.map((name) => {
      const policy: RateLimitPolicy = defaultRateLimits[name];
      const perIp = given[rateLimitVariable(name, 'perIp')] ?? policy.perIp;
      const perAccount = policy.perAccount
        ? (given[rateLimitVariable(name, 'perAccount')] ?? policy.perAccount)
        : undefined;
      return [name, { ...policy, perIp, ...(perAccount ? { perAccount } : {}) }];
    }),
  ) as RateLimitPolicies;
}
