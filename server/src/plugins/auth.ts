import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { fromNodeHeaders } from 'better-auth/node';
import type { Auth } from '../auth/better-auth.js';

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
}

export default fp(authPlugin, { name: 'auth' });
