import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { clientKey, limitKey, normalizeAccountKey } from './limiter.js';
import { defaultRateLimits, rateLimitVariable } from './policies.js';

describe('rate-limit configuration', () => {
  it('uses the documented defaults', () => {
    const { rateLimits, redisUrl } = loadConfig({});
    expect(rateLimits).toEqual(defaultRateLimits);
    expect(rateLimits.signIn.perIp).toEqual({ limit: 10, windowMs: 60_000 });
    expect(rateLimits.signIn.perAccount).toEqual({ limit: 5, windowMs: 15 * 60_000 });
    expect(redisUrl).toBeUndefined();
  });

  it('reads overrides as count/window', () => {
    const { rateLimits } = loadConfig({
      RATE_LIMIT_SIGN_IN_PER_IP: '30/30s',
      RATE_LIMIT_PASSWORD_RESET_PER_ACCOUNT: '2/2h',
    });
    expect(rateLimits.signIn.perIp).toEqual({ limit: 30, windowMs: 30_000 });
    expect(rateLimits.signIn.perAccount).toEqual(defaultRateLimits.signIn.perAccount);
    expect(rateLimits.passwordReset.perAccount).toEqual({ limit: 2, windowMs: 2 * 3_600_000 });
  });

  it('names one variable per limit, and none for limits a policy does not have', () => {
    expect(rateLimitVariable('emailVerification', 'perAccount')).toBe(
      'RATE_LIMIT_EMAIL_VERIFICATION_PER_ACCOUNT',
    );
    // setup has no per-account limit, so its variable is not read (and not validated).
    expect(() => loadConfig({ RATE_LIMIT_SETUP_PER_ACCOUNT: 'nonsense' })).not.toThrow();
  });

  it('refuses a malformed limit, naming the variable', () => {
    for (const bad of ['10', '10/1d', '0/1m', 'ten/1m', '5/0s']) {
      try {
        loadConfig({ RATE_LIMIT_SIGN_IN_PER_IP: bad });
        expect.unreachable(`accepted ${bad}`);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).problems[0]).toMatch(/^RATE_LIMIT_SIGN_IN_PER_IP: .*10\/1m/);
      }
    }
  });

  it('takes a redis:// URL and never echoes it back', () => {
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe(
      'redis://127.0.0.1:6379',
    );
    try {
      loadConfig({ REDIS_URL: 'http://user:secret@cache:6379' });
      expect.unreachable();
    } catch (error) {
      const [problem] = (error as ConfigError).problems;
      expect(problem).toMatch(/^REDIS_URL: expected a redis:\/\/ or rediss:\/\/ URL/);
      expect(problem).not.toContain('secret');
    }
  });
});

describe('limit keys', () => {
  it('hold no address or email in the clear', () => {
    const key = limitKey('signIn', 'account', 'ada@example.org');
    expect(key).toMatch(/^signIn:account:[\w-]{32}$/);
    expect(key).not.toContain('ada');
  });

  it('normalize emails and ignore what is not one', () => {
    expect(normalizeAccountKey('  Ada@Example.ORG ')).toBe('ada@example.org');
    expect(normalizeAccountKey('')).toBeUndefined();
    expect(normalizeAccountKey(undefined)).toBeUndefined();
    expect(normalizeAccountKey(42)).toBeUndefined();
  });

  it('group IPv6 clients by /64 and unwrap IPv4-mapped addresses', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
  });
});
