import { expect } from 'vitest';
import type { TestContext } from './app.js';
import {
  emailedToken,
  enableTwoFactor,
  idOf,
  person,
  signIn,
  signUpVerified,
  type Person,
} from './accounts.js';
import { admin, completeSetup, sessionCookie } from './setup-link.js';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

// A session whose roles changed gets a new cookie on its next read (auth/rotate-session.ts), and
// the old one stops working. Tests keep the cookie they were given; calls follow the rotation.
const rotated = new Map<string, string>();
/** The session cookie as it is now, after any rotation (for requests made without caller()). */
export const current = (cookie: string) => {
  let c = cookie;
  while (rotated.has(c)) c = rotated.get(c)!;
  return c;
};

/** One API call as a session (or signed out); the body is sent as JSON. */
export function caller(ctx: TestContext) {
  return async (
    cookie: string | null,
    method: Method,
    url: string,
    payload?: object,
    headers: Record<string, string> = {},
  ) => {
    const sent = cookie ? current(cookie) : null;
    const res = await ctx.app.inject({
      method,
      url,
      headers: { ...headers, ...(sent ? { cookie: sent } : {}) },
      ...(payload ? { payload: payload as Buffer } : {}),
    });
    const set = [res.headers['set-cookie'] ?? []].flat();
    const fresh = set.find((c) => c.startsWith('session_token=') || c.includes('.session_token='));
    if (sent && fresh && !fresh.includes('Max-Age=0')) {
      const next = sessionCookie(fresh);
      if (next !== sent) rotated.set(sent, next);
    }
    return res;
  };
}

export interface Signed {
  who: Person;
  id: string;
  cookie: string;
}

/** The first system admin, with two-factor on (admins must have it for admin actions). */
export async function systemAdmin(ctx: TestContext): Promise<Signed> {
  const first = await completeSetup(ctx);
  const { cookie } = await enableTwoFactor(ctx, first, admin.password);
  return { who: admin, id: await idOf(ctx, admin.email), cookie };
}

/** A new person with a confirmed account, signed in; with two-factor when `twoFactor`. */
export async function member(
  ctx: TestContext,
  name = 'Grace Member',
  opts: { twoFactor?: boolean } = {},
): Promise<Signed> {
  const who = person(name);
  let cookie = await signUpVerified(ctx, who);
  if (opts.twoFactor) cookie = (await enableTwoFactor(ctx, cookie, who.password)).cookie;
  return { who, id: await idOf(ctx, who.email), cookie };
}

/** Accepts the newest invitation emailed to this person; returns a fresh session cookie. */
export async function acceptEmailedInvitation(ctx: TestContext, signed: Signed) {
  const token = await emailedToken(ctx, signed.who.email, 'invitations');
  const res = await caller(ctx)(signed.cookie, 'POST', '/api/invitations/accept', { token });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { next: string };
}

let slugs = 0;
/** A slug no other test uses. */
export const uniqueSlug = (base: string) => `${base}-${(slugs += 1)}-${Date.now().toString(36)}`;

export interface OrgFixture {
  id: string;
  slug: string;
  /** Its first org_admin, who accepted the invitation, with two-factor on. */
  orgAdmin: Signed;
}

/** An organization created by the system admin, its org_admin invited and accepted. */
export async function organization(
  ctx: TestContext,
  sysAdmin: Signed,
  settings: Record<string, unknown> = {},
): Promise<OrgFixture> {
  const call = caller(ctx);
  const orgAdmin = await member(ctx, 'Olga Orgadmin', { twoFactor: true });
  const slug = uniqueSlug('org');
  const res = await call(sysAdmin.cookie, 'POST', '/api/organizations', {
    name: `Org ${slug}`,
    slug,
    firstAdminEmail: orgAdmin.who.email,
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = (res.json() as { organization: { id: string } }).organization.id;
  await acceptEmailedInvitation(ctx, orgAdmin);
  if (Object.keys(settings).length) {
    const patched = await call(orgAdmin.cookie, 'PATCH', `/api/organizations/${id}`, { settings });
    expect(patched.statusCode, patched.body).toBe(200);
  }
  return { id, slug, orgAdmin };
}

/** An event created in an organization by one of its admins; returns its id and slug. */
export async function event(
  ctx: TestContext,
  org: OrgFixture,
  body: Record<string, unknown> = {},
  cookie = org.orgAdmin.cookie,
) {
  const slug = uniqueSlug('event');
  const res = await caller(ctx)(cookie, 'POST', `/api/organizations/${org.id}/events`, {
    name: `Event ${slug}`,
    slug,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { event: { id: string; slug: string; status: string } }).event;
}

export { signIn };
