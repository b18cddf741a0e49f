import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';
import cookie from '@fastify/cookie';
import { AppError } from '../errors.js';

/**
 * The security baseline: strict headers, cookies that are HttpOnly/SameSite=Lax and Secure over
 * HTTPS, and refusal of cross-site writes (rate limits are plugins/rate-limit.ts). CORS stays
 * closed: no cross-origin headers are ever sent, so browsers refuse other sites' scripts.
 */
async function security(app: FastifyInstance, opts: { publicUrl: string }) {
  const publicOrigin = new URL(opts.publicUrl).origin;

  // Helmet's middleware is made once and applied to every answer. (@fastify/helmet made it anew
  // on every request, parsing the policy each time: a few percent of a small request's CPU.)
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine writes its theme variables into a <style> element and uses style attributes;
        // scripts, where injection does harm, stay same-origin only.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // The app loads nothing cross-origin; COEP would only get in the way of future avatars.
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, next) => {
    headers(request.raw, reply.raw, (err?: unknown) => next(err as Error | undefined));
  });

  // For cookies Steward sets itself: Secure exactly when the request came over HTTPS.
  await app.register(cookie, {
    parseOptions: { secure: 'auto', httpOnly: true, sameSite: 'lax', path: '/' },
  });

  // Cookies set by others (better-auth) get the same rule: any cookie on an HTTPS request is Secure.
  app.addHook('onSend', async (request, reply) => {
    if (request.protocol !== 'https') return;
    const header = reply.getHeader('set-cookie');
    if (!header) return;
    const list = Array.isArray(header) ? header : [String(header)];
    reply.removeHeader('set-cookie'); // reply.header() would append to, not replace, Set-Cookie
    reply.header(
      'set-cookie',
      list.map((c) => (/;\s*secure/i.test(c) ? c : `${c}; Secure`)),
    );
  });

  // Cookies are SameSite=Lax already; refusing cross-site writes outright is the second lock.
  app.addHook('onRequest', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS')
      return;
    if (request.headers['sec-fetch-site'] === 'cross-site') throw crossOrigin();
    const origin = request.headers.origin;
    if (origin && origin !== publicOrigin && origin !== `${request.protocol}://${request.host}`) {
      throw crossOrigin();
    }
  });
}

export default fp(security, { name: 'security' });

const crossOrigin = () =>
  new AppError(
    'forbidden',
    'Cross-origin requests are not accepted. Use Steward from its own address.',
  );
