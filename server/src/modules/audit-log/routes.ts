import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorizeActor } from '../../authz/authorize.js';
import type { RequestActor } from '../../authz/actor.js';
import { authorizedEvent } from '../events/service.js';
import { visibleOrganization } from '../organizations/service.js';
import * as schema from './schema.js';
import * as service from './service.js';
import type { AuditScope } from './service.js';

/**
 * The audit viewers (SPEC §10): an event's log (event admins), an organization's with its
 * chapters' (org admins), the system's (system admins), each with its CSV export, and the
 * system admins' view of refused sign-ins. Read-only: no route here changes an entry.
 */
const auditLogRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  // Audit entries belong in no shared cache.
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'private, no-store');
  });

  const ctxOf = (request: FastifyRequest, actor: RequestActor) => ({
    actor: { userId: actor.user.id },
    origin: request.origin(),
  });

  /** The event's log, once the caller may read it (404 unseen event, 403 not its admin). */
  async function eventScope(request: FastifyRequest, eventId: string) {
    const actor = await request.requireActor();
    const { row } = await authorizedEvent(db, actor, eventId, 'event.audit.view');
    return { actor, scope: { type: 'event', id: row.event.id } as AuditScope };
  }

  /** The organization's log: 404 for whoever may not see it, 403 for those who see it only. */
  async function organizationScope(request: FastifyRequest, orgId: string) {
    const actor = await request.requireActor();
    const { row, resource } = await visibleOrganization(db, actor, orgId);
    authorizeActor(actor, 'organization.audit.view', resource, {
      visible: true,
      what: 'organization',
    });
    return { actor, scope: { type: 'organization', id: row.id } as AuditScope };
  }

  /** The system log: like every /api/admin page, a 404 for anyone but system admins. */
  async function systemScope(request: FastifyRequest) {
    const actor = await request.requireActor();
    authorizeActor(actor, 'system.audit.view', { type: 'system' }, { what: 'page' });
    return { actor, scope: { type: 'system' } as AuditScope };
  }

  // Before validation, so a bad query tells a stranger nothing of the page's shape.
  const systemOnly = { preValidation: async (request: FastifyRequest) => systemScope(request) };

  const sendCsv = (reply: FastifyReply, csv: string, name: string) => {
    const day = new Date().toISOString().slice(0, 10);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}-audit-${day}.csv"`)
      .send(csv);
  };

  const pageOf = (query: { page: number; pageSize: number }) => ({
    page: query.page,
    pageSize: query.pageSize,
  });

  const filtersOf = <T extends schema.AuditFilters & { page?: number; pageSize?: number }>(
    query: T,
  ): schema.AuditFilters => {
    const { actor, action, targetType, targetId, from, to, outcome } = query;
    return Object.fromEntries(
      Object.entries({ actor, action, targetType, targetId, from, to, outcome }).filter(
        ([, v]) => v !== undefined && v !== '',
      ),
    );
  };

  app.get('/api/events/:eventId/audit', { schema: schema.getEventAudit }, async (request) => {
    const { scope } = await eventScope(request, request.params.eventId);
    const result = await service.listAudit(db, scope, filtersOf(request.query), request.query);
    return { ...result, ...pageOf(request.query) };
  });

  app.get(
    '/api/events/:eventId/audit.csv',
    { schema: schema.getEventAuditCsv },
    async (request, reply) => {
      const { actor, scope } = await eventScope(request, request.params.eventId);
      const csv = await service.exportAuditCsv(
        db,
        ctxOf(request, actor),
        scope,
        filtersOf(request.query),
      );
      return sendCsv(reply, csv, 'event');
    },
  );

  app.get(
    '/api/organizations/:orgId/audit',
    { schema: schema.getOrganizationAudit },
    async (request) => {
      const { scope } = await organizationScope(request, request.params.orgId);
      const result = await service.listAudit(db, scope, filtersOf(request.query), request.query);
      return { ...result, ...pageOf(request.query) };
    },
  );

  app.get(
    '/api/organizations/:orgId/audit.csv',
    { schema: schema.getOrganizationAuditCsv },
    async (request, reply) => {
      const { actor, scope } = await organizationScope(request, request.params.orgId);
      const csv = await service.exportAuditCsv(
        db,
        ctxOf(request, actor),
        scope,
        filtersOf(request.query),
      );
      return sendCsv(reply, csv, 'organization');
    },
  );

  app.get('/api/admin/audit', { schema: schema.getSystemAudit, ...systemOnly }, async (request) => {
    const { scope } = await systemScope(request);
    const result = await service.listAudit(db, scope, filtersOf(request.query), request.query);
    return { ...result, ...pageOf(request.query) };
  });

  app.get(
    '/api/admin/audit.csv',
    { schema: schema.getSystemAuditCsv, ...systemOnly },
    async (request, reply) => {
      const { actor, scope } = await systemScope(request);
      const csv = await service.exportAuditCsv(
        db,
        ctxOf(request, actor),
        scope,
        filtersOf(request.query),
      );
      return sendCsv(reply, csv, 'system');
    },
  );

  app.get(
    '/api/admin/audit/denied-sign-ins',
    { schema: schema.getDeniedSignIns, ...systemOnly },
    async (request) => {
      await systemScope(request);
      const result = await service.listDeniedSignIns(db, request.query);
      return { ...result, ...pageOf(request.query) };
    },
  );
};

export default auditLogRoutes;
