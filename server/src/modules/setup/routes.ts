import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { signInWithPassword } from '../auth/session-cookies.js';
import * as schema from './schema.js';
import * as setup from './service.js';

// Guessing a 256-bit token is hopeless, but a limit keeps the attempt noisy and cheap to serve.
const rateLimit = { max: 20, timeWindow: '1 minute' };

const setupRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  app.get('/api/setup', { schema: schema.getSetupStatus }, async () => ({
    needed: await setup.setupNeeded(db),
  }));

  app.post(
    '/api/setup/check',
    { schema: schema.postSetupCheck, config: { rateLimit } },
    async (request) => {
      await setup.checkSetupToken(db, request.body.token);
      return { valid: true as const };
    },
  );

  app.post(
    '/api/setup',
    { schema: schema.postSetup, config: { rateLimit } },
    async (request, reply) => {
      const user = await setup.completeSetup(
        db,
        { actor: null, origin: request.origin() },
        request.body,
      );
      await signInWithPassword(app.auth, request, reply, request.body);
      return reply.code(201).send({ user });
    },
  );
};

export default setupRoutes;
