import { availableParallelism } from 'node:os';
import { z } from 'zod';
import {
  rateLimitEnvShape,
  resolveRateLimits,
  type RateLimitPolicies,
} from './rate-limit/policies.js';

/**
 * Every environment variable Steward reads, validated once at start. README.md lists them;
 * a wrong value stops startup with a message naming the variable.
 */
const booleanish = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('localhost'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'an http(s) URL such as https://steward.example.org' })
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'a postgres:// or postgresql:// URL' })
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  // App processes sharing the port (node:cluster); `auto` is one per core. PostgreSQL only.
  WORKERS: z
    .union([z.literal('auto'), z.coerce.number().int().min(1).max(64)], {
      error: '"auto" or a whole number from 1 to 64',
    })
    .default(1),
  // Named prepared statements on PostgreSQL (docs/PERFORMANCE.md); off behind poolers that
  // cannot keep them, such as PgBouncer in transaction mode before 1.21.
  DATABASE_PREPARED_STATEMENTS: booleanish.default(true),
  AUTH_SECRET: z
    .string()
    .min(32, { error: 'at least 32 characters (for example: openssl rand -base64 32)' })
    .optional(),
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v, ctx): boolean | number | string[] => {
      if (v === 'true' || v === 'false') return v === 'true';
      if (/^\d+$/.test(v)) return Number(v);
      const list = v.split(',').map((s) => s.trim());
      if (list.every((s) => /^[0-9a-fA-F.:/]+$/.test(s))) return list;
      ctx.addIssue({
        code: 'custom',
        message: 'true, false, a number of proxy hops, or a comma-separated list of IPs/CIDRs',
      });
      return z.NEVER;
    }),
  BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
  EVIDENCE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(20 * 1024 * 1024),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  MIGRATE_ON_START: booleanish.default(true),
  REDIS_URL: z
    .url({
      protocol: /^rediss?$/,
      error: 'a redis:// or rediss:// URL such as redis://127.0.0.1:6379',
    })
    .optional(),
  ...rateLimitEnvShape,
  SMTP_URL: z
    .url({
      protocol: /^smtps?$/,
      error: 'an smtp:// or smtps:// URL such as smtps://user:password@mail.example.org:465',
    })
    .optional(),
  MAIL_FROM: z
    .string()
    .trim()
    .regex(/^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, {
      error: 'an address such as steward@example.org or "Steward <steward@example.org>"',
    })
    .default('Steward <steward@localhost>'),
  // Webhook delivery (docs/decisions.md, Webhooks). Tests shorten the waits.
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(10),
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(15_000),
  WEBHOOK_RETRY_MAX_MS: z.coerce.number().int().min(1).max(86_400_000).default(3_600_000),
  WEBHOOK_POLL_MS: z.coerce.number().int().min(10).max(3_600_000).default(5_000),
  // Webhooks to this machine itself (loopback): for trying webhooks locally; off by default,
  // and always allowed under NODE_ENV=test (docs/decisions.md, Webhooks).
  WEBHOOK_ALLOW_LOOPBACK: booleanish.default(false),
  // Hours between retention purges in the process; 0 runs none (docs/decisions.md, Audit log).
  RETENTION_PURGE_INTERVAL_HOURS: z.coerce.number().min(0).max(576).default(24),
});

export type Env = z.input<typeof envSchema>;

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  /**
   * App processes serving the port (1: this process alone). Each has its own pool of
   * `databasePoolSize` connections. More than one needs PostgreSQL (docs/decisions.md).
   */
  workers: number;
  /** Run queries as named prepared statements, with plans kept per connection (PostgreSQL). */
  databasePreparedStatements: boolean;
  authSecret: string | undefined;
  trustProxy: boolean | number | string[];
  bodyLimit: number;
  /** Largest evidence file a report may get, in bytes (its own limit, apart from bodyLimit). */
  evidenceMaxBytes: number;
  logLevel: string;
  logFormat: 'json' | 'pretty';
  migrateOnStart: boolean;
  /** Redis for shared rate-limit counters; unset means they live in the database. */
  redisUrl: string | undefined;
  /** Every rate limit: the defaults with the RATE_LIMIT_* overrides. */
  rateLimits: RateLimitPolicies;
  /** SMTP server for email; unset means the development outbox (stored, logged, not sent). */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Hours between retention purges in this process (0: none; the admin page can still run one). */
  retentionPurgeIntervalHours: number;
  /** Webhook delivery: how long a receiver has, how retries back off, how often to look. */
  webhooks: {
    timeoutMs: number;
    maxAttempts: number;
    retryBaseMs: number;
    retryMaxMs: number;
    pollMs: number;
    /** Loopback receivers allowed (always under NODE_ENV=test). */
    allowLoopback: boolean;
  };
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

// Values that may carry a password are never echoed back in an error message (it reaches logs).
const credentialVariables = new Set(['AUTH_SECRET', 'DATABASE_URL', 'SMTP_URL', 'REDIS_URL']);

/** Reads and validates the configuration; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty values count as unset, as most deployment tools write them.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        const got =
          env[name] === undefined || credentialVariables.has(name)
            ? ''
            : ` (got ${JSON.stringify(env[name])})`;
        return `${name}: expected ${describeIssue(issue)}${got}`;
      }),
    );
  }
  const e = parsed.data;
  // The embedded database belongs to one process: `auto` means one there, a number more is wrong.
  if (typeof e.WORKERS === 'number' && e.WORKERS > 1 && !e.DATABASE_URL) {
    throw new ConfigError([
      'WORKERS: expected 1 with the embedded database, which belongs to one process ' +
        `(got "${e.WORKERS}"); set DATABASE_URL to a PostgreSQL server to run more`,
    ]);
  }
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    // Node 20 counts the cores the process may run on, not a container's CPU quota: README says
    // to give a number there.
    workers:
      e.WORKERS !== 'auto' ? e.WORKERS : e.DATABASE_URL ? Math.min(64, availableParallelism()) : 1,
    databasePreparedStatements: e.DATABASE_PREPARED_STATEMENTS,
    authSecret: e.AUTH_SECRET,
    trustProxy: e.TRUST_PROXY,
    bodyLimit: e.BODY_LIMIT,
    evidenceMaxBytes: e.EVIDENCE_MAX_BYTES,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (e.NODE_ENV === 'production' ? 'json' : 'pretty'),
    migrateOnStart: e.MIGRATE_ON_START,
    redisUrl: e.REDIS_URL,
    rateLimits: resolveRateLimits(e),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    retentionPurgeIntervalHours: e.RETENTION_PURGE_INTERVAL_HOURS,
    webhooks: {
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
      retryBaseMs: e.WEBHOOK_RETRY_BASE_MS,
      retryMaxMs: Math.max(e.WEBHOOK_RETRY_MAX_MS, e.WEBHOOK_RETRY_BASE_MS),
      pollMs: e.WEBHOOK_POLL_MS,
      allowLoopback: e.WEBHOOK_ALLOW_LOOPBACK || e.NODE_ENV === 'test',
    },
  };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'string' ? issue.message : `a number ≥ ${String(issue.minimum)}`;
    case 'too_big':
      return `a number ≤ ${String(issue.maximum)}`;
    case 'invalid_type':
      return issue.expected === 'number' ? 'a number' : issue.message;
    default:
      return issue.message;
  }
}
