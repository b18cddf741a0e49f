import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { activeSystemRoles } from '../roles/repository.js';
import * as schema from './schema.js';
import { signInWithPassword, signOut } from './session-cookies.js';

const signInRateLimit = { max: 10, timeWindow: '1 minute' };

const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/auth/sign-in',
    { schema: schema.postSignIn, config: { rateLimit: signInRateLimit } },
    async (request, reply) => {
      const user = await signInWithPassword(app.auth, request, reply, request.body);
      return { user: { id: user.id, name: user.name, email: user.email } };
    },
  );

  app.post('/api/auth/sign-out', { schema: schema.postSignOut }, async (request, reply) => {
    await signOut(app.auth, request, reply);
    return reply.code(204).send(null);
  });

  app.get('/api/auth/session', { schema: schema.getSession }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const user = await request.sessionUser();
    if (!user) return { user: null };
    return { user: { ...user, systemRoles: await activeSystemRoles(app.database.db, user.id) } };
  });
};

export default authRoutes;
