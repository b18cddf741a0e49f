import type { BetterAuthPlugin } from 'better-auth';
import { createAuthEndpoint, sessionMiddleware } from 'better-auth/api';
import { setSessionCookie } from 'better-auth/cookies';

/**
 * A better-auth endpoint that swaps the request's session for a new one with a new token (same
 * user, same absolute start), deletes the old one and sets the new cookie. Steward calls it when
 * the user's roles changed after the session was issued: a token known before a change of
 * privileges is worth nothing after it. Going through better-auth keeps its cookie signing.
 */
export const sessionRotation = () =>
  ({
    id: 'steward-session-rotation',
    endpoints: {
      rotateSession: createAuthEndpoint(
        '/steward/rotate-session',
        { method: 'POST', use: [sessionMiddleware] },
        async (ctx) => {
          const { session, user } = ctx.context.session;
          const fresh = await ctx.context.internalAdapter.createSession(
            user.id,
            false,
            {
              createdAt: session.createdAt,
              ipAddress: session.ipAddress,
              userAgent: session.userAgent,
            },
            true,
          );
          await ctx.context.internalAdapter.deleteSession(session.token);
          await setSessionCookie(ctx, { session: fresh, user });
          return ctx.json({ rotated: true });
        },
      ),
    },
  }) satisfies BetterAuthPlugin;
