import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Action } from '@steward/permissions';
import { authorizeActor } from '../../authz/authorize.js';
import type { RequestActor } from '../../authz/actor.js';
import { callerFacts, loadRegionResource } from '../../authz/facts.js';
import * as schema from './schema.js';
import * as regions from './service.js';

/** Regions and their leaders. Regions are public: anyone may list and read them. */
const regionRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  const ctxOf = (request: FastifyRequest, actor: RequestActor) => ({
    actor: { userId: actor.user.id },
    origin: request.origin(),
  });

  /** The region, once the engine allows `action` on it; 404 when there is none, else 403. */
  async function regionFor(request: FastifyRequest, regionId: string, action: Action) {
    const actor = await request.requireActor();
    const loaded = await loadRegionResource(db, regionId);
    if (!loaded) throw regions.noSuchRegion();
    // A region is no secret: a refusal is 403. Emptiness is the service's business (409), so
    // deletion is asked here as if the region were empty.
    const resource =
      action === 'region.delete' ? { ...loaded.resource, locationCount: 0 } : loaded.resource;
    authorizeActor(actor, action, resource, { visible: true });
    return { actor, ...loaded };
  }

  app.get('/api/regions', { schema: schema.getRegions }, async (request) => {
    const { items, total } = await regions.listRegions(db, request.query);
    return { items, total, page: request.query.page, pageSize: request.query.pageSize };
  });

  app.post('/api/regions', { schema: schema.postRegion }, async (request, reply) => {
    const actor = await request.requireActor();
    authorizeActor(actor, 'region.create', { type: 'system' }, { visible: true });
    const region = await regions.createRegion(db, ctxOf(request, actor), actor.facts, request.body);
    return reply.code(201).send({ region });
  });

  app.get('/api/regions/:regionId', { schema: schema.getRegion }, async (request) => {
    const loaded = await loadRegionResource(db, request.params.regionId);
    if (!loaded) throw regions.noSuchRegion();
    return { region: await regions.presentRegion(db, await callerFacts(request), loaded) };
  });

  app.patch('/api/regions/:regionId', { schema: schema.patchRegion }, async (request) => {
    const { regionId } = request.params;
    const { actor } = await regionFor(request, regionId, 'region.update');
    const region = await regions.updateRegion(
      db,
      ctxOf(request, actor),
      actor.facts,
      regionId,
      request.body,
    );
    return { region };
  });

  app.delete('/api/regions/:regionId', { schema: schema.deleteRegion }, async (request, reply) => {
    const { regionId } = request.params;
    const { actor } = await regionFor(request, regionId, 'region.delete');
    await regions.deleteRegion(
      db,
      ctxOf(request, actor),
      actor.facts,
      regionId,
      request.body.reason ?? null,
    );
    return reply.code(204).send(null);
  });

  app.post('/api/regions/:regionId/leaders', { schema: schema.postLeader }, async (request) => {
    const { regionId } = request.params;
    const { actor } = await regionFor(request, regionId, 'region.leaders.manage');
    const region = await regions.addLeader(
      db,
      ctxOf(request, actor),
      actor.facts,
      regionId,
      request.body,
    );
    return { region };
  });

  app.delete(
    '/api/regions/:regionId/leaders/:userId',
    { schema: schema.deleteLeader },
    async (request) => {
      const { regionId, userId } = request.params;
      const { actor } = await regionFor(request, regionId, 'region.leaders.manage');
      const region = await regions.removeLeader(
        db,
        ctxOf(request, actor),
        actor.facts,
        regionId,
        userId,
        request.body.reason ?? null,
      );
      return { region };
    },
  );
};

export default regionRoutes;
