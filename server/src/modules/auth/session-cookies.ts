import type { FastifyReply, FastifyRequest } from 'fastify';
import { fromNodeHeaders } from 'better-auth/node';
import { APIError } from 'better-auth/api';
import type { Auth } from '../../auth/better-auth.js';
import { AppError } from '../../errors.js';

function forwardCookies(from: Headers, reply: FastifyReply) {
  const cookies = from.getSetCookie();
  if (cookies.length) reply.header('set-cookie', cookies);
}

/** Signs in with a password through better-auth and passes its session cookie to the reply. */
export async function signInWithPassword(
  auth: Auth,
  request: FastifyRequest,
  reply: FastifyReply,
  credentials: { email: string; password: string },
) {
  try {
    const { headers, response } = await auth.api.signInEmail({
      body: { email: credentials.email, password: credentials.password, rememberMe: true },
      headers: fromNodeHeaders(request.headers),
      returnHeaders: true,
    });
    forwardCookies(headers, reply);
    return response.user;
  } catch (error) {
    if (error instanceof APIError && (error.statusCode === 401 || error.statusCode === 400)) {
      throw new AppError('invalid_credentials', 'The email address or password is not right.');
    }
    throw error;
  }
}

/** Ends the request's session, if any, and clears its cookie. */
export async function signOut(auth: Auth, request: FastifyRequest, reply: FastifyReply) {
  try {
    const { headers } = await auth.api.signOut({
      headers: fromNodeHeaders(request.headers),
      returnHeaders: true,
    });
    forwardCookies(headers, reply);
  } catch (error) {
    // No session to end is fine: signing out is idempotent.
    if (!(error instanceof APIError)) throw error;
  }
}
