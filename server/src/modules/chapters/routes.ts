import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { decide, type Action } from '@steward/permissions';
import { authorizeActor } from '../../authz/authorize.js';
import type { RequestActor } from '../../authz/actor.js';
import { loadChapterResource } from '../../authz/facts.js';
import { AppError } from '../../errors.js';
import { loadOrganization, visibleOrganization } from '../organizations/service.js';
import * as schema from './schema.js';
import * as chapters from './service.js';

/** Chapters of an organization, and their leaders. */
const chapterRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  const ctxOf = (request: FastifyRequest, actor: RequestActor) => ({
    actor: { userId: actor.user.id },
    origin: request.origin(),
  });

  /**
   * The chapter, once the engine allows `action` on it. Seeing a chapter comes with viewing its
   * organization or with updating the chapter (its leaders); others get a 404.
   */
  async function chapterFor(request: FastifyRequest, chapterId: string, action?: Action) {
    const actor = await request.requireActor();
    const loaded = await loadChapterResource(db, chapterId);
    if (!loaded) throw new AppError('not_found', 'No such chapter.');
    const now = new Date();
    const visible =
      decide(actor.facts, 'chapter.update', loaded.resource, now).allowed ||
      decide(
        actor.facts,
        'organization.view',
        { type: 'organization', ...loaded.resource.organization },
        now,
      ).allowed;
    if (!visible) authorizeActor(actor, 'chapter.update', loaded.resource, { what: 'chapter' });
    if (action) authorizeActor(actor, action, loaded.resource, { visible: true });
    return { actor, ...loaded };
  }

  app.get('/api/organizations/:orgId/chapters', { schema: schema.getChapters }, async (request) => {
    const actor = await request.requireActor();
    const { row, access } = await visibleOrganization(db, actor, request.params.orgId);
    // Viewers of the organization see every chapter; a chapter leader sees the ones they lead.
    const only = access.viewDetails ? null : access.ledChapters;
    const { items, total } = await chapters.listChapters(
      db,
      actor.facts,
      row.id,
      only,
      request.query,
    );
    return { items, total, page: request.query.page, pageSize: request.query.pageSize };
  });

  app.post(
    '/api/organizations/:orgId/chapters',
    { schema: schema.postChapter },
    async (request, reply) => {
      const actor = await request.requireActor();
      const loaded = await loadOrganization(db, request.params.orgId);
      if (!loaded) throw new AppError('not_found', 'No such organization.');
      authorizeActor(actor, 'chapter.create', loaded.resource, {
        seeWith: 'organization.view',
        what: 'organization',
      });
      const chapter = await chapters.createChapter(
        db,
        ctxOf(request, actor),
        actor.facts,
        loaded.row.id,
        request.body,
      );
      return reply.code(201).send({ chapter });
    },
  );

  app.get('/api/chapters/:chapterId', { schema: schema.getChapter }, async (request) => {
    const { actor, row, resource } = await chapterFor(request, request.params.chapterId);
    return { chapter: await chapters.presentChapter(db, actor.facts, { row, resource }) };
  });

  app.patch('/api/chapters/:chapterId', { schema: schema.patchChapter }, async (request) => {
    const { chapterId } = request.params;
    const { actor } = await chapterFor(request, chapterId, 'chapter.update');
    const chapter = await chapters.updateChapter(
      db,
      ctxOf(request, actor),
      actor.facts,
      chapterId,
      request.body,
    );
    return { chapter };
  });

  app.delete(
    '/api/chapters/:chapterId',
    { schema: schema.deleteChapter },
    async (request, reply) => {
      const { chapterId } = request.params;
      const { actor, resource } = await chapterFor(request, chapterId);
      // Whether they may delete it at all (403); the service checks emptiness under the lock
      // and answers 409 not_empty.
      authorizeActor(actor, 'chapter.delete', { ...resource, eventCount: 0 }, { visible: true });
      await chapters.deleteChapter(
        db,
        ctxOf(request, actor),
        actor.facts,
        chapterId,
        request.body.reason ?? null,
      );
      return reply.code(204).send(null);
    },
  );

  app.put('/api/chapters/:chapterId/leaders', { schema: schema.putLeader }, async (request) => {
    const { chapterId } = request.params;
    const { actor } = await chapterFor(request, chapterId, 'chapter.leaders.manage');
    const chapter = await chapters.addLeader(
      db,
      ctxOf(request, actor),
      actor.facts,
      chapterId,
      request.body,
    );
    return { chapter };
  });

  app.delete(
    '/api/chapters/:chapterId/leaders/:userId',
    { schema: schema.deleteLeader },
    async (request) => {
      const { chapterId, userId } = request.params;
      const { actor } = await chapterFor(request, chapterId, 'chapter.leaders.manage');
      const chapter = await chapters.removeLeader(
        db,
        ctxOf(request, actor),
        actor.facts,
        chapterId,
        userId,
        request.body.reason ?? null,
      );
      return { chapter };
    },
  );
};

export default chapterRoutes;
