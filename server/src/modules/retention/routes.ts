import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorizeActor } from '../../authz/authorize.js';
import { MIN_RETENTION_DAYS, systemSettingDefinitions as defs } from '../settings/definitions.js';
import type { SystemSettings } from '../settings/definitions.js';
import { getSystemSettings, updateSystemSettings } from '../settings/service.js';
import * as schema from './schema.js';
import { purge } from './service.js';
import { startRetentionTimer, type RetentionTimer } from './timer.js';

export interface RetentionOptions {
  /** Hours between purges in this process; 0 runs none (RETENTION_PURGE_INTERVAL_HOURS). */
  intervalHours: number;
}

function presentRetention(s: SystemSettings) {
  const one = (name: 'auditRetentionDays' | 'incidentRetentionDays') => ({
    value: s[name],
    default: defs[name].default,
    minimum: MIN_RETENTION_DAYS,
    explanation: defs[name].explanation,
  });
  return {
    auditRetentionDays: one('auditRetentionDays'),
    incidentRetentionDays: one('incidentRetentionDays'),
  };
}

/**
 * Retention (system admins, with two-factor): the two periods, and the purge run by hand (or
 * counted, dry) — and the daily purge of this process, started when the app is ready and stopped
 * when it closes.
 */
const retentionRoutes: FastifyPluginAsyncZod<RetentionOptions> = async (app, opts) => {
  const db = app.database.db;

  let timer: RetentionTimer | undefined;
  app.addHook('onReady', async () => {
    if (opts.intervalHours > 0) {
      timer = startRetentionTimer(db, { intervalMs: opts.intervalHours * 3_600_000, log: app.log });
    }
  });
  app.addHook('onClose', async () => {
    await timer?.stop();
  });

  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  /** The signed-in system admin; anyone else is answered as if the page did not exist. */
  async function acting(request: FastifyRequest) {
    const actor = await request.requireActor();
    authorizeActor(actor, 'system.settings.manage', { type: 'system' }, { what: 'page' });
    return { actor: { userId: actor.user.id }, origin: request.origin() };
  }

  // Before validation: a stranger learns nothing of the body these routes take.
  const preValidation = async (request: FastifyRequest) => {
    await acting(request);
  };

  app.get(
    '/api/admin/retention',
    { schema: schema.getRetention, preValidation },
    async (request) => {
      await acting(request);
      return { settings: presentRetention(await getSystemSettings(db)) };
    },
  );

  app.patch(
    '/api/admin/retention',
    { schema: schema.patchRetention, preValidation },
    async (request) => {
      const ctx = await acting(request);
      return { settings: presentRetention(await updateSystemSettings(db, ctx, request.body)) };
    },
  );

  app.post(
    '/api/admin/retention/purge',
    { schema: schema.postPurge, preValidation },
    async (request) => {
      const ctx = await acting(request);
      return { result: await purge(db, ctx, { dryRun: request.body.dryRun }) };
    },
  );
};

export default retentionRoutes;
