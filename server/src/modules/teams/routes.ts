import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Action, Role } from '@steward/permissions';
import { authorizeActor } from '../../authz/authorize.js';
import { isUuid } from '../../db/inputs.js';
import { AppError } from '../../errors.js';
import type { RequestActor } from '../../authz/actor.js';
import { authorizedEvent } from '../events/service.js';
import { eventParams } from '../events/schema.js';
import { visibleOrganization } from '../organizations/service.js';
import { orgParams } from '../organizations/schema.js';
import { scopedInvitationSchemas } from '../invitations/schema.js';
import * as joining from './joining.js';
import { eventTeamSchemas, organizationTeamSchemas } from './schema.js';
import * as teams from './service.js';

type Params = Record<string, string>;
type Body = Record<string, unknown>;

/**
 * Teams: an event's team and an organization's members (their roles, leaving), and how people
 * join them (invite links, email invitations). The same routes for both kinds, each on its path.
 */
const teamRoutes: FastifyPluginAsyncZod<{ publicUrl: string }> = async (app, opts) => {
  const db = app.database.db;
  const publicUrl = opts.publicUrl;
  const ctxOf = (request: FastifyRequest, actor: RequestActor) => ({
    actor: { userId: actor.user.id },
    origin: request.origin(),
  });
  const withName = (actor: RequestActor) => ({ ...actor.facts, name: actor.user.name });

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

  const kinds = [
    {
      kind: 'event' as const,
      base: '/api/events/:eventId',
      team: eventTeamSchemas,
      joining: scopedInvitationSchemas(eventParams),
      id: (params: Params) => params.eventId!,
      authorize: (request: FastifyRequest, id: string, action?: Action) =>
        onEvent(request, id, action),
      // Anyone who can see the event can leave it.
      leaveWith: undefined,
    },
    {
      kind: 'organization' as const,
      base: '/api/organizations/:orgId',
      team: organizationTeamSchemas,
      joining: scopedInvitationSchemas(orgParams),
      id: (params: Params) => params.orgId!,
      authorize: (request: FastifyRequest, id: string, action?: Action) =>
        onOrganization(request, id, action ?? 'organization.view'),
      leaveWith: 'organization.view' as Action,
    },
  ];

  for (const scope of kinds) {
    const { kind, base } = scope;
    const rules = teams.teamRules[kind];
    const idOf = (request: FastifyRequest) => scope.id(request.params as Params);

    app.get(`${base}/team`, { schema: scope.team.list }, async (request) => {
      const id = idOf(request);
      const actor = await scope.authorize(request, id, rules.view);
      const query = request.query as Parameters<typeof teams.listTeam>[4];
      const result = await teams.listTeam(db, actor.facts, kind, id, query);
      return { ...result, page: query.page, pageSize: query.pageSize };
    });

    app.post(`${base}/team`, { schema: scope.team.add }, async (request) => {
      const id = idOf(request);
      const actor = await scope.authorize(request, id, rules.manage);
      const { email, ...input } = request.body as Body & teams.Assignment & { email: string };
      const member = await teams.assignRole(
        db,
        ctxOf(request, actor),
        actor.facts,
        kind,
        id,
        { email },
        { ...input, role: input.role as Role },
        publicUrl,
      );
      return { member };
    });

    app.put(`${base}/team/:userId`, { schema: scope.team.change }, async (request) => {
      const id = idOf(request);
      const actor = await scope.authorize(request, id, rules.manage);
      const { userId } = request.params as Params;
      const member = await teams.assignRole(
        db,
        ctxOf(request, actor),
        actor.facts,
        kind,
        id,
        { userId: userId! },
        request.body as teams.Assignment,
        publicUrl,
      );
      return { member };
    });

    app.delete(`${base}/team/:userId`, { schema: scope.team.remove }, async (request, reply) => {
      const id = idOf(request);
      const actor = await scope.authorize(request, id, rules.manage);
      const { userId } = request.params as Params;
      const reason = (request.body as { reason?: string | null }).reason ?? null;
      await teams.removeMember(
        db,
        ctxOf(request, actor),
        actor.facts,
        kind,
        id,
        userId!,
        reason,
        publicUrl,
      );
      return reply.code(204).send(null);
    });

    app.delete(`${base}/membership`, { schema: scope.team.leave }, async (request, reply) => {
      const id = idOf(request);
      const actor = await scope.authorize(request, id, scope.leaveWith);
      const reason = (request.body as { reason?: string | null }).reason ?? null;
      await teams.leave(db, ctxOf(request, actor), kind, id, reason);
      return reply.code(204).send(null);
    });

    // Invite links and email invitations.
    const invites = (request: FastifyRequest, id: string) =>
      scope.authorize(request, id, rules.invite);

    app.get(`${base}/invite-links`, { schema: scope.joining.getInviteLinks }, async (request) => {
      const id = idOf(request);
      await invites(request, id);
      return { items: await joining.listLinks(db, kind, id) };
    });

    app.post(
      `${base}/invite-links`,
      { schema: scope.joining.postInviteLink },
      async (request, reply) => {
        const id = idOf(request);
        const actor = await invites(request, id);
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
      },
    );

    app.post(
      `${base}/invite-links/:linkId/disable`,
      { schema: scope.joining.postDisableInviteLink },
      async (request) => {
        const id = idOf(request);
        const actor = await invites(request, id);
        const { linkId } = request.params as Params;
        // Any string reaches this path; one that is not a UUID names no link (and no SQL).
        if (!isUuid(linkId!)) throw new AppError('not_found', 'No such invite link.');
        return { link: await joining.disableLink(db, ctxOf(request, actor), kind, id, linkId!) };
      },
    );

    app.get(`${base}/invitations`, { schema: scope.joining.getInvitations }, async (request) => {
      const id = idOf(request);
      await invites(request, id);
      return { items: await joining.listSent(db, kind, id) };
    });

    app.post(
      `${base}/invitations`,
      { schema: scope.joining.postInvitations },
      async (request, reply) => {
        const id = idOf(request);
        const actor = await invites(request, id);
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
      },
    );

    app.post(
      `${base}/invitations/:invitationId/:action`,
      { schema: scope.joining.postInvitationAction },
      async (request) => {
        const id = idOf(request);
        const actor = await invites(request, id);
        const { invitationId, action } = request.params as Params;
        // As for links: an id that is not a UUID names no invitation (and must not reach SQL).
        if (!isUuid(invitationId!)) throw new AppError('not_found', 'No such invitation.');
        const invitation = await joining.changeInvitation(
          db,
          ctxOf(request, actor),
          withName(actor),
          kind,
          id,
          invitationId!,
          action as 'resend' | 'revoke',
          publicUrl,
        );
        return { invitation };
      },
    );
  }
};

export default teamRoutes;
