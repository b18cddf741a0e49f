import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as schema from './schema.js';
import * as invitations from './service.js';
import * as links from './links.js';

/** Invitation links: what one offers, and accepting it. */
const invitationRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  const limited = app.rateLimit('invitation', { account: () => null });

  app.post(
    '/api/invitations/lookup',
    { schema: schema.postLookup, preHandler: limited },
    async (request) => ({ invitation: await invitations.lookupInvitation(db, request.body.token) }),
  );

  app.post(
    '/api/invitations/accept',
    { schema: schema.postAccept, preHandler: limited },
    async (request) => {
      const actor = await request.requireActor();
      const ctx = { actor: { userId: actor.user.id }, origin: request.origin() };
      return invitations.acceptInvitation(db, ctx, actor.user, request.body.token);
    },
  );

  app.post(
    '/api/invite-links/lookup',
    { schema: schema.postLinkLookup, preHandler: limited },
    async (request) => ({ link: await links.lookupLink(db, request.body.token) }),
  );

  app.post(
    '/api/invite-links/redeem',
    { schema: schema.postLinkRedeem, preHandler: limited },
    async (request) => {
      const actor = await request.requireActor();
      const ctx = { actor: { userId: actor.user.id }, origin: request.origin() };
      return links.redeemLink(db, ctx, request.body.token);
    },
  );
};

export default invitationRoutes;
