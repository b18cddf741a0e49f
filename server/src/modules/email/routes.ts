import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorizeActor } from '../../authz/authorize.js';
import * as schema from './schema.js';
import * as email from './service.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const emailRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  app.get('/api/admin/outbox', { schema: schema.getOutbox }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const actor = await request.requireActor();
    // Reading the outbox is system administration. The engine has no action of its own for it,
    // so it is the one that guards system settings, `system.settings.manage` on the system:
    // system admins only, everyone else answered as if the page did not exist.
    authorizeActor(actor, 'system.settings.manage', { type: 'system' }, { what: 'page' });

    const development = app.email.transport.via === 'log';
    const page = await email.listOutbox(db, request.query, { showBodies: development });
    return {
      delivery: development ? ('development' as const) : ('smtp' as const),
      page: page.page,
      pageSize: page.pageSize,
      total: page.total,
      items: page.items.map((m) => ({
        id: m.id,
        kind: m.kind,
        to: m.toAddress,
        subject: m.subject,
        text: m.text,
        userId: m.userId,
        status: m.status,
        attempts: m.attempts,
        nextAttemptAt: m.status === 'sent' || m.status === 'failed' ? null : iso(m.nextAttemptAt),
        lastError: m.lastError,
        deliveredVia: m.deliveredVia as 'smtp' | 'log' | null,
        createdAt: m.createdAt.toISOString(),
        sentAt: iso(m.sentAt),
      })),
    };
  });
};

export default emailRoutes;
