import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { decide, type Action, type ActorFacts } from '@steward/permissions';
import { authorizeActor } from '../../authz/authorize.js';
import type { RequestActor } from '../../authz/actor.js';
import { loadChapterResource } from '../../authz/facts.js';
import { AppError } from '../../errors.js';
import { acceptImageBodies, imageBody, sendImage } from '../../http/image-bodies.js';
import { LOGO_MAX_BYTES } from '../../images.js';
import { visibleOrganization } from '../organizations/service.js';
import { steps, transition } from './lifecycle.js';
import { presentEvent } from './present.js';
import * as lists from './lists.js';
import * as repo from './repository.js';
import * as schema from './schema.js';
import * as service from './service.js';

/** Events: creation, the lifecycle, settings, logo, lists, the switcher, the public page. */
const eventRoutes: FastifyPluginAsyncZod<{ publicUrl: string }> = async (app, opts) => {
  const db = app.database.db;
  const publicUrl = opts.publicUrl;
  acceptImageBodies(app, LOGO_MAX_BYTES);

  const ctxOf = (request: FastifyRequest, actor: RequestActor) => ({
    actor: { userId: actor.user.id },
    origin: request.origin(),
    publicUrl,
  });
  const withName = (actor: RequestActor) => ({ ...actor.facts, name: actor.user.name });

  async function eventFor(request: FastifyRequest, eventId: string, ...actions: Action[]) {
    const actor = await request.requireActor();
    return { actor, ...(await service.authorizedEvent(db, actor, eventId, ...actions)) };
  }

  /** The caller's facts when signed in; an anonymous visitor's otherwise. */
  async function optionalActor(request: FastifyRequest): Promise<ActorFacts> {
    if (!(await request.sessionUser())) return { userId: null, assignments: [] };
    return (await request.requireActor()).facts;
  }

  app.get('/api/events', { schema: schema.getEvents }, async (request) => {
    const actor = await request.requireActor();
    const { items, total } = await lists.listEvents(db, actor.facts, request.query);
    return { items, total, page: request.query.page, pageSize: request.query.pageSize };
  });

  app.get('/api/events/approvals', { schema: schema.getApprovalQueue }, async (request) => {
    const actor = await request.requireActor();
    const { items, total } = await lists.approvalQueue(db, actor.facts, request.query);
    return { items, total, page: request.query.page, pageSize: request.query.pageSize };
  });

  app.get('/api/me/events', { schema: schema.getMyEvents }, async (request) => {
    const actor = await request.requireActor();
    return lists.myEvents(db, actor.facts, request.query.q);
  });

  app.get(
    '/api/organizations/:orgId/events',
    { schema: schema.getOrganizationEvents },
    async (request) => {
      const actor = await request.requireActor();
      const { row } = await visibleOrganization(db, actor, request.params.orgId);
      const result = await lists.listOrganizationEvents(db, actor.facts, row.id, request.query);
      return { ...result, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  app.post(
    '/api/organizations/:orgId/events',
    { schema: schema.postEvent },
    async (request, reply) => {
      const actor = await request.requireActor();
      // First whether the organization is any of their business (404 like a missing one), so
      // that nothing below tells a stranger it exists.
      const org = await visibleOrganization(db, actor, request.params.orgId);
      const { chapterId } = request.body;
      const chapter = chapterId ? await loadChapterResource(db, chapterId) : null;
      if (chapterId && (!chapter || chapter.row.organizationId !== org.row.id)) {
        throw new AppError('validation_failed', 'No such chapter in this organization.', [
          { field: 'body.chapterId', message: 'Choose a chapter of this organization' },
        ]);
      }
      const decision = authorizeActor(actor, 'event.create', chapter?.resource ?? org.resource, {
        visible: true,
      });
      const event = await service.createEvent(
        db,
        ctxOf(request, actor),
        withName(actor),
        chapter?.resource ?? org.resource,
        decision,
        request.body,
        publicUrl,
      );
      return reply.code(201).send({ event });
    },
  );

  app.get('/api/events/:eventId', { schema: schema.getEvent }, async (request) => {
    const { actor, row } = await eventFor(request, request.params.eventId);
    return { event: await presentEvent(db, actor.facts, row) };
  });

  app.patch('/api/events/:eventId', { schema: schema.patchEvent }, async (request) => {
    const { eventId } = request.params;
    const body = request.body;
    const has = (keys: readonly string[]) => keys.some((k) => k in body);
    const actions: Action[] = [];
    // Details are logistics (event admins, system admins); settings are conduct (event admins).
    if (has(service.detailFields)) actions.push('event.update');
    if (has(service.settingFields)) actions.push('event.settings.update');
    const { actor } = await eventFor(request, eventId, ...actions);
    const event = await service.updateEvent(db, ctxOf(request, actor), actor.facts, eventId, body);
    return { event };
  });

  app.post(
    '/api/events/:eventId/:transition',
    { schema: schema.postTransition },
    async (request) => {
      const { eventId, transition: verb } = request.params;
      const { actor } = await eventFor(request, eventId, steps[verb].action);
      const event = await transition(
        db,
        ctxOf(request, actor),
        actor.facts,
        eventId,
        verb,
        request.body.reason ?? null,
        publicUrl,
      );
      return { event };
    },
  );

  app.post(
    '/api/events/:eventId/admin-invitation',
    { schema: schema.postAdminInvitation },
    async (request) => {
      const { eventId } = request.params;
      const { actor } = await eventFor(request, eventId);
      // The bootstrap invite is a system admin's (SPEC §4); canGrant checks the rest.
      authorizeActor(actor, 'system.organization.create', { type: 'system' }, { visible: true });
      const event = await service.inviteFirstAdmin(
        db,
        ctxOf(request, actor),
        withName(actor),
        eventId,
        request.body,
        publicUrl,
      );
      return { event };
    },
  );

  app.delete('/api/events/:eventId', { schema: schema.deleteEvent }, async (request, reply) => {
    const { eventId } = request.params;
    const { actor } = await eventFor(request, eventId, 'event.delete');
    await service.deleteEvent(db, ctxOf(request, actor), eventId, request.body.reason ?? null);
    return reply.code(204).send(null);
  });

  app.get('/api/events/:eventId/logo', { schema: schema.getLogo }, async (request, reply) => {
    const loaded = await service.loadEvent(db, request.params.eventId);
    const actor = await optionalActor(request);
    if (!loaded || !decide(actor, 'event.view', loaded.resource, new Date()).allowed) {
      throw new AppError('not_found', 'No such logo.');
    }
    const logo = await repo.getLogo(db, loaded.row.event.id);
    if (!logo) throw new AppError('not_found', 'No such logo.');
    // Private while the event is unpublished: no shared cache may keep it.
    const cache =
      loaded.resource.status === 'active' ? 'public, max-age=86400' : 'private, no-store';
    return sendImage(reply, logo, cache);
  });

  app.put('/api/events/:eventId/logo', { schema: schema.putLogo }, async (request) => {
    const { eventId } = request.params;
    const { actor } = await eventFor(request, eventId, 'event.settings.update');
    const data = imageBody(request.body);
    return {
      event: await service.changeLogo(db, ctxOf(request, actor), actor.facts, eventId, data),
    };
  });

  app.delete('/api/events/:eventId/logo', { schema: schema.deleteLogo }, async (request) => {
    const { eventId } = request.params;
    const { actor } = await eventFor(request, eventId, 'event.settings.update');
    return {
      event: await service.changeLogo(db, ctxOf(request, actor), actor.facts, eventId, null),
    };
  });

  app.get('/api/public/events/:slug', { schema: schema.getPublicEvent }, async (request) => {
    const actor = await optionalActor(request);
    return { event: await lists.publicEvent(db, actor, request.params.slug) };
  });
};

export default eventRoutes;
