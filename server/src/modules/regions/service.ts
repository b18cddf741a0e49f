import { decide, type Action, type ActorFacts } from '@steward/permissions';
import type { Database, Executor } from '../../db/connection.js';
import type { ServiceContext } from '../../context.js';
import { recordAudit } from '../../audit/record.js';
import { loadRegionResource, type LoadedRegion } from '../../authz/facts.js';
import { AppError } from '../../errors.js';
import * as leaders from '../roles/leaders.js';
import { deleteScopeAssignments, insertRoleAssignment } from '../roles/repository.js';
import * as repo from './repository.js';

// Regions (SPEC §4): shared across organizations, led by region_leaders, audited in their own
// scope. Routes authorize first (with two-factor); what depends on the region's state (being
// empty) is decided again here, under the region's lock.

type ActingContext = ServiceContext & { actor: { userId: string } };

export const noSuchRegion = () => new AppError('not_found', 'No such region.');

/** A region as its page shows it to this actor: leaders and what the actor may do. */
export async function presentRegion(
  db: Executor,
  actor: ActorFacts,
  { row, resource }: LoadedRegion,
) {
  const now = new Date();
  const may = (action: Action) => decide(actor, action, resource, now).allowed;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    locationCount: resource.locationCount,
    leaders: await leaders.presentLeaders(db, actor, resource),
    can: {
      update: may('region.update'),
      manageLeaders: may('region.leaders.manage'),
      delete: may('region.delete'),
    },
  };
}

/** Loads a region for a change, locked; 404 when it is gone. */
async function lockedRegion(tx: Executor, id: string) {
  await repo.lockRegion(tx, id);
  const loaded = await loadRegionResource(tx, id);
  if (!loaded) throw noSuchRegion();
  return loaded;
}

async function reload(tx: Executor, actor: ActorFacts, id: string) {
  const loaded = await loadRegionResource(tx, id);
  if (!loaded) throw noSuchRegion();
  return presentRegion(tx, actor, loaded);
}

/** Creates a region; its creator becomes its region_leader (one audit entry tells both). */
export async function createRegion(
  db: Database,
  ctx: ActingContext,
  actor: ActorFacts,
  input: { name: string; description: string; reason?: string | null | undefined },
) {
  return db.transaction(async (tx) => {
    const userId = ctx.actor.userId;
    const row = await repo.insertRegion(tx, {
      name: input.name,
      description: input.description,
      createdBy: userId,
    });
    await insertRoleAssignment(tx, {
      userId,
      role: 'region_leader',
      scopeType: 'region',
      scopeId: row.id,
      grantedBy: userId,
      reason: 'Created the region',
    });
    await recordAudit(tx, ctx, {
      scope: { type: 'region', id: row.id },
      action: 'region.create',
      target: { type: 'region', id: row.id },
      after: { name: row.name, description: row.description, leaders: [userId] },
      reason: input.reason ?? null,
    });
    // The creator leads it from now on: the answer shows what they may do as its leader.
    const facts: ActorFacts = {
      ...actor,
      assignments: [
        ...actor.assignments,
        { role: 'region_leader', scopeType: 'region', scopeId: row.id, expiresAt: null },
      ],
    };
    return reload(tx, facts, row.id);
  });
}

/** Renames a region or changes its description; audited old → new (nothing when unchanged). */
export async function updateRegion(
  db: Database,
  ctx: ActingContext,
  actor: ActorFacts,
  id: string,
  input: {
    name?: string | undefined;
    description?: string | undefined;
    reason?: string | null | undefined;
  },
) {
  return db.transaction(async (tx) => {
    const { row } = await lockedRegion(tx, id);
    const next: { name?: string; description?: string } = {};
    if (input.name !== undefined && input.name !== row.name) next.name = input.name;
    if (input.description !== undefined && input.description !== row.description) {
      next.description = input.description;
    }
    const changed = Object.keys(next) as (keyof typeof next)[];
    if (changed.length > 0) {
      await repo.updateRegion(tx, id, next);
      await recordAudit(tx, ctx, {
        scope: { type: 'region', id },
        action: 'region.update',
        target: { type: 'region', id },
        before: Object.fromEntries(changed.map((k) => [k, row[k]])),
        after: next,
        reason: input.reason ?? null,
      });
    }
    return reload(tx, actor, id);
  });
}

/**
 * Deletes a region that holds no locations, with its leaders' assignments. Emptiness is decided
 * again under the lock: a location added a moment ago keeps the region.
 */
export async function deleteRegion(
  db: Database,
  ctx: ActingContext,
  actor: ActorFacts,
  id: string,
  reason: string | null,
) {
  await db.transaction(async (tx) => {
    const { row, resource } = await lockedRegion(tx, id);
    const decision = decide(actor, 'region.delete', resource, new Date());
    if (!decision.allowed) throw regionNotEmptyOr(decision);
    const removed = await deleteScopeAssignments(tx, 'region', id);
    await repo.deleteRegion(tx, id);
    await recordAudit(tx, ctx, {
      scope: { type: 'region', id },
      action: 'region.delete',
      target: { type: 'region', id },
      before: {
        name: row.name,
        description: row.description,
        leaders: removed.map((l) => l.userId),
      },
      reason,
    });
  });
}

/** The 409 of a region that still holds locations, or the engine's own refusal. */
function regionNotEmptyOr(decision: { condition: string | null; reason: string }) {
  if (decision.condition === 'region_empty') {
    return new AppError(
      'not_empty',
      'This region still holds locations. Move or delete them first: a region is deleted only when empty.',
    );
  }
  return new AppError('forbidden', decision.reason);
}

/** Makes the account with this email address a leader of the region (SPEC §6). */
export async function addLeader(
  db: Database,
  ctx: ActingContext,
  actor: ActorFacts,
  id: string,
  input: {
    email: string;
    expiresAt?: string | null | undefined;
    reason?: string | null | undefined;
  },
) {
  return db.transaction(async (tx) => {
    const { resource } = await lockedRegion(tx, id);
    await leaders.addLeader(tx, ctx, actor, resource, input);
    return reload(tx, actor, id);
  });
}

/** Removes a leader from the region. */
export async function removeLeader(
  db: Database,
  ctx: ActingContext,
  actor: ActorFacts,
  id: string,
  userId: string,
  reason: string | null,
) {
  return db.transaction(async (tx) => {
    const { resource } = await lockedRegion(tx, id);
    await leaders.removeLeader(tx, ctx, actor, resource, userId, reason);
    return reload(tx, actor, id);
  });
}

/** One page of regions by name. */
export async function listRegions(
  db: Executor,
  query: { q?: string | undefined; page: number; pageSize: number },
) {
  return repo.searchRegions(db, query);
}
