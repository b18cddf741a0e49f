import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RequestActor } from '../../authz/actor.js';
import * as schema from './schema.js';
import * as service from './service.js';

/**
 * Comments of incident reports: the signed-in routes (a report's comments, one comment's edits,
 * revisions, deletion and sharing) and the anonymous follow-up link's (read and reply).
 */
const commentsRoutes: FastifyPluginAsyncZod<{ publicUrl: string }> = async (app, opts) => {
  const db = app.database.db;
  const ctxOf = (request: FastifyRequest, actor: RequestActor) => ({
    actor: { userId: actor.user.id },
    origin: request.origin(),
    publicUrl: opts.publicUrl,
  });

  app.get(
    '/api/reports/:reportId/comments',
    { schema: schema.getReportComments },
    async (request) => {
      const actor = await request.requireActor();
      return service.listReportComments(db, actor, request.params.reportId, request.query);
    },
  );

  app.post(
    '/api/reports/:reportId/comments',
    { schema: schema.postReportComment },
    async (request, reply) => {
      const actor = await request.requireActor();
      const comment = await service.createComment(
        db,
        ctxOf(request, actor),
        actor,
        request.params.reportId,
        request.body,
      );
      return reply.code(201).send({ comment });
    },
  );

  app.patch('/api/comments/:commentId', { schema: schema.patchComment }, async (request) => {
    const actor = await request.requireActor();
    const comment = await service.editComment(
      db,
      ctxOf(request, actor),
      actor,
      request.params.commentId,
      request.body.body,
    );
    return { comment };
  });

  app.get(
    '/api/comments/:commentId/revisions',
    { schema: schema.getCommentRevisions },
    async (request) => {
      const actor = await request.requireActor();
      return { items: await service.commentRevisions(db, actor, request.params.commentId) };
    },
  );

  app.delete(
    '/api/comments/:commentId',
    { schema: schema.deleteComment },
    async (request, reply) => {
      const actor = await request.requireActor();
      await service.deleteComment(
        db,
        ctxOf(request, actor),
        actor,
        request.params.commentId,
        request.body.reason ?? null,
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/comments/:commentId/share',
    { schema: schema.postCommentShare },
    async (request) => {
      const actor = await request.requireActor();
      const comment = await service.shareComment(
        db,
        ctxOf(request, actor),
        actor,
        request.params.commentId,
      );
      return { comment };
    },
  );

  // The follow-up link: its token comes in a header, never in an address a log might keep; the
  // link's routes share one limit per client address, as guessing tokens must not pay.
  app.get(
    '/api/follow-up/comments',
    {
      schema: schema.getFollowUpComments,
      preHandler: app.rateLimit('followUp', { account: () => null }),
    },
    async (request) =>
      service.listFollowUpComments(db, request.headers['x-follow-up-token'], request.query),
  );

  app.post(
    '/api/follow-up/comments',
    {
      schema: schema.postFollowUpComment,
      preHandler: app.rateLimit('followUp', { account: () => null }),
    },
    async (request, reply) => {
      const comment = await service.createFollowUpComment(
        db,
        { actor: null, origin: request.origin(), publicUrl: opts.publicUrl },
        request.headers['x-follow-up-token'],
        request.body.body,
      );
      return reply.code(201).send({ comment });
    },
  );
};

export default commentsRoutes;
