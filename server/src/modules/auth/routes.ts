import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.js';
import * as schema from './schema.js';
import * as auth from './service.js';
import { signInWithPassword, signOut } from './session-cookies.js';

const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  app.post(
    '/api/auth/sign-in',
    // Per address and per submitted email (known account or not); successes give theirs back.
    { schema: schema.postSignIn, preHandler: app.rateLimit('signIn') },
    async (request, reply) => {
      const ctx = { actor: null, origin: request.origin() };
      const { email } = request.body;
      try {
        const user = await signInWithPassword(app.auth, request, reply, request.body);
        await auth.recordSignIn(db, ctx, { email, userId: user.id });
        return { user: { id: user.id, name: user.name, email: user.email } };
      } catch (error) {
        if (error instanceof AppError && error.code === 'invalid_credentials') {
          await auth.recordSignIn(db, ctx, { email, userId: null });
        }
        throw error;
      }
    },
  );

  app.post('/api/auth/sign-out', { schema: schema.postSignOut }, async (request, reply) => {
    const user = await request.sessionUser();
    await signOut(app.auth, request, reply);
    if (user) await auth.recordSignOut(db, { actor: null, origin: request.origin() }, user.id);
    return reply.code(204).send(null);
  });

  app.get('/api/auth/session', { schema: schema.getSession }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const user = await request.sessionUser();
    return { user: user ? await auth.describeUser(db, user) : null };
  });
};

export default authRoutes;
