import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.js';
import { carriesSessionCookie } from '../../plugins/auth.js';
import { isUuid } from '../../db/inputs.js';
import type { RequestActor } from '../../authz/actor.js';
import { decide } from '@steward/permissions';
import { teamProbe } from '../events/present.js';
import { authorizedEvent } from '../events/service.js';
import { authorizedFollowUp, authorizedReport } from './access.js';
import { recordAccess } from './access-log.js';
import { exportCsv } from './export.js';
import * as lists from './lists.js';
import { authorizedReportPage, loadReportPage, type LoadedPage } from './page.js';
import { presentOwnView, presentReport } from './present.js';
import * as repo from './repository.js';
import * as schema from './schema.js';
import * as service from './service.js';
import { teamEvents } from './team-events.js';
import { applyBulk, applyStep, type WorkflowStep } from './workflow.js';

/** Incident reports: submission, the queue, a report and its workflow, exports, follow-up. */
const reportRoutes: FastifyPluginAsyncZod<{ publicUrl: string }> = async (app, opts) => {
  const db = app.database.db;

  const ctxOf = (request: FastifyRequest, actor: RequestActor) => ({
    actor: { userId: actor.user.id },
    origin: request.origin(),
    publicUrl: opts.publicUrl,
  });

  /**
   * An event whose queue is the caller's (the response team): bulk changes and saved filters are
   * the team's tools. Others who may see the event get 403; the rest 404.
   */
  async function teamQueue(request: FastifyRequest, eventId: string) {
    const actor = await request.requireActor();
    const loaded = await authorizedEvent(db, actor, eventId);
    if (
      !decide(actor.facts, 'report.comment.internal.view', teamProbe(loaded.resource), new Date())
        .allowed
    ) {
      throw new AppError('forbidden', 'Only the event’s response team works with its queue.');
    }
    return { actor, ...loaded };
  }

  /** The signed-in caller, or null for someone without a session. */
  async function optionalActor(request: FastifyRequest) {
    return (await request.sessionUser()) ? request.requireActor() : null;
  }

  app.post(
    '/api/events/:eventId/reports',
    {
      schema: schema.postReport,
      preHandler: app.rateLimit('reportSubmission', { account: () => null }),
    },
    async (request, reply) => {
      const actor = await optionalActor(request);
      const result = await service.submitReport(
        db,
        {
          actor: actor ? { userId: actor.user.id } : null,
          origin: request.origin(),
          publicUrl: opts.publicUrl,
        },
        actor,
        request.params.eventId,
        request.body,
      );
      return reply.code(result.replayed ? 200 : 201).send(result);
    },
  );

  app.get('/api/events/:eventId/reports', { schema: schema.getEventReports }, async (request) => {
    const actor = await request.requireActor();
    const { row } = await authorizedEvent(db, actor, request.params.eventId);
    const { page, pageSize } = request.query;
    const result = await lists.eventQueue(db, actor.facts, row.event.id, request.query);
    return { ...result, page, pageSize };
  });

  app.get(
    '/api/events/:eventId/reports.csv',
    { schema: schema.getEventReportsCsv },
    async (request, reply) => {
      const actor = await request.requireActor();
      const { row, resource } = await authorizedEvent(
        db,
        actor,
        request.params.eventId,
        'report.export',
      );
      const csv = await exportCsv(db, actor.facts, resource, request.query, request.origin());
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="${row.event.slug}-reports-${day}.csv"`,
        )
        .header('cache-control', 'private, no-store')
        .send(csv);
    },
  );

  app.post('/api/events/:eventId/reports/bulk', { schema: schema.postBulk }, async (request) => {
    const { actor, row } = await teamQueue(request, request.params.eventId);
    const { reportIds, action } = request.body;
    const results = await applyBulk(
      db,
      ctxOf(request, actor),
      actor,
      row.event.id,
      reportIds,
      action as WorkflowStep,
    );
    return { results };
  });

  // A report's page does not depend on who asks, so it is read while the session is (the two
  // statements go out in the same turn): an opened report waits for one round trip less. The
  // engine decides on it once the actor is known, as before, and a request without a session
  // cookie reads nothing (docs/PERFORMANCE.md).
  const earlyPages = new WeakMap<FastifyRequest, Promise<LoadedPage | null>>();
  app.get(
    '/api/reports/:reportId',
    {
      schema: schema.getReport,
      onRequest: async (request) => {
        if (!carriesSessionCookie(request)) return;
        const page = loadReportPage(db, request.params.reportId);
        // Awaited by the handler; a request refused before it (401) leaves it unread.
        page.catch(() => {});
        earlyPages.set(request, page);
      },
    },
    async (request) => {
      const actor = await request.requireActor();
      const id = request.params.reportId;
      const loaded = await authorizedReportPage(db, actor, id, earlyPages.get(request));
      // The view is logged before the report leaves the server: if the log cannot be written,
      // nothing is sent. No transaction is needed for that: the page was read in one statement.
      await recordAccess(db, [
        {
          reportId: loaded.row.report.id,
          userId: actor.user.id,
          what: 'report',
          decision: loaded.view,
          origin: request.origin(),
        },
      ]);
      return { report: presentReport(actor.facts, loaded) };
    },
  );

  app.patch('/api/reports/:reportId', { schema: schema.patchReport }, async (request) => {
    const actor = await request.requireActor();
    if (Object.keys(request.body).length === 0) {
      throw new AppError('validation_failed', 'Change at least one field.');
    }
    const report = await service.updateReport(
      db,
      ctxOf(request, actor),
      actor,
      request.params.reportId,
      request.body,
    );
    return { report };
  });

  /** One workflow step on one report, then the report as the caller now sees it. */
  async function step(request: FastifyRequest, actor: RequestActor, id: string, s: WorkflowStep) {
    return db.transaction(async (tx) => {
      await applyStep(tx, ctxOf(request, actor), actor, id, s);
      const loaded = await authorizedReportPage(tx, actor, id).catch(() => null);
      // An assignee who unassigned themselves may no longer see the report.
      return { report: loaded ? presentReport(actor.facts, loaded) : null };
    });
  }

  app.post(
    '/api/reports/:reportId/transitions',
    { schema: schema.postTransition },
    async (request) => {
      const actor = await request.requireActor();
      const { to, note } = request.body;
      return step(request, actor, request.params.reportId, { kind: 'state', to, note });
    },
  );

  app.post('/api/reports/:reportId/assignees', { schema: schema.postAssignee }, async (request) => {
    const actor = await request.requireActor();
    const { userId } = request.body;
    return step(request, actor, request.params.reportId, { kind: 'assign', userId });
  });

  app.delete(
    '/api/reports/:reportId/assignees/:userId',
    { schema: schema.deleteAssignee },
    async (request) => {
      const actor = await request.requireActor();
      const { reportId, userId } = request.params;
      return step(request, actor, reportId, { kind: 'unassign', userId });
    },
  );

  app.delete('/api/reports/:reportId', { schema: schema.deleteReport }, async (request, reply) => {
    const actor = await request.requireActor();
    await service.deleteReport(
      db,
      ctxOf(request, actor),
      actor,
      request.params.reportId,
      request.body.reason,
    );
    return reply.code(204).send(null);
  });

  app.get('/api/reports/:reportId/access-log', { schema: schema.getAccessLog }, async (request) => {
    const actor = await request.requireActor();
    const loaded = await authorizedReport(
      db,
      actor,
      request.params.reportId,
      'report.access_log.view',
    );
    const { page, pageSize } = request.query;
    const { items, total } = await repo.accessLogPage(db, loaded.row.report.id, request.query);
    return {
      items: items.map(({ entry, viewerName }) => ({
        id: entry.id,
        at: entry.at.toISOString(),
        viewer: entry.userId ? { id: entry.userId, name: viewerName ?? 'Deleted account' } : null,
        what: entry.what as 'report' | 'evidence' | 'export',
        via: entry.via,
      })),
      total,
      page,
      pageSize,
    };
  });

  app.get('/api/me/reports', { schema: schema.getMyReports }, async (request) => {
    const actor = await request.requireActor();
    const { page, pageSize } = request.query;
    return { ...(await lists.myReports(db, actor.facts, request.query)), page, pageSize };
  });

  app.get(
    '/api/me/responder-dashboard',
    { schema: schema.getResponderDashboard },
    async (request) => {
      const actor = await request.requireActor();
      const ids = await teamEvents(db, actor.facts);
      return lists.responderDashboard(db, actor.facts, ids);
    },
  );

  app.get(
    '/api/events/:eventId/report-filters',
    { schema: schema.getSavedFilters },
    async (request) => {
      const { actor, row } = await teamQueue(request, request.params.eventId);
      const items = await repo.savedFilters(db, actor.user.id, row.event.id);
      return { items: items.map(presentFilter) };
    },
  );

  app.post(
    '/api/events/:eventId/report-filters',
    { schema: schema.postSavedFilter },
    async (request) => {
      const { actor, row } = await teamQueue(request, request.params.eventId);
      const query = Object.fromEntries(
        Object.entries(request.body.query).filter(([, v]) => v !== undefined && v !== ''),
      ) as Record<string, string>;
      const filter = await repo.saveFilter(db, {
        userId: actor.user.id,
        eventId: row.event.id,
        name: request.body.name,
        query,
      });
      return { filter: presentFilter(filter) };
    },
  );

  app.delete(
    '/api/events/:eventId/report-filters/:filterId',
    { schema: schema.deleteSavedFilter },
    async (request, reply) => {
      const { actor, row } = await teamQueue(request, request.params.eventId);
      const { filterId } = request.params;
      const gone = isUuid(filterId)
        ? await repo.deleteFilter(db, actor.user.id, row.event.id, filterId)
        : false;
      if (!gone) throw new AppError('not_found', 'No such saved filter.');
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/follow-up',
    { schema: schema.getFollowUp, preHandler: app.rateLimit('followUp', { account: () => null }) },
    async (request) => {
      const token = request.headers['x-follow-up-token'];
      return db.transaction(async (tx) => {
        const loaded = await authorizedFollowUp(tx, token);
        await recordAccess(tx, [
          {
            reportId: loaded.row.report.id,
            userId: null,
            what: 'report',
            decision: loaded.view,
            origin: request.origin(),
          },
        ]);
        // The link's holder acts as the author (authorizedFollowUp): the page keeps that resource.
        const { page } = (await loadReportPage(tx, loaded.row.report.id))!;
        return { report: presentOwnView(loaded.actor, { ...loaded, page }) };
      });
    },
  );
};

function presentFilter(f: {
  id: string;
  name: string;
  query: Record<string, string>;
  createdAt: Date;
}) {
  return { id: f.id, name: f.name, query: f.query, createdAt: f.createdAt.toISOString() };
}

export default reportRoutes;
