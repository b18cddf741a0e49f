import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.js';
import { recordAccountEvent } from '../auth/service.js';
import { betterAuthCode, forwardCookies, headersOf } from '../auth/session-cookies.js';
import { AVATAR_MAX_BYTES } from './avatar.js';
import { acceptImageBodies, imageBody, sendImage } from '../../http/image-bodies.js';
import { deleteSessions, deleteUserVerifications, sessionIdsOf } from '../users/repository.js';
import * as schema from './schema.js';
import * as account from './service.js';

// The signed-in user of each request, set by this module's preHandler hook.
const signedIn = new WeakMap<FastifyRequest, string>();

/** better-auth refuses a wrong password with INVALID_PASSWORD; anything else passes on. */
function passwordError(error: unknown, field = 'body.password'): never {
  const code = betterAuthCode(error);
  if (code === 'INVALID_PASSWORD' || code === 'INVALID_CREDENTIALS') {
    throw new AppError('invalid_credentials', 'That password is not right.', [
      { field, message: 'is not right' },
    ]);
  }
  if (code === 'SESSION_NOT_FRESH') {
    throw new AppError('unauthenticated', 'Sign in again to make this change.');
  }
  throw error;
}

/** Your own account: profile, password, email, two-factor, your data, deleting it all. */
const accountRoutes: FastifyPluginAsyncZod<{ publicUrl: string }> = async (app, opts) => {
  const db = app.database.db;
  const sessionCookieName = (await app.auth.$context).authCookies.sessionToken.name;
  // Changes that need the current password are limited like sign-in: per address and account.
  const passwordLimit = app.rateLimit('signIn', {
    account: (request) => signedIn.get(request) ?? null,
  });

  // Before validation, so that nobody learns the shape of these routes without a session.
  app.addHook('preValidation', async (request) => {
    const user = await request.sessionUser();
    if (!user) throw new AppError('unauthenticated', 'Sign in to continue.');
    signedIn.set(request, user.id);
  });

  const ctxOf = async (request: FastifyRequest) => {
    const user = (await request.sessionUser())!;
    return { user, ctx: { actor: { userId: user.id }, origin: request.origin() } };
  };

  app.patch('/api/account', { schema: schema.patchAccount }, async (request) => {
    const { user, ctx } = await ctxOf(request);
    const updated = await account.updateProfile(
      db,
      ctx,
      { name: user.name, pronouns: user.pronouns },
      request.body,
    );
    return { user: updated };
  });

  app.post(
    '/api/account/password',
    { schema: schema.postPassword, preHandler: passwordLimit },
    async (request, reply) => {
      const { user, ctx } = await ctxOf(request);
      try {
        const { headers } = await app.auth.api.changePassword({
          body: { ...request.body, revokeOtherSessions: true },
          headers: headersOf(request),
          returnHeaders: true,
        });
        // A new session for this device; every other one has ended.
        forwardCookies(headers, reply);
      } catch (error) {
        passwordError(error, 'body.currentPassword');
      }
      await recordAccountEvent(db, ctx, user.id, 'account.password.change');
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/account/email',
    { schema: schema.postEmail, preHandler: passwordLimit },
    async (request, reply) => {
      const { user, ctx } = await ctxOf(request);
      const { newEmail, password } = request.body;
      // A session alone may not move the account to another address: that is a takeover.
      await account.confirmPassword(db, user.id, password);
      if (newEmail !== user.email) {
        try {
          // The link goes to the new address; the address changes only when it is followed. An
          // address already in use gets no link, and the answer is the same.
          await app.auth.api.changeEmail({
            body: { newEmail, callbackURL: `${opts.publicUrl}/account` },
            headers: headersOf(request),
          });
        } catch (error) {
          if (betterAuthCode(error) === null) throw error;
        }
        await recordAccountEvent(db, ctx, user.id, 'account.email.change_request', {
          before: { email: user.email },
          after: { email: newEmail },
        });
      }
      return reply.code(202).send({ status: 'accepted' as const });
    },
  );

  app.post(
    '/api/account/two-factor/enable',
    { schema: schema.postTwoFactorEnable, preHandler: passwordLimit },
    async (request) => {
      const { user, ctx } = await ctxOf(request);
      try {
        const result = await app.auth.api.enableTwoFactor({
          body: { password: request.body.password, issuer: 'Steward' },
          headers: headersOf(request),
        });
        await recordAccountEvent(db, ctx, user.id, 'account.two_factor.start');
        if (!('totpURI' in result)) throw new Error('two-factor is not set up for TOTP');
        return { totpURI: result.totpURI, backupCodes: result.backupCodes };
      } catch (error) {
        passwordError(error);
      }
    },
  );

  app.post(
    '/api/account/two-factor/confirm',
    { schema: schema.postTwoFactorConfirm, preHandler: passwordLimit },
    async (request, reply) => {
      const { user, ctx } = await ctxOf(request);
      // Sessions from before two-factor was on end (someone may have signed in with a
      // password alone); better-auth gives this device a new one.
      const earlier = await sessionIdsOf(db, user.id);
      try {
        const { headers } = await app.auth.api.verifyTOTP({
          body: { code: request.body.code },
          headers: headersOf(request),
          returnHeaders: true,
        });
        forwardCookies(headers, reply);
      } catch (error) {
        if (betterAuthCode(error) === null) throw error;
        throw new AppError('two_factor_invalid', 'That code is not right. Try the next one.', [
          { field: 'body.code', message: 'is not right' },
        ]);
      }
      await deleteSessions(db, earlier);
      // A device trusted under an earlier two-factor setup starts over too.
      await deleteUserVerifications(db, user.id);
      await recordAccountEvent(db, ctx, user.id, 'account.two_factor.enable');
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/account/two-factor/disable',
    { schema: schema.postTwoFactorDisable, preHandler: passwordLimit },
    async (request, reply) => {
      const { user, ctx } = await ctxOf(request);
      try {
        const { headers } = await app.auth.api.disableTwoFactor({
          body: { password: request.body.password },
          headers: headersOf(request),
          returnHeaders: true,
        });
        forwardCookies(headers, reply);
      } catch (error) {
        passwordError(error);
      }
      await recordAccountEvent(db, ctx, user.id, 'account.two_factor.disable');
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/account/two-factor/backup-codes',
    { schema: schema.postBackupCodes, preHandler: passwordLimit },
    async (request) => {
      const { user, ctx } = await ctxOf(request);
      try {
        const result = await app.auth.api.generateBackupCodes({
          body: { password: request.body.password },
          headers: headersOf(request),
        });
        await recordAccountEvent(db, ctx, user.id, 'account.two_factor.backup_codes');
        return { backupCodes: result.backupCodes };
      } catch (error) {
        passwordError(error);
      }
    },
  );

  acceptImageBodies(app, AVATAR_MAX_BYTES);

  app.put('/api/account/avatar', { schema: schema.putAvatar }, async (request, reply) => {
    const { ctx } = await ctxOf(request);
    await account.setAvatar(db, ctx, imageBody(request.body));
    return reply.code(204).send(null);
  });

  app.delete('/api/account/avatar', { schema: schema.deleteAvatar }, async (request, reply) => {
    const { ctx } = await ctxOf(request);
    await account.clearAvatar(db, ctx);
    return reply.code(204).send(null);
  });

  // Signed-in people see each other's pictures (next to names in teams and comments).
  app.get('/api/users/:userId/avatar', { schema: schema.getAvatar }, async (request, reply) => {
    const avatar = await account.avatarOf(db, request.params.userId);
    if (!avatar) throw new AppError('not_found', 'No such picture.');
    return sendImage(reply, avatar, 'private, max-age=3600');
  });

  app.get('/api/account/export', { schema: schema.getExport }, async (request, reply) => {
    const { user, ctx } = await ctxOf(request);
    const data = await account.exportData(db, user.id);
    await recordAccountEvent(db, ctx, user.id, 'account.export');
    reply.header('cache-control', 'no-store');
    reply.header('content-disposition', 'attachment; filename="steward-my-data.json"');
    return data;
  });

  app.delete(
    '/api/account',
    { schema: schema.deleteAccount, preHandler: passwordLimit },
    async (request, reply) => {
      const { ctx } = await ctxOf(request);
      // Links in the emails of those who get a place the account held.
      await account.deleteAccount(db, { ...ctx, publicUrl: opts.publicUrl }, request.body.password);
      // The session is gone with the account; clear its cookie in this browser too.
      reply.clearCookie(sessionCookieName, { path: '/' });
      return reply.code(204).send(null);
    },
  );
};

export default accountRoutes;
