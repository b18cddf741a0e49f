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
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
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
