import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Action } from '@steward/permissions';
import { authorizeActor } from '../../authz/authorize.js';
import { systemSettingDefinitions as defs } from '../settings/definitions.js';
import { getSystemSettings, updateSystemSettings } from '../settings/service.js';
import type { SystemSettings } from '../settings/definitions.js';
import * as schema from './schema.js';
import * as admin from './service.js';

/** The settings with their defaults and explanations, for the settings page. */
function presentSettings(s: SystemSettings) {
  return {
    signUp: {
      value: s.signUp,
      default: defs.signUp.default,
      explanation: defs.signUp.explanation,
      choices: [...defs.signUp.schema.options],
    },
    requireMfaForAdmins: {
      value: s.requireMfaForAdmins,
      default: defs.requireMfaForAdmins.default,
      explanation: defs.requireMfaForAdmins.explanation,
    },
  };
}

/** System administration: the people of this Steward, their system roles, system settings. */
const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  // Nothing here belongs in a shared cache.
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  /**
   * The signed-in system admin allowed to do `action` (on the system), with the context their
   * changes are recorded under. Anyone else is answered as if the page did not exist.
   */
  async function actingFor(request: FastifyRequest, action: Action) {
    const actor = await request.requireActor();
    authorizeActor(actor, action, { type: 'system' }, { what: 'page' });
    return {
      actorId: actor.user.id,
      ctx: { actor: { userId: actor.user.id }, origin: request.origin() },
    };
  }

  // Before validation: someone who may not see these pages learns nothing of their shape (a
  // bad body would otherwise answer 400 and name the fields). Each route checks its own action.
  app.addHook('preValidation', async (request) => {
    await actingFor(request, 'system.directory.view');
  });

  app.get('/api/admin/users', { schema: schema.getUsers }, async (request) => {
    // Listing people is part of the platform directory, which the engine gives system admins.
    const { actorId } = await actingFor(request, 'system.directory.view');
    const { items, total } = await admin.listUsers(db, actorId, request.query);
    return { items, total, page: request.query.page, pageSize: request.query.pageSize };
  });

  app.get('/api/admin/users/:id', { schema: schema.getUser }, async (request) => {
    const { actorId } = await actingFor(request, 'system.directory.view');
    return { user: await admin.getUser(db, actorId, request.params.id) };
  });

  app.post(
    '/api/admin/users/:id/deactivate',
    { schema: schema.postDeactivate },
    async (request) => {
      const { ctx } = await actingFor(request, 'system.user.deactivate');
      const reason = request.body.reason ?? null;
      return { user: await admin.deactivateUser(db, ctx, request.params.id, reason) };
    },
  );

  app.post(
    '/api/admin/users/:id/reactivate',
    { schema: schema.postReactivate },
    async (request) => {
      const { ctx } = await actingFor(request, 'system.user.deactivate');
      const reason = request.body.reason ?? null;
      return { user: await admin.reactivateUser(db, ctx, request.params.id, reason) };
    },
  );

  app.post(
    '/api/admin/users/:id/reset-two-factor',
    { schema: schema.postResetTwoFactor },
    async (request) => {
      const { ctx } = await actingFor(request, 'system.user.reset_mfa');
      const reason = request.body.reason ?? null;
      return { user: await admin.resetTwoFactor(db, ctx, request.params.id, reason) };
    },
  );

  app.put(
    '/api/admin/users/:id/system-roles/:role',
    { schema: schema.putSystemRole },
    async (request) => {
      const { ctx } = await actingFor(request, 'system.roles.manage');
      const { id, role } = request.params;
      const reason = request.body.reason ?? null;
      return { user: await admin.grantSystemRole(db, ctx, id, role, reason) };
    },
  );

  app.delete(
    '/api/admin/users/:id/system-roles/:role',
    { schema: schema.deleteSystemRole },
    async (request) => {
      const { ctx } = await actingFor(request, 'system.roles.manage');
      const { id, role } = request.params;
      const reason = request.body.reason ?? null;
      return { user: await admin.revokeSystemRole(db, ctx, id, role, reason) };
    },
  );

  app.get('/api/admin/settings', { schema: schema.getSettings }, async (request) => {
    await actingFor(request, 'system.settings.manage');
    return { settings: presentSettings(await getSystemSettings(db)) };
  });

  app.patch('/api/admin/settings', { schema: schema.patchSettings }, async (request) => {
    const { ctx } = await actingFor(request, 'system.settings.manage');
    return { settings: presentSettings(await updateSystemSettings(db, ctx, request.body)) };
  });
};

export default adminRoutes;
