import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.js';
import { getSystemSettings } from '../settings/service.js';
import { deleteUserSessions } from '../users/repository.js';
import * as schema from './schema.js';
import { signUpWithInvitation } from '../invitations/service.js';
import { linkWorks } from '../invitations/links.js';
import * as auth from './service.js';
import {
  betterAuthCode,
  headersOf,
  signInWithPassword,
  signOut,
  verifySecondFactor,
} from './session-cookies.js';

const accepted = { status: 'accepted' as const };
/** Refusals that come only after a right password: the attempt is tied to its account. */
const refusedAfterPassword = new Set(['email_not_verified', 'account_deactivated']);
const tokenInvalid = () =>
  new AppError(
    'token_invalid',
    'This link has expired or has already been used. Ask for a new one.',
  );

/** What a confirmation token says (a JWT; better-auth checks its signature when it is used). */
function tokenClaims(token: string): { email: string; updateTo?: string; userId?: string } {
  try {
    const payload = token.split('.')[1] ?? '';
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    return {
      email: text(claims.email) ?? '',
      ...(text(claims.updateTo) ? { updateTo: text(claims.updateTo)! } : {}),
      ...(text(claims.userId) ? { userId: text(claims.userId)! } : {}),
    };
  } catch {
    throw tokenInvalid();
  }
}

const authRoutes: FastifyPluginAsyncZod<{ publicUrl: string }> = async (app, opts) => {
  const db = app.database.db;
  const publicUrl = opts.publicUrl;
  // better-auth names its cookies (`__Secure-` over HTTPS): ask it rather than spell them here.
  const pendingSignInCookie = (await app.auth.$context).createAuthCookie('two_factor').name;

  app.post(
    '/api/auth/sign-in',
    // Per address and per submitted email (known account or not); successes give theirs back.
    { schema: schema.postSignIn, preHandler: app.rateLimit('signIn') },
    async (request, reply) => {
      const ctx = { actor: null, origin: request.origin() };
      const { email } = request.body;
      try {
        const result = await signInWithPassword(app.auth, request, reply, request.body);
        if (result.status === 'two_factor_required') {
          return { status: 'two_factor_required' as const };
        }
        await auth.recordSignIn(db, ctx, { email, userId: result.user.id });
        const { id, name } = result.user;
        return { status: 'signed_in' as const, user: { id, name, email: result.user.email } };
      } catch (error) {
        // Every refusal is audited (SPEC §10); after a right password the account is known.
        if (error instanceof AppError && error.code === 'invalid_credentials') {
          await auth.recordSignIn(db, ctx, { email, userId: null });
        } else if (error instanceof AppError && refusedAfterPassword.has(error.code)) {
          const known = await auth.findUserByEmail(db, email);
          await auth.recordSignIn(db, ctx, {
            email,
            userId: null,
            refusedUserId: known?.id ?? null,
            reason: error.code,
          });
        }
        throw error;
      }
    },
  );

  app.post(
    '/api/auth/two-factor',
    {
      schema: schema.postTwoFactor,
      // Counted per address and per pending sign-in (its cookie), besides better-auth's lockout.
      preHandler: app.rateLimit('twoFactor', {
        account: (request) => request.cookies[pendingSignInCookie] ?? null,
      }),
    },
    async (request, reply) => {
      const { code, trustDevice } = request.body;
      const ctx = { actor: null, origin: request.origin() };
      let verified;
      try {
        verified = await verifySecondFactor(app.auth, request, reply, code, trustDevice);
      } catch (error) {
        if (error instanceof AppError) {
          await auth.recordSignIn(db, ctx, {
            email: '',
            userId: null,
            step: 'two_factor',
            reason: error.code,
          });
        }
        throw error;
      }
      const { user, usedBackupCode } = verified;
      await auth.recordSignIn(db, ctx, { email: user.email, userId: user.id, step: 'two_factor' });
      if (usedBackupCode) {
        await auth.recordAccountEvent(db, ctx, user.id, 'auth.two_factor.backup_code_used');
      }
      return {
        status: 'signed_in' as const,
        user: { id: user.id, name: user.name, email: user.email },
      };
    },
  );

  app.post(
    '/api/auth/sign-up',
    { schema: schema.postSignUp, preHandler: app.rateLimit('signUp') },
    async (request, reply) => {
      const { name, email, password, invitation, inviteLink } = request.body;
      if (invitation) {
        // An email invitation: the account, its confirmation and the new role in one go.
        const { next } = await signUpWithInvitation(db, request.origin(), {
          name,
          email,
          password,
          token: invitation,
        });
        await signInWithPassword(app.auth, request, reply, { email, password });
        return reply.code(201).send({ status: 'joined' as const, next });
      }
      const settings = await getSystemSettings(db);
      const invited = inviteLink ? await linkWorks(db, inviteLink) : false;
      if (settings.signUp !== 'open' && !invited) {
        throw new AppError(
          'signup_closed',
          'Accounts are created by invitation only here. Ask an organizer for an invitation.',
        );
      }
      const existing = await auth.findUserByEmail(db, email);
      // better-auth answers an existing address with a made-up user and emails its owner.
      await app.auth.api.signUpEmail({
        body: { name, email, password },
        headers: headersOf(request),
      });
      if (!existing) {
        const created = await auth.findUserByEmail(db, email);
        if (created) {
          await auth.recordAccountEvent(
            db,
            { actor: { userId: created.id }, origin: request.origin() },
            created.id,
            'auth.sign_up',
            { after: { name, email } },
          );
        }
      }
      return reply.code(202).send(accepted);
    },
  );

  app.post(
    '/api/auth/verify-email',
    {
      schema: schema.postVerifyEmail,
      preHandler: app.rateLimit('emailVerification', { account: () => null }),
    },
    async (request) => {
      const claims = tokenClaims(request.body.token);
      if (claims.updateTo) {
        // Moving an account to a new address needs its owner signed in now: a link asked for
        // from a stolen session is worthless once a reset or "sign out everywhere" ends it.
        const user = await request.sessionUser();
        if (!user || user.id !== claims.userId) {
          throw new AppError(
            'token_invalid',
            'Sign in to your account, then open the link again to change your email address.',
          );
        }
      }
      let result;
      try {
        result = await app.auth.api.verifyEmail({
          query: { token: request.body.token },
          headers: headersOf(request),
        });
      } catch (error) {
        if (betterAuthCode(error) !== null) throw tokenInvalid();
        throw error;
      }
      // better-auth names the user only after a change of address; otherwise the (now checked)
      // token says whose address it confirmed.
      const changed = (result as { user?: { id: string; email: string } | null }).user;
      const user = changed ?? (await auth.findUserByEmail(db, claims.email));
      if (!user) throw tokenInvalid();
      await auth.recordAccountEvent(
        db,
        { actor: { userId: user.id }, origin: request.origin() },
        user.id,
        'auth.email_verified',
        { after: { email: user.email } },
      );
      return { status: 'verified' as const, email: user.email };
    },
  );

  app.post(
    '/api/auth/verify-email/resend',
    { schema: schema.postResendVerification, preHandler: app.rateLimit('emailVerification') },
    async (request, reply) => {
      const existing = await auth.findUserByEmail(db, request.body.email);
      // Nothing to send for an unknown or already confirmed address, and the answer is the same.
      if (existing && !existing.emailVerified) {
        await app.auth.api.sendVerificationEmail({ body: { email: existing.email } });
      }
      return reply.code(202).send(accepted);
    },
  );

  app.post(
    '/api/auth/password/forgot',
    { schema: schema.postForgotPassword, preHandler: app.rateLimit('passwordReset') },
    async (request, reply) => {
      // Both paths do the same work as far as they can (better-auth does a stand-in lookup for
      // an unknown address; both write one audit entry), so timing says little about who exists.
      const { email } = request.body;
      const [existing] = await Promise.all([
        auth.findUserByEmail(db, email),
        app.auth.api.requestPasswordReset({
          body: { email, redirectTo: `${publicUrl}/reset-password` },
        }),
      ]);
      await auth.recordAccountEvent(
        db,
        { actor: null, origin: request.origin() },
        existing?.id ?? null,
        'auth.password_reset.request',
        existing ? {} : { outcome: 'denied', after: { email } },
      );
      return reply.code(202).send(accepted);
    },
  );

  app.post(
    '/api/auth/password/reset',
    {
      schema: schema.postResetPassword,
      preHandler: app.rateLimit('passwordReset', { account: () => null }),
    },
    async (request, reply) => {
      const { token, password } = request.body;
      // Whose token it is, for the audit entry; better-auth stores it hashed and spends it once.
      const context = await app.auth.$context;
      const pending = await context.internalAdapter.findVerificationValue(
        `reset-password:${token}`,
      );
      if (!pending || pending.expiresAt < new Date()) throw tokenInvalid();
      try {
        await app.auth.api.resetPassword({ body: { newPassword: password, token } });
      } catch (error) {
        if (betterAuthCode(error) !== null) throw tokenInvalid();
        throw error;
      }
      await auth.recordAccountEvent(
        db,
        { actor: null, origin: request.origin() },
        pending.value,
        'auth.password_reset',
      );
      return reply.code(204).send(null);
    },
  );

  app.post('/api/auth/sign-out', { schema: schema.postSignOut }, async (request, reply) => {
    const user = await request.sessionUser();
    await signOut(app.auth, request, reply);
    if (user) await auth.recordSignOut(db, { actor: null, origin: request.origin() }, user.id);
    return reply.code(204).send(null);
  });

  app.post(
    '/api/auth/sign-out-everywhere',
    { schema: schema.postSignOutEverywhere },
    async (request, reply) => {
      const user = await request.sessionUser();
      if (!user) throw new AppError('unauthenticated', 'Sign in to continue.');
      await signOut(app.auth, request, reply);
      const ended = await deleteUserSessions(db, user.id);
      await auth.recordAccountEvent(
        db,
        { actor: { userId: user.id }, origin: request.origin() },
        user.id,
        'auth.sign_out_everywhere',
        { after: { sessionsEnded: ended + 1 } },
      );
      return reply.code(204).send(null);
    },
  );

  app.get('/api/auth/session', { schema: schema.getSession }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const [user, settings] = await Promise.all([request.sessionUser(), getSystemSettings(db)]);
    return { user: user ? await auth.describeUser(db, user) : null, signUp: settings.signUp };
  });
};

export default authRoutes;
