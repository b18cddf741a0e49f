import { expect } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../src/db/schema/index.js';
import type { TestContext } from './app.js';
import { outboxMessages } from './outbox.js';
import { sessionCookie } from './setup-link.js';
import { secretOf, totp } from './totp.js';

/** The token of the newest emailed link to a page (`verify-email`, `reset-password`). */
export async function emailedToken(ctx: TestContext, to: string, page: string): Promise<string> {
  const messages = await outboxMessages(ctx.database.db, to);
  const links = messages
    .map((m) => new RegExp(`/${page}#token=(\\S+)`).exec(m.textBody)?.[1])
    .filter((t): t is string => !!t);
  expect(links.length, `no ${page} link emailed to ${to}`).toBeGreaterThan(0);
  return decodeURIComponent(links.at(-1)!);
}

export interface Person {
  name: string;
  email: string;
  password: string;
}

let counter = 0;
/** A new person with a unique address, so tests sharing an app never collide. */
export function person(name = 'Grace Member'): Person {
  counter += 1;
  return {
    name,
    email: `person${counter}-${Date.now()}@example.org`,
    password: 'a long and unusual pass phrase',
  };
}

/** Signs in with a password and returns the session cookie. */
export async function signIn(ctx: TestContext, who: Person): Promise<string> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email: who.email, password: who.password },
  });
  expect(res.statusCode, res.body).toBe(200);
  return sessionCookie(res.headers['set-cookie']);
}

/** Signs up, follows the emailed confirmation link, signs in; returns the session cookie. */
export async function signUpVerified(ctx: TestContext, who: Person = person()): Promise<string> {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/sign-up', payload: who });
  expect(res.statusCode, res.body).toBe(202);
  const token = await emailedToken(ctx, who.email, 'verify-email');
  const verified = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/verify-email',
    payload: { token },
  });
  expect(verified.statusCode, verified.body).toBe(200);
  return signIn(ctx, who);
}

/** Rate limits wide enough for tests that sign up and sign in many times from one address. */
export const roomyLimits = {
  RATE_LIMIT_SIGN_IN_PER_IP: '1000/1m',
  RATE_LIMIT_SIGN_IN_PER_ACCOUNT: '1000/1m',
  RATE_LIMIT_SIGN_UP_PER_IP: '1000/1h',
  RATE_LIMIT_SIGN_UP_PER_ACCOUNT: '1000/1h',
  RATE_LIMIT_PASSWORD_RESET_PER_IP: '1000/1h',
  RATE_LIMIT_PASSWORD_RESET_PER_ACCOUNT: '1000/1h',
  RATE_LIMIT_EMAIL_VERIFICATION_PER_IP: '1000/1h',
  RATE_LIMIT_EMAIL_VERIFICATION_PER_ACCOUNT: '1000/1h',
  RATE_LIMIT_REPORT_SUBMISSION_PER_IP: '10000/1h',
  RATE_LIMIT_FOLLOW_UP_PER_IP: '10000/1m',
};

/**
 * Turns two-factor on through the API, as admins must before admin actions. Returns the secret,
 * the backup codes and the new session cookie (turning it on issues a new session).
 */
export async function enableTwoFactor(ctx: TestContext, cookie: string, password: string) {
  const start = await ctx.app.inject({
    method: 'POST',
    url: '/api/account/two-factor/enable',
    headers: { cookie },
    payload: { password },
  });
  expect(start.statusCode, start.body).toBe(200);
  const { totpURI, backupCodes } = start.json() as { totpURI: string; backupCodes: string[] };
  const secret = secretOf(totpURI);
  const confirm = await ctx.app.inject({
    method: 'POST',
    url: '/api/account/two-factor/confirm',
    headers: { cookie },
    payload: { code: totp(secret) },
  });
  expect(confirm.statusCode, confirm.body).toBe(204);
  return { secret, backupCodes, cookie: sessionCookie(confirm.headers['set-cookie']) };
}

/** The email of whoever a session cookie signs in, or null when it signs in nobody. */
export async function signedInAs(ctx: TestContext, cookie: string): Promise<string | null> {
  const res = await ctx.app.inject({ url: '/api/auth/session', headers: { cookie } });
  return (res.json() as { user: { email: string } | null }).user?.email ?? null;
}

/** The id of the account that uses an address. */
export async function idOf(ctx: TestContext, email: string): Promise<string> {
  const [row] = await ctx.database.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, email));
  return row!.id;
}
