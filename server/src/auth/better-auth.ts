import { betterAuth } from 'better-auth';
import { APIError } from 'better-auth/api';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { twoFactor } from 'better-auth/plugins';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/connection.js';
import { accounts, sessions, twoFactors, users, verifications } from '../db/schema/index.js';
import {
  sendExistingAccountEmail,
  sendPasswordResetEmail,
  sendVerificationEmail,
} from '../modules/auth/emails.js';
import {
  hashPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  verifyPassword,
} from './passwords.js';
import { sessionRotation } from './rotate-session.js';
import { SESSION_IDLE_SECONDS, SESSION_REFRESH_SECONDS } from './session-policy.js';

export interface AuthOptions {
  db: Database;
  secret: string;
  publicUrl: string;
}

/** The cookie that carries the session; better-auth prefixes it with `steward.`. */
export const SESSION_COOKIE_PREFIX = 'steward';

/**
 * better-auth does the mechanics of accounts, sessions, tokens and two-factor; Steward's routes
 * wrap its API so every endpoint speaks Steward's error vocabulary, is rate-limited and audited,
 * and appears in the OpenAPI document. Its own HTTP handler is not mounted.
 */
export function createAuth({ db, secret, publicUrl }: AuthOptions) {
  const currentEmail = async (userId: string) =>
    (await db.select({ email: users.email }).from(users).where(eq(users.id, userId)))[0]?.email;

  return betterAuth({
    appName: 'Steward',
    baseURL: publicUrl,
    basePath: '/api/auth',
    secret,
    telemetry: { enabled: false },
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: {
        user: users,
        session: sessions,
        account: accounts,
        verification: verifications,
        twoFactor: twoFactors,
      },
    }),
    // Reset tokens and other stored verification values are kept only as hashes.
    verification: { storeIdentifier: 'hashed' },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
      requireEmailVerification: true,
      autoSignIn: false,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 60 * 60,
      password: {
        hash: hashPassword,
        verify: ({ hash, password }) => verifyPassword(hash, password),
      },
      sendResetPassword: ({ user, token }) => sendPasswordResetEmail(db, publicUrl, user, token),
      onExistingUserSignUp: ({ user }) => sendExistingAccountEmail(db, publicUrl, user),
    },
    emailVerification: {
      sendOnSignUp: true,
      sendOnSignIn: true,
      autoSignInAfterVerification: false,
      expiresIn: 24 * 60 * 60,
      // For a change of address better-auth passes the user with the new address.
      sendVerificationEmail: async ({ user, token }) => {
        const stored = (await currentEmail(user.id)) ?? user.email;
        await sendVerificationEmail(db, publicUrl, { ...user, email: stored }, token, user.email);
      },
    },
    user: {
      changeEmail: { enabled: true },
      additionalFields: {
        pronouns: { type: 'string', required: false, input: false },
        deactivatedAt: { type: 'date', required: false, input: false },
        deletedAt: { type: 'date', required: false, input: false },
        privilegesChangedAt: { type: 'date', required: false, input: false },
      },
    },
    session: {
      // Idle expiry: a session unused this long is gone. The absolute expiry is checked by the
      // auth plugin (better-auth slides expiresAt but keeps createdAt).
      expiresIn: SESSION_IDLE_SECONDS,
      updateAge: SESSION_REFRESH_SECONDS,
      additionalFields: {
        issuedAt: { type: 'date', required: false, input: false, defaultValue: () => new Date() },
      },
    },
    databaseHooks: {
      session: {
        create: {
          // No session for a deactivated or deleted account, whatever path asks for one.
          before: async (session) => {
            const [u] = await db
              .select({ deactivatedAt: users.deactivatedAt, deletedAt: users.deletedAt })
              .from(users)
              .where(eq(users.id, session.userId));
            if (!u || u.deactivatedAt || u.deletedAt) {
              throw new APIError('FORBIDDEN', {
                code: 'ACCOUNT_DEACTIVATED',
                message: 'This account is deactivated.',
              });
            }
          },
        },
      },
    },
    plugins: [
      sessionRotation(),
      twoFactor({
        issuer: 'Steward',
        // The secret is confirmed with a first code before two-factor counts as on.
        skipVerificationOnEnable: false,
        backupCodeOptions: { amount: 10, length: 10 },
        accountLockout: { enabled: true, maxFailedAttempts: 10, durationSeconds: 15 * 60 },
      }),
    ],
    // Steward applies its own rate limits at the HTTP layer (rate-limit/), shared by processes.
    rateLimit: { enabled: false },
    advanced: {
      cookiePrefix: SESSION_COOKIE_PREFIX,
      database: { generateId: 'uuid' },
      useSecureCookies: publicUrl.startsWith('https://'),
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', path: '/' },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
