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

  // Helmet's headers depend on nothing in the request with this policy, so they are worked out
  // once, at start, and every answer gets the same set. (@fastify/helmet rebuilt the middleware
  // and set each header on the raw response for every request: a tenth of a small request's CPU.)
  const headers = headersOf(
    helmet({
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
    }),
  );
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(headers);
    done();
  });

  // For cookies Steward sets itself: Secure exactly when the request came over HTTPS.
  await app.register(cookie, {
    parseOptions: { secure: 'auto', httpOnly: true, sameSite: 'lax', path: '/' },
  });

  // Cookies set by others (better-auth) get the same rule: any cookie on an HTTPS request is Secure.
  app.addHook('onSend', (request, reply, payload, done) => {
    const header = request.protocol === 'https' && reply.getHeader('set-cookie');
    if (!header) return done(null, payload);
    const list = Array.isArray(header) ? header : [String(header)];
    reply.removeHeader('set-cookie'); // reply.header() would append to, not replace, Set-Cookie
    reply.header(
      'set-cookie',
      list.map((c) => (/;\s*secure/i.test(c) ? c : `${c}; Secure`)),
    );
    done(null, payload);
  });

  // Cookies are SameSite=Lax already; refusing cross-site writes outright is the second lock.
  app.addHook('onRequest', (request, reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS')
      return done();
    if (request.headers['sec-fetch-site'] === 'cross-site') return done(crossOrigin());
    const origin = request.headers.origin;
    if (origin && origin !== publicOrigin && origin !== `${request.protocol}://${request.host}`) {
      return done(crossOrigin());
    }
    done();
  });
}

/**
 * The headers a helmet middleware sets, read by running it once on a stand-in response. It may
 * only set headers (or remove one, like X-Powered-By, which Fastify never sends): anything else
 * would mean the headers depend on the request, and Steward refuses to start.
 */
function headersOf(middleware: ReturnType<typeof helmet>): Record<string, string> {
  const set: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number) => (set[name] = String(value)),
    removeHeader: () => {},
  };
  let finished = false;
  const request = new Proxy(
    {},
    {
      get: () => {
        throw new Error('helmet read the request');
      },
    },
  );
  middleware(request as never, response as never, (err?: unknown) => {
    if (err) throw err;
    finished = true;
  });
  if (!finished) throw new Error('helmet did not finish at once');
  return set;
}

export default fp(security, { name: 'security' });

const crossOrigin = () =>
  new AppError(
    'forbidden',
    'Cross-origin requests are not accepted. Use Steward from its own address.',
  );
