import {
  canGrant,
  canRevoke,
  decide,
  type Action,
  type ActorFacts,
  type AssignmentDecision,
  type AssignmentFacts,
  type Resource,
  type Role,
} from '@steward/permissions';
import type { Database, Executor } from '../../db/connection.js';
import type { ServiceContext } from '../../context.js';
import { recordAudit } from '../../audit/record.js';
import { AppError } from '../../errors.js';
import { notify } from '../notifications/service.js';
import { findLiveUser, findUserByEmail } from '../users/repository.js';
import {
  countRoleHolders,
  deleteRolesOf,
  rolesOf,
  upsertRoleAssignment,
} from '../roles/repository.js';
import { loadEvent, lockedEvent } from '../events/service.js';
import { loadOrganization } from '../organizations/service.js';
import { lockOrganization } from '../organizations/repository.js';
import { roleWords } from '../invitations/service.js';
import * as repo from './repository.js';
import { organizationRoles, teamRoles } from './schema.js';

type ActingContext = ServiceContext & { actor: { userId: string } };

/** A scope with a team: an event, or an organization. */
export type TeamKind = 'event' | 'organization';

interface TeamScope {
  kind: TeamKind;
  id: string;
  name: string;
  resource: Resource;
  /** The event's organization and chapter, for the roles inherited from them. */
  parents: {
    organization: { id: string; name: string };
    chapter: { id: string; name: string } | null;
  } | null;
}

/** What each kind of team is governed by (SPEC §4, §6). */
const rules = {
  event: {
    view: 'event.team.view',
    manage: 'event.team.manage',
    invite: 'event.invites.manage',
    admin: 'event_admin',
    ladder: teamRoles as readonly Role[],
    path: (id: string) => `/events/${id}`,
  },
  organization: {
    view: 'organization.view',
    manage: 'organization.members.manage',
    invite: 'organization.members.manage',
    admin: 'org_admin',
    ladder: organizationRoles as readonly Role[],
    path: (id: string) => `/orgs/${id}`,
  },
} as const satisfies Record<
  TeamKind,
  {
    view: Action;
    manage: Action;
    invite: Action;
    admin: Role;
    ladder: readonly Role[];
    path: (id: string) => string;
  }
>;

export const teamRules = rules;

const noSuch = (kind: TeamKind) =>
  new AppError('not_found', kind === 'event' ? 'No such event.' : 'No such organization.');

/** The scope of a team, loaded (and locked, inside a change) for the engine. */
export async function loadTeamScope(
  tx: Executor,
  kind: TeamKind,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<TeamScope> {
  if (kind === 'event') {
    const loaded = opts.lock ? await lockedEvent(tx, id) : await loadEvent(tx, id);
    if (!loaded) throw noSuch(kind);
    const { row, resource } = loaded;
    return {
      kind,
      id: row.event.id,
      name: row.event.name,
      resource,
      parents: {
        organization: { id: row.organization.id, name: row.organization.name },
        chapter: row.event.chapterId
          ? { id: row.event.chapterId, name: row.chapterName ?? '' }
          : null,
      },
    };
  }
  if (opts.lock) await lockOrganization(tx, id);
  const loaded = await loadOrganization(tx, id);
  if (!loaded) throw noSuch(kind);
  return {
    kind,
    id: loaded.row.id,
    name: loaded.row.name,
    resource: loaded.resource,
    parents: null,
  };
}

/** The counts canGrant / canRevoke guard with: the scope's admins now. */
async function assignmentFacts(tx: Executor, scope: TeamScope): Promise<AssignmentFacts> {
  const admins = await countRoleHolders(tx, scope.kind, scope.id, rules[scope.kind].admin);
  return scope.kind === 'event' ? { eventAdminCount: admins } : { orgAdminCount: admins };
}

/** The role a member holds on this team's ladder (the highest, should there be two). */
const ladderRole = (kind: TeamKind, roles: readonly Role[]) =>
  rules[kind].ladder.find((r) => roles.includes(r)) ?? null;

function refuse(decision: AssignmentDecision): never {
  if (decision.code === 'last_admin') throw new AppError('last_admin', decision.reason);
  throw new AppError('forbidden', decision.reason);
}

/** A team member as the team page shows them to `actor`, with what the actor may do. */
function present(
  scope: TeamScope,
  actor: ActorFacts,
  facts: AssignmentFacts,
  manages: boolean,
  m: repo.MemberRow,
  now: Date,
) {
  const explicit = m.scopeType === scope.kind && m.scopeId === scope.id;
  const role = explicit ? m.role : rules.event.admin;
  const can = explicit
    ? {
        changeTo: rules[scope.kind].ladder.filter(
          (r) => r !== role && canRevoke(actor, role, scope.resource, facts, now, r).allowed,
        ),
        remove: canRevoke(actor, role, scope.resource, facts, now).allowed,
        setExpiry: canRevoke(actor, role, scope.resource, facts, now, role).allowed,
      }
    : { changeTo: [], remove: false, setExpiry: false };
  return {
    userId: m.userId,
    name: m.name,
    image: m.image,
    email: manages ? m.email : null,
    role,
    explicit,
    inheritedFrom: explicit
      ? null
      : {
          type: m.scopeType as 'organization' | 'chapter',
          id: m.scopeId,
          name:
            m.scopeType === 'organization'
              ? (scope.parents?.organization.name ?? '')
              : (scope.parents?.chapter?.name ?? ''),
        },
    grantedBy: m.grantedById ? { id: m.grantedById, name: m.grantedByName ?? '' } : null,
    grantedAt: m.grantedAt.toISOString(),
    expiresAt: m.expiresAt ? m.expiresAt.toISOString() : null,
    lastActiveAt: m.lastActiveAt ? m.lastActiveAt.toISOString() : null,
    isYou: m.userId === actor.userId,
    can,
  };
}

export type TeamMemberView = ReturnType<typeof present>;

/** Every member of the team, explicit and (for an event) inherited from its organization or chapter. */
async function members(tx: Executor, scope: TeamScope) {
  const scopes: {
    type: 'event' | 'organization' | 'chapter';
    id: string;
    roles: readonly Role[];
  }[] = [{ type: scope.kind, id: scope.id, roles: rules[scope.kind].ladder }];
  if (scope.parents) {
    scopes.push({ type: 'organization', id: scope.parents.organization.id, roles: ['org_admin'] });
    if (scope.parents.chapter) {
      scopes.push({ type: 'chapter', id: scope.parents.chapter.id, roles: ['chapter_leader'] });
    }
  }
  return repo.membersIn(tx, scopes);
}

/**
 * One page of a team (the route authorized viewing it), filtered by name and role: explicit
 * members first by role, then those who inherit event_admin.
 */
export async function listTeam(
  db: Database,
  actor: ActorFacts,
  kind: TeamKind,
  id: string,
  query: { q?: string | undefined; role?: string | undefined; page: number; pageSize: number },
) {
  const scope = await loadTeamScope(db, kind, id);
  const now = new Date();
  const facts = await assignmentFacts(db, scope);
  const manages = decide(actor, rules[kind].manage, scope.resource, now).allowed;
  const all = (await members(db, scope))
    .map((m) => present(scope, actor, facts, manages, m, now))
    .filter((m) => !query.q || m.name.toLowerCase().includes(query.q.toLowerCase()))
    .filter((m) => !query.role || m.role === query.role)
    .sort(
      (a, b) =>
        Number(b.explicit) - Number(a.explicit) ||
        rules[kind].ladder.indexOf(a.role as Role) - rules[kind].ladder.indexOf(b.role as Role) ||
        a.name.localeCompare(b.name),
    );
  const start = (query.page - 1) * query.pageSize;
  return {
    items: all.slice(start, start + query.pageSize),
    total: all.length,
    can: {
      manage: manages,
      invite: decide(actor, rules[kind].invite, scope.resource, now).allowed,
      assignable: rules[kind].ladder.filter(
        (r) => canGrant(actor, r, scope.resource, facts, now).allowed,
      ),
    },
  };
}

/**
 * Tells someone their role changed (SPEC §10), in the app and by email as they prefer; in the
 * caller's transaction. The link leads to the scope only while they still see it.
 */
async function tellMember(
  tx: Executor,
  scope: TeamScope,
  member: { id: string },
  words: string,
  publicUrl: string,
  actorId: string,
  removed = false,
) {
  const link = removed ? '/' : rules[scope.kind].path(scope.id);
  await notify(
    tx,
    [member.id],
    {
      kind: 'role.changed',
      actorId,
      eventId: scope.kind === 'event' ? scope.id : null,
      target: { type: scope.kind, id: scope.id },
      title: words,
      link,
      email: {
        subject: `Your role in ${scope.name} changed`,
        paragraphs: [words],
        actionLabel: removed ? 'Open Steward' : `Open ${scope.name}`,
        footer: 'If this looks wrong, reply to the person who changed it or to the event team.',
      },
    },
    publicUrl,
  );
}

async function memberView(tx: Executor, scope: TeamScope, actor: ActorFacts, userId: string) {
  const now = new Date();
  const facts = await assignmentFacts(tx, scope);
  const manages = decide(actor, rules[scope.kind].manage, scope.resource, now).allowed;
  const row = (await members(tx, scope)).find(
    (m) => m.userId === userId && m.scopeType === scope.kind,
  );
  if (!row) throw new AppError('not_found', 'This person is not on the team.');
  return present(scope, actor, facts, manages, row, now);
}

export interface Assignment {
  role: Role;
  expiresAt?: string | null | undefined;
  reason?: string | null | undefined;
}

/**
 * Gives `userId` a role on the team, changes their role, or sets its expiry (SPEC §6): through
 * canGrant / canRevoke, so nobody grants above their own level and the last admin stays.
 * Serialized per scope (its row lock), audited old → new with the reason, and the person is told.
 */
export async function assignRole(
  db: Database,
  ctx: ActingContext,
  actor: ActorFacts,
  kind: TeamKind,
  id: string,
  target: { userId: string } | { email: string },
  input: Assignment,
  publicUrl: string,
) {
  if (!rules[kind].ladder.includes(input.role)) {
    throw new AppError('validation_failed', 'This role is not given here.', [
      { field: 'body.role', message: 'Not a role of this team' },
    ]);
  }
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt.getTime() <= Date.now()) {
    throw new AppError('validation_failed', 'An expiry must be in the future.', [
      { field: 'body.expiresAt', message: 'Choose a moment in the future' },
    ]);
  }
  return db.transaction(async (tx) => {
    const scope = await loadTeamScope(tx, kind, id, { lock: true });
    const person =
      'email' in target
        ? await findUserByEmail(tx, target.email)
        : await findLiveUser(tx, target.userId);
    if (!person) {
      if ('email' in target) {
        throw new AppError(
          'validation_failed',
          'No Steward account uses this address: invite them by email instead.',
          [{ field: 'body.email', message: 'No Steward account uses this address' }],
        );
      }
      throw new AppError('not_found', 'This person is not on the team.');
    }
    const now = new Date();
    const facts = await assignmentFacts(tx, scope);
    const heldRoles = await rolesOf(tx, person.id, kind, id);
    const current = ladderRole(kind, heldRoles);
    if (!current && 'userId' in target)
      throw new AppError('not_found', 'This person is not on the team.');
    const decision = current
      ? canRevoke(actor, current, scope.resource, facts, now, input.role)
      : canGrant(actor, input.role, scope.resource, facts, now);
    if (!decision.allowed) refuse(decision);
    // canRevoke with `to` also checks that the new role may be given.
    const previous = current ? await expiryOf(tx, person.id, kind, id, current) : null;
    if (current && current !== input.role) {
      await deleteRolesOf(tx, person.id, kind, id, [current]);
    }
    await upsertRoleAssignment(tx, {
      userId: person.id,
      role: input.role,
      scopeType: kind,
      scopeId: id,
      grantedBy: ctx.actor.userId,
      reason: input.reason ?? null,
      expiresAt,
    });
    const action = !current
      ? `${kind === 'event' ? 'event.team' : 'organization.members'}.assign`
      : current !== input.role
        ? `${kind === 'event' ? 'event.team' : 'organization.members'}.change`
        : `${kind === 'event' ? 'event.team' : 'organization.members'}.expiry`;
    await recordAudit(tx, ctx, {
      scope: { type: kind, id },
      action,
      target: { type: 'user', id: person.id },
      before: current ? { role: current, expiresAt: previous?.toISOString() ?? null } : null,
      after: { role: input.role, expiresAt: expiresAt?.toISOString() ?? null },
      reason: input.reason ?? null,
    });
    if (person.id !== ctx.actor.userId) {
      const until = expiresAt ? ` until ${expiresAt.toUTCString()}` : '';
      await tellMember(
        tx,
        scope,
        person,
        current && current !== input.role
          ? `Your role in ${scope.name} changed from ${current} to ${input.role}${until}. You are now ${roleWords[input.role] ?? input.role}.`
          : current
            ? `Your role ${input.role} in ${scope.name} now lasts${until || ' with no end date'}.`
            : `You were added to ${scope.name} as ${input.role}${until}: ${roleWords[input.role] ?? input.role}.`,
        publicUrl,
        ctx.actor.userId,
      );
    }
    return memberView(tx, scope, actor, person.id);
  });
}

async function expiryOf(tx: Executor, userId: string, kind: TeamKind, id: string, role: Role) {
  const rows = await repo.membersIn(tx, [{ type: kind, id, roles: [role] }]);
  return rows.find((r) => r.userId === userId)?.expiresAt ?? null;
}

/**
 * Takes someone off the team: every role they hold in the scope ends (SPEC §6: removal ends all
 * their access, except to reports they wrote). Never the last admin. Audited; they are told.
 */
export async function removeMember(
  db: Database,
  ctx: ActingContext,
  actor: ActorFacts,
  kind: TeamKind,
  id: string,
  userId: string,
  reason: string | null,
  publicUrl: string,
) {
  await db.transaction(async (tx) => {
    const scope = await loadTeamScope(tx, kind, id, { lock: true });
    const person = await findLiveUser(tx, userId);
    const held = person ? await rolesOf(tx, person.id, kind, id) : [];
    const current = ladderRole(kind, held);
    if (!person || !current) throw new AppError('not_found', 'This person is not on the team.');
    const facts = await assignmentFacts(tx, scope);
    const decision = canRevoke(actor, current, scope.resource, facts, new Date());
    if (!decision.allowed) refuse(decision);
    const removed = await deleteRolesOf(tx, person.id, kind, id, rolesByKind[kind]);
    await recordAudit(tx, ctx, {
      scope: { type: kind, id },
      action: `${kind === 'event' ? 'event.team' : 'organization.members'}.remove`,
      target: { type: 'user', id: person.id },
      before: { roles: removed.map((r) => r.role) },
      after: null,
      reason,
    });
    if (person.id !== ctx.actor.userId) {
      await tellMember(
        tx,
        scope,
        person,
        `You are no longer on the team of ${scope.name}.`,
        publicUrl,
        ctx.actor.userId,
        true,
      );
    }
  });
}

/** Every role a person may hold in a scope of this kind (removal ends them all). */
const rolesByKind: Record<TeamKind, Role[]> = {
  event: ['event_admin', 'responder', 'reporter', 'checkiner'],
  organization: ['org_admin', 'org_viewer'],
};

/**
 * Leaves an event or organization: the caller's own roles there end, unless they are its last
 * admin (someone must be able to run it). Audited.
 */
export async function leave(
  db: Database,
  ctx: ActingContext,
  kind: TeamKind,
  id: string,
  reason: string | null,
) {
  await db.transaction(async (tx) => {
    const scope = await loadTeamScope(tx, kind, id, { lock: true });
    const me = ctx.actor.userId;
    const held = await rolesOf(tx, me, kind, id);
    if (held.length === 0) throw new AppError('not_found', 'You hold no role here.');
    const admin = rules[kind].admin;
    if (held.includes(admin) && (await countRoleHolders(tx, kind, id, admin)) <= 1) {
      throw new AppError(
        'last_admin',
        `You are the last ${admin} of ${scope.name}: name another one before you leave.`,
      );
    }
    const removed = await deleteRolesOf(tx, me, kind, id, rolesByKind[kind]);
    await recordAudit(tx, ctx, {
      scope: { type: kind, id },
      action: `${kind === 'event' ? 'event.team' : 'organization.members'}.leave`,
      target: { type: 'user', id: me },
      before: { roles: removed.map((r) => r.role) },
      after: null,
      reason,
    });
  });
}
