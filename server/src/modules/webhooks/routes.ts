import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorizedEvent } from '../events/service.js';
import * as schema from './schema.js';
import * as service from './service.js';
import type { UrlPolicy } from './url-policy.js';

/** An event's webhooks: list, add, change, remove, test. Event admins (event.settings.update). */
const webhookRoutes: FastifyPluginAsyncZod<{ policy: UrlPolicy }> = async (app, opts) => {
  const db = app.database.db;
  const { policy } = opts;

  /** The caller's context once the engine allows them the event's settings (404 / 403). */
  async function asEventAdmin(request: FastifyRequest, eventId: string) {
    const actor = await request.requireActor();
    const { row } = await authorizedEvent(db, actor, eventId, 'event.settings.update');
    return {
      eventId: row.event.id,
      ctx: { actor: { userId: actor.user.id }, origin: request.origin() },
    };
  }

  app.get('/api/events/:eventId/webhooks', { schema: schema.getWebhooks }, async (request) => {
    const { eventId } = await asEventAdmin(request, request.params.eventId);
    return { items: await service.listWebhooks(db, eventId) };
  });

  app.post(
    '/api/events/:eventId/webhooks',
    { schema: schema.postWebhook },
    async (request, reply) => {
      const { eventId, ctx } = await asEventAdmin(request, request.params.eventId);
      const created = await service.createWebhook(db, ctx, eventId, request.body, policy);
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/api/events/:eventId/webhooks/:webhookId',
    { schema: schema.patchWebhook },
    async (request) => {
      const { eventId, ctx } = await asEventAdmin(request, request.params.eventId);
      const webhook = await service.updateWebhook(
        db,
        ctx,
        eventId,
        request.params.webhookId,
        request.body,
        policy,
      );
      return { webhook };
    },
  );

  app.delete(
    '/api/events/:eventId/webhooks/:webhookId',
    { schema: schema.deleteWebhook },
    async (request, reply) => {
      const { eventId, ctx } = await asEventAdmin(request, request.params.eventId);
      const reason = request.body.reason ?? null;
      await service.deleteWebhook(db, ctx, eventId, request.params.webhookId, reason);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/events/:eventId/webhooks/:webhookId/test',
    { schema: schema.postWebhookTest },
    async (request, reply) => {
      const { eventId, ctx } = await asEventAdmin(request, request.params.eventId);
      const webhook = await service.testWebhook(db, ctx, eventId, request.params.webhookId);
      return reply.code(202).send({ webhook });
    },
  );
};

export default webhookRoutes;
