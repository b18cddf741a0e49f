import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { fromNodeHeaders } from 'better-auth/node';
import type { Auth } from '../auth/better-auth.js';
import { AppError } from '../errors.js';
import type { Actor } from '../context.js';

export interface SessionUser {
  id: string;
  name: string;
  email: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    auth: Auth;
  }
  interface FastifyRequest {
    /** The signed-in user, or null; loaded once per request, on first use. */
    sessionUser(): Promise<SessionUser | null>;
    /** The acting user; throws 401 when nobody is signed in. */
    requireActor(): Promise<Actor>;
  }
}

const cache = new WeakMap<FastifyRequest, Promise<SessionUser | null>>();

/** Makes the session of the request available to routes, without a query unless asked. */
async function authPlugin(app: FastifyInstance, opts: { auth: Auth }) {
  app.decorate('auth', opts.auth);

  app.decorateRequest('sessionUser', function sessionUser(this: FastifyRequest) {
    let pending = cache.get(this);
    if (!pending) {
      pending = opts.auth.api
        .getSession({ headers: fromNodeHeaders(this.headers) })
        .then((s) => (s ? { id: s.user.id, name: s.user.name, email: s.user.email } : null));
      cache.set(this, pending);
    }
    return pending;
  });

  app.decorateRequest('requireActor', async function requireActor(this: FastifyRequest) {
    const user = await this.sessionUser();
    if (!user) throw new AppError('unauthenticated', 'Please sign in first.');
    return { userId: user.id };
  });
}

export default fp(authPlugin, { name: 'auth' });
