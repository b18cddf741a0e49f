import type { FastifyReply, FastifyRequest } from 'fastify';
import { fromNodeHeaders } from 'better-auth/node';
import { APIError } from 'better-auth/api';
import type { Auth } from '../../auth/better-auth.js';
import { AppError } from '../../errors.js';

// Steward calls better-auth's API directly (its HTTP handler is not mounted) and passes the
// cookies it sets on to Fastify's reply. better-auth's errors become Steward's vocabulary here.

export function forwardCookies(from: Headers, reply: FastifyReply) {
  const cookies = from.getSetCookie();
  if (cookies.length) reply.header('set-cookie', cookies);
}

export const headersOf = (request: FastifyRequest) => fromNodeHeaders(request.headers);

/** better-auth's error code of an APIError (`INVALID_TOKEN`, …), or null for anything else. */
export function betterAuthCode(error: unknown): string | null {
  if (!(error instanceof APIError)) return null;
  const body = error.body as { code?: unknown } | undefined;
  return typeof body?.code === 'string' ? body.code : String(error.status);
}

const deactivated = () =>
  new AppError(
    'account_deactivated',
    'This account is deactivated. Contact the people who run this Steward.',
  );

export type SignInResult =
  | { status: 'signed_in'; user: { id: string; name: string; email: string } }
  | { status: 'two_factor_required' };

/**
 * Signs in with a password through better-auth and passes its cookies to the reply: the session
 * cookie, or, when the account uses two-factor, the short-lived cookie of the second step.
 */
export async function signInWithPassword(
  auth: Auth,
  request: FastifyRequest,
  reply: FastifyReply,
  credentials: { email: string; password: string },
): Promise<SignInResult> {
  try {
    const { headers, response } = await auth.api.signInEmail({
      body: { email: credentials.email, password: credentials.password, rememberMe: true },
      headers: headersOf(request),
      returnHeaders: true,
    });
    forwardCookies(headers, reply);
    if ('twoFactorRedirect' in response && response.twoFactorRedirect) {
      return { status: 'two_factor_required' };
    }
    const user = (response as { user: { id: string; name: string; email: string } }).user;
    return { status: 'signed_in', user };
  } catch (error) {
    const code = betterAuthCode(error);
    if (code === 'EMAIL_NOT_VERIFIED') {
      // Only someone who knows the password learns this; a new confirmation link is on its way.
      throw new AppError(
        'email_not_verified',
        'Confirm your email address first: we have sent you a new link.',
      );
    }
    if (code === 'ACCOUNT_DEACTIVATED') throw deactivated();
    if (error instanceof APIError && (error.statusCode === 401 || error.statusCode === 400)) {
      throw new AppError('invalid_credentials', 'The email address or password is not right.');
    }
    throw error;
  }
}

/**
 * The second step of a sign-in: a code from the authenticator app (six digits) or one of the
 * backup codes. better-auth reads the pending sign-in from its two-factor cookie.
 */
export async function verifySecondFactor(
  auth: Auth,
  request: FastifyRequest,
  reply: FastifyReply,
  code: string,
  trustDevice: boolean,
) {
  const totp = /^\d{6}$/.test(code);
  try {
    const { headers, response } = totp
      ? await auth.api.verifyTOTP({
          body: { code, trustDevice },
          headers: headersOf(request),
          returnHeaders: true,
        })
      : await auth.api.verifyBackupCode({
          body: { code, trustDevice },
          headers: headersOf(request),
          returnHeaders: true,
        });
    forwardCookies(headers, reply);
    const user = (response as { user: { id: string; name: string; email: string } }).user;
    return { user, usedBackupCode: !totp };
  } catch (error) {
    const code = betterAuthCode(error);
    if (code === 'ACCOUNT_DEACTIVATED') throw deactivated();
    if (error instanceof APIError && error.statusCode < 500) {
      throw new AppError(
        'two_factor_invalid',
        'That code is not right, or the sign-in took too long. Try again, or start over.',
      );
    }
    throw error;
  }
}

/** Ends the request's session, if any, and clears its cookie. */
export async function signOut(auth: Auth, request: FastifyRequest, reply: FastifyReply) {
  try {
    const { headers } = await auth.api.signOut({
      headers: headersOf(request),
      returnHeaders: true,
    });
    forwardCookies(headers, reply);
  } catch (error) {
    // No session to end is fine: signing out is idempotent.
    if (!(error instanceof APIError)) throw error;
  }
}
