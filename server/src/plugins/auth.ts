import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { fromNodeHeaders } from 'better-auth/node';
import type { Auth } from '../auth/better-auth.js';
import { sessionLookup, type SessionRecord } from '../auth/session-lookup.js';
import { SESSION_MAX_AGE_SECONDS } from '../auth/session-policy.js';
import type { RequestActor, SessionUser } from '../authz/actor.js';
import { loadActorFacts } from '../authz/facts.js';
import { AppError } from '../errors.js';
import { getSystemSettings, systemSettingFrom } from '../modules/settings/service.js';
import { deleteSession } from '../modules/users/repository.js';

export type { RequestActor, SessionUser };

declare module 'fastify' {
  interface FastifyInstance {
    auth: Auth;
  }
  interface FastifyRequest {
    /** The signed-in user, or null; loaded once per request, on first use. */
    sessionUser(): Promise<SessionUser | null>;
    /** The session read again now (not the request's cached answer): for long-lived streams. */
    freshSessionUser(): Promise<SessionUser | null>;
    /** The signed-in actor with their role assignments; 401 when nobody is signed in. */
    requireActor(): Promise<RequestActor>;
  }
}

/** Whether the request carries a session cookie (signed or not: nothing is checked here). */
export function carriesSessionCookie(request: FastifyRequest): boolean {
  return request.headers.cookie?.includes('session_token=') ?? false;
}

const users = new WeakMap<FastifyRequest, Promise<SessionUser | null>>();
const actors = new WeakMap<FastifyRequest, Promise<RequestActor>>();
/** Requests whose session was issued before the user's roles last changed. */
const stale = new WeakSet<FastifyRequest>();
/** The actor's facts and the settings, when they were read with the session. */
const preloaded = new WeakMap<FastifyRequest, NonNullable<SessionRecord['preloaded']>>();

/** Makes the session of the request available to routes, without a query unless asked. */
async function authPlugin(app: FastifyInstance, opts: { auth: Auth }) {
  app.decorate('auth', opts.auth);

  const readSession = await sessionLookup(opts.auth, app.database.db);

  /** better-auth's own reading, for what the one-query path leaves to it (session-lookup.ts). */
  async function viaBetterAuth(request: FastifyRequest): Promise<SessionRecord | null> {
    const s = await opts.auth.api.getSession({
      headers: fromNodeHeaders(request.headers),
      // Every request sees the database: a revoked session or a deactivation counts at once.
      query: { disableCookieCache: true },
    });
    if (!s) return null;
    const session = s.session as typeof s.session & { issuedAt?: Date | null };
    return {
      session: { id: session.id, createdAt: session.createdAt, issuedAt: session.issuedAt ?? null },
      user: s.user as SessionRecord['user'],
    };
  }

  async function load(request: FastifyRequest): Promise<SessionUser | null> {
    // The request's cookie header, not request.cookies: a rotation replaces the header.
    const fast = await readSession(app.parseCookie(request.headers.cookie ?? ''));
    const s = fast === 'delegate' ? await viaBetterAuth(request) : fast;
    if (!s) return null;
    const u = s.user;
    const issuedAt = s.session.issuedAt;
    // The absolute expiry: better-auth slides a session's end with use but keeps its start.
    const ageSeconds = (Date.now() - new Date(s.session.createdAt).getTime()) / 1000;
    if (ageSeconds > SESSION_MAX_AGE_SECONDS || u.deactivatedAt || u.deletedAt) {
      await deleteSession(app.database.db, s.session.id);
      return null;
    }
    if (u.privilegesChangedAt && issuedAt && new Date(u.privilegesChangedAt) > new Date(issuedAt)) {
      stale.add(request);
    }
    if (s.preloaded) preloaded.set(request, s.preloaded);
    return {
      id: u.id,
      name: u.name,
      email: u.email,
      emailVerified: u.emailVerified,
      twoFactorEnabled: !!u.twoFactorEnabled,
      pronouns: u.pronouns ?? null,
      image: u.image ?? null,
    };
  }

  app.decorateRequest('freshSessionUser', function freshSessionUser(this: FastifyRequest) {
    return load(this);
  });

  app.decorateRequest('sessionUser', function sessionUser(this: FastifyRequest) {
    let pending = users.get(this);
    if (!pending) {
      pending = load(this);
      users.set(this, pending);
    }
    return pending;
  });

  // A session issued before the user's roles changed gets a new token. Done on reads only (the
  // web app reads the session on every page), so a write never finds its own session replaced
  // half-way; the new roles themselves count at once either way, since facts are read per request.
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'GET' || !carriesSessionCookie(request)) return;
    if (!(await request.sessionUser()) || !stale.has(request)) return;
    try {
      const { headers } = await opts.auth.api.rotateSession({
        headers: fromNodeHeaders(request.headers),
        returnHeaders: true,
      });
      const cookies = headers.getSetCookie();
      if (cookies.length) {
        reply.header('set-cookie', cookies);
        // The old token is deleted: later session reads of this request (a live stream re-reads
        // it before each update) must use the new one, or the stream ends at once.
        request.headers.cookie = withSetCookies(request.headers.cookie, cookies);
      }
    } catch (err) {
      // Several reads of one page at once: another one rotated this session a moment ago, and
      // its answer carries the new cookie. This one answers as it is.
      request.log.debug({ err }, 'session already rotated');
    }
  });

  // A route whose schema says it needs a session answers 401 to a signed-out request before
  // anything else, validation included: the shape of its body is nobody else's business.
  app.addHook('preValidation', (request, reply, done) => {
    const security = (request.routeOptions.schema as { security?: unknown[] } | undefined)
      ?.security;
    if (!security?.some((s) => typeof s === 'object' && s !== null && 'session' in s)) {
      return done();
    }
    request.requireActor().then(() => done(), done);
  });

  app.decorateRequest('requireActor', function requireActor(this: FastifyRequest) {
    let pending = actors.get(this);
    if (!pending) {
      pending = (async () => {
        const user = await this.sessionUser();
        if (!user) throw new AppError('unauthenticated', 'Sign in to continue.');
        const db = app.database.db;
        const read = preloaded.get(this);
        if (read) {
          const mfa = systemSettingFrom(read.storedSettings, 'requireMfaForAdmins');
          return { user, facts: read.facts, systemRequiresMfa: mfa };
        }
        const [facts, settings] = await Promise.all([
          loadActorFacts(db, user.id),
          getSystemSettings(db),
        ]);
        return { user, facts, systemRequiresMfa: settings.requireMfaForAdmins };
      })();
      actors.set(this, pending);
    }
    return pending;
  });
}

/** A Cookie header as the browser will send it once it has taken `setCookies`. */
function withSetCookies(header: string | undefined, setCookies: string[]): string {
  const jar = new Map<string, string>();
  for (const pair of (header ?? '').split(';')) {
    const cut = pair.indexOf('=');
    if (cut > 0) jar.set(pair.slice(0, cut).trim(), pair.slice(cut + 1).trim());
  }
  for (const line of setCookies) {
    const [pair = '', ...attributes] = line.split(';');
    const cut = pair.indexOf('=');
    if (cut <= 0) continue;
    const name = pair.slice(0, cut).trim();
    const value = pair.slice(cut + 1).trim();
    const expired = attributes.some((a) => /^\s*max-age\s*=\s*(0|-\d+)\s*$/i.test(a));
    if (expired || value === '') jar.delete(name);
    else jar.set(name, value);
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

export default fp(authPlugin, { name: 'auth', dependencies: ['database'] });
