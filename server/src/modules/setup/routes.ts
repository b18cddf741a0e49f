import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { signInWithPassword } from '../auth/session-cookies.js';
import * as schema from './schema.js';
import * as setup from './service.js';

const setupRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  // Guessing a 256-bit token is hopeless, but a limit keeps the attempt noisy and cheap to serve.
  const rateLimit = app.rateLimit('setup');

  app.get('/api/setup', { schema: schema.getSetupStatus }, async () => ({
    needed: await setup.setupNeeded(db),
  }));

  app.post(
    '/api/setup/check',
    { schema: schema.postSetupCheck, preHandler: rateLimit },
    async (request) => {
      await setup.checkSetupToken(db, request.body.token);
      return { valid: true as const };
    },
  );

  app.post(
    '/api/setup',
    { schema: schema.postSetup, preHandler: rateLimit },
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
