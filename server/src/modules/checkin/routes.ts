import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RequestActor } from '../../authz/actor.js';
import { eventAllowing } from '../events/service.js';
import * as schema from './schema.js';
import * as service from './service.js';

/** Check-in at the door: sessions with counts, the people of one, checking in and undoing it. */
const checkinRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  const ctxOf = (request: FastifyRequest, actor: RequestActor) => ({
    actor: { userId: actor.user.id },
    origin: request.origin(),
  });

  app.get('/api/events/:eventId/checkin', { schema: schema.getCheckin }, async (request) => {
    const actor = await request.requireActor();
    const { row } = await eventAllowing(db, actor, request.params.eventId, 'event.checkin');
    return service.overview(db, row.event);
  });

  app.get('/api/events/:eventId/checkin/people', { schema: schema.getPeople }, async (request) => {
    const actor = await request.requireActor();
    const { row } = await eventAllowing(db, actor, request.params.eventId, 'event.checkin');
    return service.people(db, row.event.id, request.query);
  });

  // The change itself decides event.checkin again, on the event as read under its lock.
  app.post('/api/events/:eventId/checkin', { schema: schema.postCheckin }, async (request) => {
    const actor = await request.requireActor();
    const { eventId } = request.params;
    return service.setCheckedIn(db, ctxOf(request, actor), actor, eventId, request.body, true);
  });

  app.delete('/api/events/:eventId/checkin', { schema: schema.deleteCheckin }, async (request) => {
    const actor = await request.requireActor();
    const { eventId } = request.params;
    return service.setCheckedIn(db, ctxOf(request, actor), actor, eventId, request.body, false);
  });
};

export default checkinRoutes;
