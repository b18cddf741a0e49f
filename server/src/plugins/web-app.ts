import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { sendError } from './error-handler.js';

/**
 * Serves the built web app from the same process, and answers every unknown path: a JSON 404
 * under /api, the app's index.html elsewhere (the app's router shows its own not-found page).
 */
async function webApp(app: FastifyInstance, opts: { root: string }) {
  const indexFile = join(opts.root, 'index.html');
  const built = existsSync(indexFile);
  const indexHtml = built ? readFileSync(indexFile) : null;

  if (built) {
    await app.register(fastifyStatic, {
      root: opts.root,
      wildcard: false, // only files that exist get routes; the rest falls to the handler below
      index: false,
      setHeaders(res, path) {
        // Vite names assets by content hash, so they never change under one name.
        if (path.includes('/assets/'))
          res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isApi = path === '/api' || path.startsWith('/api/');
    const wantsPage = (request.method === 'GET' || request.method === 'HEAD') && !isApi;
    if (!wantsPage || path.startsWith('/assets/')) {
      return sendError(request, reply, 'not_found', 404, `No route ${request.method} ${path}.`);
    }
    if (!indexHtml) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The web app is not built. Run `npm run build` (npm start does it for you).');
    }
    return reply
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(indexHtml);
  });
}

export default fp(webApp, { name: 'web-app' });
