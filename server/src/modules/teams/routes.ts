import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Action, Role } from '@steward/permissions';
import { authorizeActor } from '../../authz/authorize.js';
import type { RequestActor } from '../../authz/actor.js';
import { authorizedEvent } from '../events/service.js';
import { visibleOrganization } from '../organizations/service.js';
import * as schema from './schema.js';
import * as teams from './service.js';
import * as joining from './joining.js';
import { scopedInvitationSchemas } from '../invitations/schema.js';
import { eventParams } from '../events/schema.js';
import { orgParams } from '../organizations/schema.js';

/** Teams: an event's team and an organization's members, their roles, leaving. */
const teamRoutes: FastifyPluginAsyncZod<{ publicUrl: string }> = async (app, opts) => {
  const db = app.database.db;
  const publicUrl = opts.publicUrl;
  const ctxOf = (request: FastifyRequest, actor: RequestActor) => ({
    actor: { userId: actor.user.id },
    origin: request.origin(),
  });

  /** The signed-in caller, once the engine allows `action` on the event (404 / 403 otherwise). */
  async function onEvent(request: FastifyRequest, eventId: string, action?: Action) {
    const actor = await request.requireActor();
    await authorizedEvent(db, actor, eventId, ...(action ? [action] : []));
    return actor;
  }

  /** The same for an organization: 404 unless it is visible to them, then 403. */
  async function onOrganization(request: FastifyRequest, orgId: string, action: Action) {
    const actor = await request.requireActor();
    const { resource } = await visibleOrganization(db, actor, orgId);
    authorizeActor(actor, action, resource, { visible: true });
    return actor;
  }

  const page = (query: { page: number; pageSize: number }) => ({
    page: query.page,
    pageSize: query.pageSize,
  });

  app.get('/api/events/:eventId/team', { schema: schema.getEventTeam }, async (request) => {
    const { eventId } = request.params;
    const actor = await onEvent(request, eventId, 'event.team.view');
    const result = await teams.listTeam(db, actor.facts, 'event', eventId, request.query);
    return { ...result, ...page(request.query) };
  });

  app.post('/api/events/:eventId/team', { schema: schema.postEventTeam }, async (request) => {
    const { eventId } = request.params;
    const actor = await onEvent(request, eventId, 'event.team.manage');
    const { email, ...input } = request.body;
    const member = await teams.assignRole(
      db,
      ctxOf(request, actor),
      actor.facts,
      'event',
      eventId,
      { email },
      { ...input, role: input.role as Role },
      publicUrl,
    );
    return { member };
  });

  app.put(
    '/api/events/:eventId/team/:userId',
    { schema: schema.putEventTeamMember },
    async (request) => {
      const { eventId, userId } = request.params;
      const actor = await onEvent(request, eventId, 'event.team.manage');
      const member = await teams.assignRole(
        db,
        ctxOf(request, actor),
        actor.facts,
        'event',
        eventId,
        { userId },
        { ...request.body, role: request.body.role as Role },
        publicUrl,
      );
      return { member };
    },
  );

  app.delete(
    '/api/events/:eventId/team/:userId',
    { schema: schema.deleteEventTeamMember },
    async (request, reply) => {
      const { eventId, userId } = request.params;
      const actor = await onEvent(request, eventId, 'event.team.manage');
      await teams.removeMember(
        db,
        ctxOf(request, actor),
        actor.facts,
        'event',
        eventId,
        userId,
        request.body.reason ?? null,
        publicUrl,
      );
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/events/:eventId/membership',
    { schema: schema.deleteMyEventRoles },
    async (request, reply) => {
      const { eventId } = request.params;
      // Anyone who can see the event can leave it; a suspended or spam event is no longer theirs
      // to see, and they leave it by asking its admins.
      const actor = await onEvent(request, eventId);
      await teams.leave(db, ctxOf(request, actor), 'event', eventId, request.body.reason ?? null);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/organizations/:orgId/team',
    { schema: schema.getOrganizationTeam },
    async (request) => {
      const { orgId } = request.params;
      const actor = await onOrganization(request, orgId, 'organization.view');
      const result = await teams.listTeam(db, actor.facts, 'organization', orgId, request.query);
      return { ...result, ...page(request.query) };
    },
  );

  app.post(
    '/api/organizations/:orgId/team',
    { schema: schema.postOrganizationTeam },
    async (request) => {
      const { orgId } = request.params;
      const actor = await onOrganization(request, orgId, 'organization.members.manage');
      const { email, ...input } = request.body;
      const member = await teams.assignRole(
        db,
        ctxOf(request, actor),
        actor.facts,
        'organization',
        orgId,
        { email },
        { ...input, role: input.role as Role },
        publicUrl,
      );
      return { member };
    },
  );

  app.put(
    '/api/organizations/:orgId/team/:userId',
    { schema: schema.putOrganizationTeamMember },
    async (request) => {
      const { orgId, userId } = request.params;
      const actor = await onOrganization(request, orgId, 'organization.members.manage');
      const member = await teams.assignRole(
        db,
        ctxOf(request, actor),
        actor.facts,
        'organization',
        orgId,
        { userId },
        { ...request.body, role: request.body.role as Role },
        publicUrl,
      );
      return { member };
    },
  );

  app.delete(
    '/api/organizations/:orgId/team/:userId',
    { schema: schema.deleteOrganizationTeamMember },
    async (request, reply) => {
      const { orgId, userId } = request.params;
      const actor = await onOrganization(request, orgId, 'organization.members.manage');
      await teams.removeMember(
        db,
        ctxOf(request, actor),
        actor.facts,
        'organization',
        orgId,
        userId,
        request.body.reason ?? null,
        publicUrl,
      );
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/organizations/:orgId/membership',
    { schema: schema.deleteMyOrganizationRoles },
    async (request, reply) => {
      const { orgId } = request.params;
      const actor = await onOrganization(request, orgId, 'organization.view');
      await teams.leave(
        db,
        ctxOf(request, actor),
        'organization',
        orgId,
        request.body.reason ?? null,
      );
      return reply.code(204).send(null);
    },
  );

  // Invite links and email invitations, the same for events and organizations.
  const scopes = [
    {
      kind: 'event' as const,
      base: '/api/events/:eventId',
      schemas: scopedInvitationSchemas(eventParams),
      id: (params: unknown) => (params as { eventId: string }).eventId,
      authorize: (request: FastifyRequest, id: string) =>
        onEvent(request, id, 'event.invites.manage'),
    },
    {
      kind: 'organization' as const,
      base: '/api/organizations/:orgId',
      schemas: scopedInvitationSchemas(orgParams),
      id: (params: unknown) => (params as { orgId: string }).orgId,
      authorize: (request: FastifyRequest, id: string) =>
        onOrganization(request, id, 'organization.members.manage'),
    },
  ];
  for (const scope of scopes) {
    const { kind, base, schemas } = scope;
    const withName = (actor: RequestActor) => ({ ...actor.facts, name: actor.user.name });

    app.get(`${base}/invite-links`, { schema: schemas.getInviteLinks }, async (request) => {
      const id = scope.id(request.params);
      await scope.authorize(request, id);
      return { items: await joining.listLinks(db, kind, id) };
    });

    app.post(`${base}/invite-links`, { schema: schemas.postInviteLink }, async (request, reply) => {
      const id = scope.id(request.params);
      const actor = await scope.authorize(request, id);
      const body = request.body as Parameters<typeof joining.createLink>[5];
      const created = await joining.createLink(
        db,
        ctxOf(request, actor),
        actor.facts,
        kind,
        id,
        body,
        publicUrl,
      );
      return reply.code(201).send(created);
    });

    app.post(
      `${base}/invite-links/:linkId/disable`,
      { schema: schemas.postDisableInviteLink },
      async (request) => {
        const id = scope.id(request.params);
        const actor = await scope.authorize(request, id);
        const { linkId } = request.params as { linkId: string };
        return { link: await joining.disableLink(db, ctxOf(request, actor), kind, id, linkId) };
      },
    );

    app.get(`${base}/invitations`, { schema: schemas.getInvitations }, async (request) => {
      const id = scope.id(request.params);
      await scope.authorize(request, id);
      return { items: await joining.listSent(db, kind, id) };
    });

    app.post(`${base}/invitations`, { schema: schemas.postInvitations }, async (request, reply) => {
      const id = scope.id(request.params);
      const actor = await scope.authorize(request, id);
      const body = request.body as Parameters<typeof joining.inviteByEmail>[5];
      const items = await joining.inviteByEmail(
        db,
        ctxOf(request, actor),
        withName(actor),
        kind,
        id,
        body,
        publicUrl,
      );
      return reply.code(201).send({ items });
    });

    app.post(
      `${base}/invitations/:invitationId/:action`,
      { schema: schemas.postInvitationAction },
      async (request) => {
        const id = scope.id(request.params);
        const actor = await scope.authorize(request, id);
        const { invitationId, action } = request.params as {
          invitationId: string;
          action: 'resend' | 'revoke';
        };
        const invitation = await joining.changeInvitation(
          db,
          ctxOf(request, actor),
          withName(actor),
          kind,
          id,
          invitationId,
          action,
          publicUrl,
        );
        return { invitation };
      },
    );
  }
};

export default teamRoutes;
