import { expect } from 'vitest';
import type { TestContext } from './app.js';
import { outboxMessages } from './outbox.js';
import { sessionCookie } from './setup-link.js';

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
