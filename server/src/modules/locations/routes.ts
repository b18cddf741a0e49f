import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Action } from '@steward/permissions';
import { authorizeActor } from '../../authz/authorize.js';
import type { RequestActor } from '../../authz/actor.js';
import { callerFacts, loadLocationResource } from '../../authz/facts.js';
import * as schema from './schema.js';
import * as locations from './service.js';

/** Locations: public basic details, private details for region leaders and system admins. */
const locationRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  const ctxOf = (request: FastifyRequest, actor: RequestActor) => ({
    actor: { userId: actor.user.id },
    origin: request.origin(),
  });

  /** The location, once the engine allows `action` on it; 404 when there is none, else 403. */
  async function locationFor(request: FastifyRequest, locationId: string, action: Action) {
    const actor = await request.requireActor();
    const loaded = await loadLocationResource(db, locationId);
    if (!loaded) throw locations.noSuchLocation();
    // A location is no secret: a refusal is 403. Being in use is the service's business (409),
    // so deletion is asked here as if nothing used it.
    const resource =
      action === 'location.delete' ? { ...loaded.resource, events: [] } : loaded.resource;
    authorizeActor(actor, action, resource, { visible: true });
    return { actor, ...loaded };
  }

  app.get('/api/locations', { schema: schema.getLocations }, async (request) => {
    const { items, total } = await locations.listLocations(db, request.query);
    return { items, total, page: request.query.page, pageSize: request.query.pageSize };
  });

  app.post('/api/locations', { schema: schema.postLocation }, async (request, reply) => {
    const actor = await request.requireActor();
    authorizeActor(actor, 'location.create', { type: 'system' }, { visible: true });
    const location = await locations.createLocation(
      db,
      ctxOf(request, actor),
      actor.facts,
      request.body,
    );
    return reply.code(201).send({ location });
  });

  app.get('/api/locations/:locationId', { schema: schema.getLocation }, async (request) => {
    const loaded = await loadLocationResource(db, request.params.locationId);
    if (!loaded) throw locations.noSuchLocation();
    return { location: await locations.presentLocation(db, await callerFacts(request), loaded) };
  });

  app.patch('/api/locations/:locationId', { schema: schema.patchLocation }, async (request) => {
    const { locationId } = request.params;
    const { actor } = await locationFor(request, locationId, 'location.update_basic');
    const location = await locations.updateLocation(
      db,
      ctxOf(request, actor),
      actor.facts,
      locationId,
      request.body,
    );
    return { location };
  });

  app.put(
    '/api/locations/:locationId/private',
    { schema: schema.putPrivateDetails },
    async (request) => {
      const { locationId } = request.params;
      const { actor } = await locationFor(request, locationId, 'location.private.update');
      const location = await locations.setPrivateDetails(
        db,
        ctxOf(request, actor),
        actor.facts,
        locationId,
        request.body,
      );
      return { location };
    },
  );

  for (const [verb, archived] of [
    ['archive', true],
    ['unarchive', false],
  ] as const) {
    app.post(
      `/api/locations/:locationId/${verb}`,
      { schema: archived ? schema.archiveLocation : schema.unarchiveLocation },
      async (request) => {
        const { locationId } = request.params;
        const { actor } = await locationFor(request, locationId, 'location.archive');
        const location = await locations.setArchived(
          db,
          ctxOf(request, actor),
          actor.facts,
          locationId,
          archived,
          request.body.reason ?? null,
        );
        return { location };
      },
    );
  }

  app.delete(
    '/api/locations/:locationId',
    { schema: schema.deleteLocation },
    async (request, reply) => {
      const { locationId } = request.params;
      const { actor } = await locationFor(request, locationId, 'location.delete');
      await locations.deleteLocation(
        db,
        ctxOf(request, actor),
        actor.facts,
        locationId,
        request.body.reason ?? null,
      );
      return reply.code(204).send(null);
    },
  );
};

export default locationRoutes;
