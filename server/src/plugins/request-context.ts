import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { RequestOrigin } from '../context.js';

declare module 'fastify' {
  interface FastifyRequest {
    origin(): RequestOrigin;
  }
}

/** Every response names its request id, so a person can quote it and we can find the logs. */
async function requestContext(app: FastifyInstance) {
  // Hooks that do no I/O are callback-style here and in the other plugins every request passes
  // through: an async hook costs a promise and its bookkeeping per request (docs/PERFORMANCE.md).
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  app.decorateRequest('origin', function origin(this: FastifyRequest): RequestOrigin {
    const ua = this.headers['user-agent'];
    return {
      requestId: this.id,
      ipAddress: this.ip ?? null,
      userAgent: typeof ua === 'string' ? ua.slice(0, 512) : null,
    };
  });
}

export default fp(requestContext, { name: 'request-context' });
