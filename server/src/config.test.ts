import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('has working defaults for a fresh clone', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      host: 'localhost',
      port: 3000,
      dataDir: './data',
      databaseUrl: undefined,
      publicUrl: 'http://localhost:3000',
      trustProxy: false,
      logFormat: 'pretty',
      migrateOnStart: true,
    });
  });

  it('logs JSON in production', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).logFormat).toBe('json');
  });

  it('names the variable and what it expects', () => {
    expect(problems({ PORT: 'abc' })).toEqual([
      expect.stringMatching(/^PORT: expected a number.*"abc"/),
    ]);
    expect(problems({ PORT: '70000' })[0]).toMatch(/^PORT: expected a number ≤ 65535/);
    expect(problems({ DATABASE_URL: 'mysql://x' })[0]).toMatch(
      /^DATABASE_URL: expected a postgres:\/\//,
    );
    expect(problems({ LOG_LEVEL: 'loud' })[0]).toMatch(/^LOG_LEVEL: expected one of "fatal"/);
    expect(problems({ AUTH_SECRET: 'short' })[0]).toMatch(
      /^AUTH_SECRET: expected at least 32 characters/,
    );
    expect(problems({ TRUST_PROXY: 'sometimes' })[0]).toMatch(/^TRUST_PROXY: expected true, false/);
  });

  it('reports every bad variable at once', () => {
    expect(problems({ PORT: 'x', NODE_ENV: 'staging' })).toHaveLength(2);
  });

  it('runs one process unless told, more only on PostgreSQL', () => {
    const postgres = 'postgres://steward@db.example.org/steward';
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ WORKERS: '3', DATABASE_URL: postgres }).workers).toBe(3);
    expect(loadConfig({ WORKERS: 'auto', DATABASE_URL: postgres }).workers).toBe(
      Math.min(64, availableParallelism()),
    );
    // `auto` on the embedded database is the one process it allows.
    expect(loadConfig({ WORKERS: 'auto' }).workers).toBe(1);
    expect(loadConfig({ WORKERS: '1' }).workers).toBe(1);
    expect(problems({ WORKERS: '2' })).toEqual([
      expect.stringMatching(/^WORKERS: expected 1 with the embedded database.*DATABASE_URL/),
    ]);
    expect(problems({ WORKERS: 'many', DATABASE_URL: postgres })[0]).toMatch(
      /^WORKERS: expected "auto" or a whole number from 1 to 64 \(got "many"\)/,
    );
    expect(problems({ WORKERS: '0', DATABASE_URL: postgres })[0]).toMatch(/^WORKERS: expected/);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
    });
  });

  it('reads trust-proxy as a flag, a hop count or a list of addresses', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
  });

  it('sends mail to the development outbox unless SMTP_URL is set', () => {
    expect(loadConfig({})).toMatchObject({
      smtpUrl: undefined,
      mailFrom: 'Steward <steward@localhost>',
    });
    expect(
      loadConfig({
        SMTP_URL: 'smtps://user:pw@mail.example.org:465',
        MAIL_FROM: 'Events <events@example.org>',
      }),
    ).toMatchObject({
      smtpUrl: 'smtps://user:pw@mail.example.org:465',
      mailFrom: 'Events <events@example.org>',
    });
    expect(loadConfig({ MAIL_FROM: 'events@example.org' }).mailFrom).toBe('events@example.org');
  });

  it('refuses a wrong SMTP_URL or MAIL_FROM without echoing credentials', () => {
    const [smtp] = problems({ SMTP_URL: 'http://user:secret-pw@mail.example.org' });
    expect(smtp).toMatch(/^SMTP_URL: expected an smtp:\/\/ or smtps:\/\/ URL/);
    expect(smtp).not.toContain('secret-pw');
    expect(problems({ MAIL_FROM: 'not an address' })[0]).toMatch(/^MAIL_FROM: expected an address/);
    expect(problems({ MAIL_FROM: 'Evil <a@b>\r\nBcc: x@y' })[0]).toMatch(/^MAIL_FROM/);
  });

  it('limits evidence files to 20 MB unless EVIDENCE_MAX_BYTES says otherwise', () => {
    expect(loadConfig({}).evidenceMaxBytes).toBe(20 * 1024 * 1024);
    expect(loadConfig({ EVIDENCE_MAX_BYTES: '5000000' }).evidenceMaxBytes).toBe(5_000_000);
    expect(problems({ EVIDENCE_MAX_BYTES: 'lots' })[0]).toMatch(
      /^EVIDENCE_MAX_BYTES: expected a number.*"lots"/,
    );
    expect(problems({ EVIDENCE_MAX_BYTES: '10' })[0]).toMatch(
      /^EVIDENCE_MAX_BYTES: expected a number ≥ 1024/,
    );
    expect(problems({ EVIDENCE_MAX_BYTES: String(200 * 1024 * 1024) })[0]).toMatch(
      /^EVIDENCE_MAX_BYTES: expected a number ≤ 104857600/,
    );
  });

  it('delivers webhooks with a 10 s timeout and 10 attempts, each WEBHOOK_* adjustable', () => {
    expect(loadConfig({}).webhooks).toEqual({
      timeoutMs: 10_000,
      maxAttempts: 10,
      retryBaseMs: 15_000,
      retryMaxMs: 3_600_000,
      pollMs: 5_000,
      allowLoopback: false,
    });
    const tuned = loadConfig({
      WEBHOOK_TIMEOUT_MS: '3000',
      WEBHOOK_MAX_ATTEMPTS: '3',
      WEBHOOK_RETRY_BASE_MS: '50',
      WEBHOOK_RETRY_MAX_MS: '20',
      WEBHOOK_POLL_MS: '40',
      WEBHOOK_ALLOW_LOOPBACK: 'true',
    }).webhooks;
    // The longest wait is never shorter than the first.
    expect(tuned).toEqual({
      timeoutMs: 3000,
      maxAttempts: 3,
      retryBaseMs: 50,
      retryMaxMs: 50,
      pollMs: 40,
      allowLoopback: true,
    });
    expect(problems({ WEBHOOK_MAX_ATTEMPTS: '0' })[0]).toMatch(
      /^WEBHOOK_MAX_ATTEMPTS: expected a number ≥ 1/,
    );
    expect(problems({ WEBHOOK_TIMEOUT_MS: 'soon' })[0]).toMatch(
      /^WEBHOOK_TIMEOUT_MS: expected a number/,
    );
  });

  it('derives the public URL from the port and strips a trailing slash', () => {
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ PUBLIC_URL: 'https://steward.example.org/' }).publicUrl).toBe(
      'https://steward.example.org',
    );
  });
});
