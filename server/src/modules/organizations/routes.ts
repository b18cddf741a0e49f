import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Action } from '@steward/permissions';
import { authorizeActor } from '../../authz/authorize.js';
import type { RequestActor } from '../../authz/actor.js';
import { AppError } from '../../errors.js';
import { acceptImageBodies, imageBody, sendImage } from '../../http/image-bodies.js';
import { LOGO_MAX_BYTES } from '../../images.js';
import * as repo from './repository.js';
import * as schema from './schema.js';
import * as orgs from './service.js';

/** Organizations: the directory, creation, settings, logo, members, the first admin's invite. */
const organizationRoutes: FastifyPluginAsyncZod<{ publicUrl: string }> = async (app, opts) => {
  const db = app.database.db;
  acceptImageBodies(app, LOGO_MAX_BYTES);

  const ctxOf = (request: FastifyRequest, actor: RequestActor) => ({
    actor: { userId: actor.user.id },
    origin: request.origin(),
  });
  const withName = (actor: RequestActor) => ({ ...actor.facts, name: actor.user.name });

  /**
   * The organization, once the engine allows `action` on it. Without `action`: anyone whose
   * page shows it (organizationAccess). Others get the 404 of a missing organization.
   */
  async function organizationFor(request: FastifyRequest, orgId: string, action?: Action) {
    const actor = await request.requireActor();
    const found = await orgs.visibleOrganization(db, actor, orgId);
    if (action) {
      authorizeActor(actor, action, found.resource, {
        seeWith: 'organization.view',
        what: 'organization',
      });
    }
    return { actor, ...found };
  }

  app.get('/api/organizations', { schema: schema.getOrganizations }, async (request) => {
    const actor = await request.requireActor();
    const { items, total } = await orgs.listOrganizations(db, actor.facts, request.query);
    return { items, total, page: request.query.page, pageSize: request.query.pageSize };
  });

  app.post('/api/organizations', { schema: schema.postOrganization }, async (request, reply) => {
    const actor = await request.requireActor();
    authorizeActor(actor, 'system.organization.create', { type: 'system' }, { visible: true });
    const organization = await orgs.createOrganization(
      db,
      ctxOf(request, actor),
      withName(actor),
      request.body,
      opts.publicUrl,
    );
    return reply.code(201).send({ organization });
  });

  app.get('/api/organizations/:orgId', { schema: schema.getOrganization }, async (request) => {
    const { actor, row, access } = await organizationFor(request, request.params.orgId);
    return { organization: await orgs.presentOrganization(db, actor.facts, row, access) };
  });

  app.patch('/api/organizations/:orgId', { schema: schema.patchOrganization }, async (request) => {
    const { orgId } = request.params;
    const { actor } = await organizationFor(request, orgId, 'organization.update');
    const organization = await orgs.updateOrganization(
      db,
      ctxOf(request, actor),
      actor.facts,
      orgId,
      request.body,
    );
    return { organization };
  });

  app.post(
    '/api/organizations/:orgId/admin-invitation',
    { schema: schema.postAdminInvitation },
    async (request) => {
      const { orgId } = request.params;
      const { actor } = await organizationFor(request, orgId);
      // Naming the first org_admin is the system admin's part in creating an organization.
      authorizeActor(actor, 'system.organization.create', { type: 'system' }, { visible: true });
      const organization = await orgs.reinviteFirstAdmin(
        db,
        ctxOf(request, actor),
        withName(actor),
        orgId,
        request.body,
        opts.publicUrl,
      );
      return { organization };
    },
  );

  app.get('/api/organizations/:orgId/members', { schema: schema.getMembers }, async (request) => {
    const { orgId } = request.params;
    const { row } = await organizationFor(request, orgId, 'organization.view');
    const { items, total } = await orgs.listMembers(db, orgId, row.name, request.query);
    return { items, total, page: request.query.page, pageSize: request.query.pageSize };
  });

  // Logos are public branding (they appear on public event pages), like the name beside them.
  app.get('/api/organizations/:orgId/logo', { schema: schema.getLogo }, async (request, reply) => {
    const logo = await repo.getLogo(db, request.params.orgId);
    if (!logo) throw new AppError('not_found', 'No such logo.');
    return sendImage(reply, logo, 'public, max-age=86400, immutable');
  });

  app.put('/api/organizations/:orgId/logo', { schema: schema.putLogo }, async (request) => {
    const { orgId } = request.params;
    const { actor } = await organizationFor(request, orgId, 'organization.update');
    const data = imageBody(request.body);
    return {
      organization: await orgs.changeLogo(db, ctxOf(request, actor), actor.facts, orgId, data),
    };
  });

  app.delete('/api/organizations/:orgId/logo', { schema: schema.deleteLogo }, async (request) => {
    const { orgId } = request.params;
    const { actor } = await organizationFor(request, orgId, 'organization.update');
    return {
      organization: await orgs.changeLogo(db, ctxOf(request, actor), actor.facts, orgId, null),
    };
  });
};

export default organizationRoutes;
