import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RequestActor } from '../../authz/actor.js';
import { authorizedEvent } from '../events/service.js';
import * as schema from './schema.js';
import * as service from './service.js';

/** RSVPs: one's own for an event, one's list, and the emailed cancellation link. */
const rsvpRoutes: FastifyPluginAsyncZod<{ publicUrl: string }> = async (app, opts) => {
  const db = app.database.db;
  const { publicUrl } = opts;
  const ctxOf = (request: FastifyRequest, actor: RequestActor) => ({
    actor: { userId: actor.user.id },
    origin: request.origin(),
    publicUrl,
  });

  app.get('/api/events/:eventId/rsvp', { schema: schema.getRsvp }, async (request) => {
    const actor = await request.requireActor();
    const { resource } = await authorizedEvent(db, actor, request.params.eventId);
    return service.getRsvp(db, actor.user.id, resource);
  });

  app.put('/api/events/:eventId/rsvp', { schema: schema.putRsvp }, async (request, reply) => {
    const actor = await request.requireActor();
    // Whoever may not see the event gets its 404; event.rsvp is decided under the event's lock.
    const { row } = await authorizedEvent(db, actor, request.params.eventId);
    const { created, ...answer } = await service.putRsvp(
      db,
      ctxOf(request, actor),
      actor,
      row.event.id,
      request.body,
    );
    return reply.code(created ? 201 : 200).send(answer);
  });

  app.delete('/api/events/:eventId/rsvp', { schema: schema.deleteRsvp }, async (request) => {
    const actor = await request.requireActor();
    const { row } = await authorizedEvent(db, actor, request.params.eventId);
    return service.cancelOwnRsvp(db, ctxOf(request, actor), row.event.id);
  });

  app.get('/api/me/rsvps', { schema: schema.getMyRsvps }, async (request) => {
    const actor = await request.requireActor();
    return service.myRsvps(db, { ...actor.facts, userId: actor.user.id }, request.query);
  });

  // The emailed link: its token is the authority, so no sign-in; guessing one must not pay. The
  // token travels in the body, never in a URL that proxies and access logs would keep.
  const limited = app.rateLimit('rsvpCancellation', { account: () => null });

  app.post(
    '/api/rsvp-cancellations/preview',
    { schema: schema.previewCancellation, preHandler: limited },
    async (request) => service.previewCancellation(db, request.body.token),
  );

  app.post(
    '/api/rsvp-cancellations',
    { schema: schema.postCancellation, preHandler: limited },
    async (request) =>
      service.cancelByToken(
        db,
        { actor: null, origin: request.origin(), publicUrl },
        request.body.token,
      ),
  );
};

export default rsvpRoutes;
