import { canGrant, decide, isActive, type ActorFacts, type ResourceOf } from '@steward/permissions';
import type { Database, Executor } from '../../db/connection.js';
import type { ServiceContext } from '../../context.js';
import { recordAudit } from '../../audit/record.js';
import { authorizeActor } from '../../authz/authorize.js';
import type { RequestActor } from '../../authz/actor.js';
import { toOrganizationFacts } from '../../authz/facts.js';
import { isUniqueViolation } from '../../db/errors.js';
import { AppError } from '../../errors.js';
import { prepareLogo } from '../../images.js';
import { presentOrganizationSettings } from '../../http/policy-settings.js';
import { countRoleHolders } from '../roles/repository.js';
import { latestOpenInvitation } from '../invitations/repository.js';
import { presentPending, sendInvitation } from '../invitations/service.js';
import * as repo from './repository.js';

type ActingContext = ServiceContext & { actor: { userId: string } };

export const slugTaken = (what: string) =>
  new AppError('slug_taken', `This address is already used by another ${what}. Choose another.`, [
    { field: 'body.slug', message: `Already used by another ${what}` },
  ]);

const noSuchOrganization = () => new AppError('not_found', 'No such organization.');

/** An organization's row and the engine's resource for it; null when there is none. */
export async function loadOrganization(db: Executor, id: string) {
  const row = await repo.findOrganization(db, id);
  if (!row) return null;
  return { row, resource: { type: 'organization' as const, ...toOrganizationFacts(row) } };
}

/** The organization roles the actor holds now. */
function myRoles(actor: ActorFacts, organizationId: string) {
  const now = Date.now();
  return actor.assignments
    .filter(
      (a) => a.scopeType === 'organization' && a.scopeId === organizationId && isActive(a, now),
    )
    .map((a) => a.role as 'org_admin' | 'org_viewer');
}

/**
 * What the actor may do with an organization. Viewing its details is for system admins, its
 * admins and viewers (SPEC §4); someone who may create or propose events there, or leads one
 * of its chapters, sees its name and public details so they can do that.
 */
export async function organizationAccess(
  db: Executor,
  actor: ActorFacts,
  resource: ResourceOf<'organization'>,
) {
  const now = new Date();
  const may = (action: Parameters<typeof decide>[1]) => decide(actor, action, resource, now);
  const create = may('event.create');
  const ledChapters = actor.userId ? await repo.chaptersLedIn(db, resource.id, actor.userId) : [];
  const viewDetails = may('organization.view').allowed;
  const createEvent = create.allowed && create.hold?.role != null;
  const proposeEvent = create.allowed && !createEvent;
  const orgAdmins = await countRoleHolders(db, 'organization', resource.id, 'org_admin');
  return {
    visible: viewDetails || create.allowed || ledChapters.length > 0,
    viewDetails,
    ledChapters,
    can: {
      update: may('organization.update').allowed,
      viewMembers: viewDetails,
      manageMembers: may('organization.members.manage').allowed,
      viewAudit: may('organization.audit.view').allowed,
      createChapter: may('chapter.create').allowed,
      createEvent,
      proposeEvent,
      inviteFirstAdmin:
        canGrant(actor, 'org_admin', resource, { orgAdminCount: orgAdmins }, now).code ===
        'bootstrap',
    },
  };
}

export type OrganizationAccess = Awaited<ReturnType<typeof organizationAccess>>;

/**
 * The organization with the actor's access to it, when its page shows it to them; otherwise the
 * 404 of a missing organization (a refusal audited like any other).
 */
export async function visibleOrganization(db: Executor, actor: RequestActor, id: string) {
  const loaded = await loadOrganization(db, id);
  if (!loaded) throw noSuchOrganization();
  const access = await organizationAccess(db, actor.facts, loaded.resource);
  if (!access.visible) {
    authorizeActor(actor, 'organization.view', loaded.resource, { what: 'organization' });
  }
  return { ...loaded, access };
}

const logoUrl = (row: repo.OrganizationRow) =>
  row.logoUpdatedAt
    ? `/api/organizations/${row.id}/logo?v=${row.logoUpdatedAt.getTime().toString(36)}`
    : null;

/** An organization in a list. */
export function presentSummary(row: repo.OrganizationRow, actor: ActorFacts) {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    logoUrl: logoUrl(row),
    myRoles: myRoles(actor, row.id),
  };
}

/** An organization as its page shows it to this actor (404 for those who may not see it). */
export async function presentOrganization(
  db: Executor,
  actor: ActorFacts,
  row: repo.OrganizationRow,
  access?: OrganizationAccess,
) {
  const resource = { type: 'organization' as const, ...toOrganizationFacts(row) };
  const a = access ?? (await organizationAccess(db, actor, resource));
  const invitation =
    a.can.inviteFirstAdmin || a.can.manageMembers
      ? await latestOpenInvitation(db, 'organization', row.id, 'org_admin')
      : null;
  return {
    ...presentSummary(row, actor),
    description: row.description,
    website: row.website,
    createdAt: row.createdAt.toISOString(),
    settings: presentOrganizationSettings(resource.settings),
    adminInvitation: invitation ? presentPending(invitation) : null,
    can: a.can,
  };
}

/** The organizations the actor may view (all for system admins), one page. */
export async function listOrganizations(
  db: Database,
  actor: ActorFacts,
  query: { q?: string | undefined; page: number; pageSize: number },
) {
  const now = new Date();
  const everything = decide(actor, 'system.directory.view', { type: 'system' }, now).allowed;
  // Otherwise: the organizations where they hold a role or lead a chapter, which are exactly
  // the ones whose page organizationAccess() shows them.
  const ids = everything ? null : await repo.organizationsOfMember(db, actor);
  const { items, total } = await repo.searchOrganizations(db, ids, query);
  return { items: items.map((row) => presentSummary(row, actor)), total };
}

/**
 * Creates an organization and invites its first org_admin, in one transaction. Only a system
 * admin gets here (the route authorized `system.organization.create`).
 */
export async function createOrganization(
  db: Database,
  ctx: ActingContext,
  actor: ActorFacts & { name: string },
  input: {
    name: string;
    slug: string;
    description: string;
    website: string | null;
    firstAdminEmail: string;
    message?: string | undefined;
  },
  publicUrl: string,
) {
  try {
    return await db.transaction(async (tx) => {
      if (await repo.slugTaken(tx, input.slug)) throw slugTaken('organization');
      const created = await repo.insertOrganization(tx, {
        name: input.name,
        slug: input.slug,
        description: input.description,
        website: input.website,
      });
      await recordAudit(tx, ctx, {
        scope: { type: 'organization', id: created.id },
        action: 'system.organization.create',
        target: { type: 'organization', id: created.id },
        after: { name: created.name, slug: created.slug, firstAdminEmail: input.firstAdminEmail },
      });
      const resource = { type: 'organization' as const, ...toOrganizationFacts(created) };
      const grant = canGrant(actor, 'org_admin', resource, { orgAdminCount: 0 }, new Date());
      if (!grant.allowed) throw new AppError('forbidden', grant.reason);
      await sendInvitation(tx, ctx, {
        scope: { type: 'organization', id: created.id, name: created.name },
        role: 'org_admin',
        email: input.firstAdminEmail,
        message: input.message,
        inviterName: actor.name,
        publicUrl,
        replace: 'role',
      });
      const row = (await repo.findOrganization(tx, created.id))!;
      return presentOrganization(tx, actor, row);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'organizations_slug_unique')) throw slugTaken('organization');
    throw error;
  }
}

/** Invites the first org_admin again while nobody holds the role (the earlier link stops). */
export async function reinviteFirstAdmin(
  db: Database,
  ctx: ActingContext,
  actor: ActorFacts & { name: string },
  id: string,
  input: { email: string; message?: string | undefined },
  publicUrl: string,
) {
  return db.transaction(async (tx) => {
    await repo.lockOrganization(tx, id);
    const loaded = await loadOrganization(tx, id);
    if (!loaded) throw noSuchOrganization();
    const orgAdminCount = await countRoleHolders(tx, 'organization', id, 'org_admin');
    const grant = canGrant(actor, 'org_admin', loaded.resource, { orgAdminCount }, new Date());
    if (grant.code !== 'bootstrap') {
      throw new AppError(
        'conflict',
        'This organization already has an administrator: they invite the others.',
      );
    }
    await sendInvitation(tx, ctx, {
      scope: { type: 'organization', id, name: loaded.row.name },
      role: 'org_admin',
      email: input.email,
      message: input.message,
      inviterName: actor.name,
      publicUrl,
      replace: 'role',
    });
    return presentOrganization(tx, actor, loaded.row);
  });
}

export interface OrganizationChanges {
  name?: string | undefined;
  slug?: string | undefined;
  description?: string | undefined;
  website?: string | null | undefined;
  settings?: Partial<Record<string, string | boolean | undefined>> | undefined;
  reason?: string | null | undefined;
}

// Each policy setting is the column of the same name (db/schema/structure.ts).
const settingColumns = [
  'eventCreation',
  'eventApproval',
  'leadersSeeIncidents',
  'requireMfaForAdmins',
] as const;

/** Changes an organization's details and policy settings; audits old → new of what changed. */
export async function updateOrganization(
  db: Database,
  ctx: ActingContext,
  actor: ActorFacts,
  id: string,
  changes: OrganizationChanges,
) {
  try {
    return await db.transaction(async (tx) => {
      await repo.lockOrganization(tx, id);
      const before = await repo.findOrganization(tx, id);
      if (!before) throw noSuchOrganization();
      const next: Record<string, unknown> = {};
      for (const key of ['name', 'slug', 'description', 'website'] as const) {
        if (changes[key] !== undefined && changes[key] !== before[key]) next[key] = changes[key];
      }
      for (const column of settingColumns) {
        const value = changes.settings?.[column];
        if (value !== undefined && value !== before[column]) next[column] = value;
      }
      if (Object.keys(next).length === 0) return presentOrganization(tx, actor, before);
      if (next.slug !== undefined && (await repo.slugTaken(tx, next.slug as string, id))) {
        throw slugTaken('organization');
      }
      await repo.updateOrganization(tx, id, next);
      await recordAudit(tx, ctx, {
        scope: { type: 'organization', id },
        action: 'organization.update',
        target: { type: 'organization', id },
        before: Object.fromEntries(
          Object.keys(next).map((k) => [k, before[k as keyof typeof before]]),
        ),
        after: next,
        reason: changes.reason ?? null,
      });
      const after = (await repo.findOrganization(tx, id))!;
      return presentOrganization(tx, actor, after);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'organizations_slug_unique')) throw slugTaken('organization');
    throw error;
  }
}

/** Sets (checked, redrawn) or removes an organization's logo; audited. */
export async function changeLogo(
  db: Database,
  ctx: ActingContext,
  actor: ActorFacts,
  id: string,
  data: Buffer | null,
) {
  const logo = data ? await prepareLogo(data) : null;
  return db.transaction(async (tx) => {
    if (logo) await repo.setLogo(tx, id, logo);
    const removed = logo ? false : await repo.deleteLogo(tx, id);
    if (logo || removed) {
      await recordAudit(tx, ctx, {
        scope: { type: 'organization', id },
        action: logo ? 'organization.logo.set' : 'organization.logo.remove',
        target: { type: 'organization', id },
        after: logo ? { contentType: logo.contentType, bytes: logo.data.length } : null,
      });
    }
    const row = await repo.findOrganization(tx, id);
    if (!row) throw noSuchOrganization();
    return presentOrganization(tx, actor, row);
  });
}

/** One page of an organization's members (the route authorized organization.view). */
export async function listMembers(
  db: Database,
  id: string,
  organizationName: string,
  query: { q?: string | undefined; page: number; pageSize: number },
) {
  const { items, total } = await repo.searchMembers(db, id, query);
  return {
    total,
    items: items.map((m) => ({
      userId: m.userId,
      name: m.name,
      image: m.image,
      role: m.role,
      scope:
        m.scopeType === 'chapter'
          ? { type: 'chapter' as const, id: m.scopeId!, name: m.chapterName ?? '' }
          : { type: 'organization' as const, id, name: organizationName },
      grantedAt: m.grantedAt.toISOString(),
      expiresAt: m.expiresAt ? m.expiresAt.toISOString() : null,
    })),
  };
}
