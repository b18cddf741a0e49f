import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorize } from '../../authz/authorize.js';
import { callerFacts } from '../../authz/facts.js';
import type { RequestActor } from '../../authz/actor.js';
import { authorizedEvent, loadEvent, noSuchEvent } from '../events/service.js';
import * as schema from './schema.js';
import * as service from './service.js';

/** An event's sessions: read by whoever may see the event, changed with event.update. */
const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  const ctxOf = (request: FastifyRequest, actor: RequestActor) => ({
    actor: { userId: actor.user.id },
    origin: request.origin(),
  });

  // Refused early here; the change decides event.update again under the event's lock.
  async function editable(request: FastifyRequest, eventId: string) {
    const actor = await request.requireActor();
    const { row } = await authorizedEvent(db, actor, eventId, 'event.update');
    return { actor, eventId: row.event.id };
  }

  app.get('/api/events/:eventId/sessions', { schema: schema.getSessions }, async (request) => {
    const loaded = await loadEvent(db, request.params.eventId);
    if (!loaded) throw noSuchEvent();
    authorize(await callerFacts(request), 'event.view', loaded.resource, { what: 'event' });
    return { sessions: await service.listSessions(db, loaded.row.event.id) };
  });

  app.post(
    '/api/events/:eventId/sessions',
    { schema: schema.postSession },
    async (request, reply) => {
      const { actor, eventId } = await editable(request, request.params.eventId);
      const { locationId, ...rest } = request.body;
      const session = await service.createSession(db, ctxOf(request, actor), actor, eventId, {
        ...rest,
        locationId: locationId ?? null,
      });
      return reply.code(201).send({ session });
    },
  );

  app.patch(
    '/api/events/:eventId/sessions/:sessionId',
    { schema: schema.patchSession },
    async (request) => {
      const { actor, eventId } = await editable(request, request.params.eventId);
      const session = await service.updateSession(
        db,
        ctxOf(request, actor),
        actor,
        eventId,
        request.params.sessionId,
        request.body,
      );
      return { session };
    },
  );

  app.delete(
    '/api/events/:eventId/sessions/:sessionId',
    { schema: schema.deleteSession },
    async (request, reply) => {
      const { actor, eventId } = await editable(request, request.params.eventId);
      await service.deleteSession(
        db,
        ctxOf(request, actor),
        actor,
        eventId,
        request.params.sessionId,
        request.body.reason ?? null,
      );
      return reply.code(204).send(null);
    },
  );
};

export default sessionRoutes;
