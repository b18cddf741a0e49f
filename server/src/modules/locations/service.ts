import { decide, type Action, type ActorFacts } from '@steward/permissions';
import type { Database, Executor } from '../../db/connection.js';
import type { ServiceContext } from '../../context.js';
import { recordAudit, type AuditEvent } from '../../audit/record.js';
import { authorize } from '../../authz/authorize.js';
import { loadLocationResource, type LoadedLocation } from '../../authz/facts.js';
import { AppError, DeniedError } from '../../errors.js';
import { isPublicEvent } from '../listings/visibility.js';
import { holdRegion } from '../regions/repository.js';
import { toLocationRef } from './refs.js';
import * as repo from './repository.js';

// Locations (SPEC §4): where events and sessions take place, shared across organizations.
// Routes authorize first (with two-factor); each change is decided again here under the
// location's lock, since who may change one depends on the events that use it.

type ActingContext = ServiceContext & { actor: { userId: string } };

export const noSuchLocation = () => new AppError('not_found', 'No such location.');

const privateFields = ['contactName', 'contactEmail', 'contactPhone', 'notes'] as const;

/** A location's audit entries go to its region's scope, or the system's when it has none. */
const scopeOf = (regionId: string | null): AuditEvent['scope'] =>
  regionId ? { type: 'region', id: regionId } : { type: 'system' };

/**
 * A location as its page shows it to this actor: its private details only for those who may
 * view them, the public events held there (and their number), what the actor may do.
 */
export async function presentLocation(
  db: Executor,
  actor: ActorFacts,
  { row, resource }: LoadedLocation,
) {
  const now = new Date();
  const may = (action: Action) => decide(actor, action, resource, now).allowed;
  // Only public events are anyone's business here: a draft or a spam event of any organization
  // is not told by its location. Being in use at all is the engine's (can.delete).
  const publicIds = resource.events.filter((e) => isPublicEvent(e, now)).map((e) => e.id);
  const viewPrivate = may('location.private.view');
  const [privateDetails, events] = await Promise.all([
    viewPrivate ? repo.findPrivateDetails(db, row.id) : null,
    repo.eventListings(db, publicIds),
  ]);
  return {
    ...toLocationRef({
      ...row,
      regionId: resource.region?.id ?? null,
      regionName: resource.region?.name ?? null,
    }),
    eventCount: publicIds.length,
    privateDetails,
    events,
    can: {
      updateBasic: may('location.update_basic'),
      viewPrivate,
      updatePrivate: may('location.private.update'),
      archive: may('location.archive'),
      delete: may('location.delete'),
    },
  };
}

/**
 * Loads a location for a change, locked, and decides `action` again on what was read under the
 * lock (an event may have chosen it since the route asked); 404 when it is gone.
 */
async function lockedLocation(tx: Executor, actor: ActorFacts, id: string, action?: Action) {
  await repo.lockLocation(tx, id);
  const loaded = await loadLocationResource(tx, id);
  if (!loaded) throw noSuchLocation();
  if (action) authorize(actor, action, loaded.resource, { visible: true });
  return loaded;
}

async function reload(tx: Executor, actor: ActorFacts, id: string) {
  const loaded = await loadLocationResource(tx, id);
  if (!loaded) throw noSuchLocation();
  return presentLocation(tx, actor, loaded);
}

/** 400 unless the region exists; holds it so that it is not deleted under the location. */
async function existingRegion(tx: Executor, regionId: string) {
  if (!(await holdRegion(tx, regionId))) {
    throw new AppError('validation_failed', 'No such region.', [
      { field: 'body.regionId', message: 'Choose a region from the list' },
    ]);
  }
}

/**
 * A move to another region hands the location's private details to that region's leaders (and
 * takes them from this one's), so while it has any, only those who may change them now (its
 * region's leaders, system admins) may move it: not someone who just made a region of their own,
 * nor an admin of an event held there. 403, audited, otherwise.
 */
async function mayMovePrivateDetails(
  tx: Executor,
  actor: ActorFacts,
  resource: LoadedLocation['resource'],
) {
  if (decide(actor, 'location.private.update', resource, new Date()).allowed) return;
  const details = await repo.findPrivateDetails(tx, resource.id);
  if (privateFields.every((k) => details[k].trim() === '')) return;
  try {
    authorize(actor, 'location.private.update', resource, { visible: true });
  } catch (error) {
    if (!(error instanceof DeniedError)) throw error;
    throw new DeniedError(
      'forbidden',
      "This location has private details: only its region's leaders or a system admin can move it to another region.",
      error.denial,
    );
  }
}

/** Creates a location (the route authorized location.create). */
export async function createLocation(
  db: Database,
  ctx: ActingContext,
  actor: ActorFacts,
  input: { name: string; address: string; regionId: string | null; reason?: string | null },
) {
  return db.transaction(async (tx) => {
    if (input.regionId) await existingRegion(tx, input.regionId);
    const row = await repo.insertLocation(tx, {
      name: input.name,
      address: input.address,
      regionId: input.regionId,
      createdBy: ctx.actor.userId,
    });
    await recordAudit(tx, ctx, {
      scope: scopeOf(row.regionId),
      action: 'location.create',
      target: { type: 'location', id: row.id },
      after: { name: row.name, address: row.address, regionId: row.regionId },
      reason: input.reason ?? null,
    });
    return reload(tx, actor, row.id);
  });
}

/**
 * Changes a location's basic details; audited old → new (nothing when unchanged) in the scope
 * of the region it was in, whose leaders answered for it until now.
 */
export async function updateLocation(
  db: Database,
  ctx: ActingContext,
  actor: ActorFacts,
  id: string,
  input: {
    name?: string | undefined;
    address?: string | undefined;
    regionId?: string | null | undefined;
    reason?: string | null | undefined;
  },
) {
  return db.transaction(async (tx) => {
    const { row, resource } = await lockedLocation(tx, actor, id, 'location.update_basic');
    const next: { name?: string; address?: string; regionId?: string | null } = {};
    if (input.name !== undefined && input.name !== row.name) next.name = input.name;
    if (input.address !== undefined && input.address !== row.address) next.address = input.address;
    if (input.regionId !== undefined && input.regionId !== row.regionId) {
      await mayMovePrivateDetails(tx, actor, resource);
      if (input.regionId) await existingRegion(tx, input.regionId);
      next.regionId = input.regionId;
    }
    const changed = Object.keys(next) as (keyof typeof next)[];
    if (changed.length > 0) {
      await repo.updateLocation(tx, id, next);
      await recordAudit(tx, ctx, {
        scope: scopeOf(row.regionId),
        action: 'location.update',
        target: { type: 'location', id },
        before: Object.fromEntries(changed.map((k) => [k, row[k]])),
        after: next,
        reason: input.reason ?? null,
      });
    }
    return reload(tx, actor, id);
  });
}

/**
 * Sets a location's private details. The audit entry names the fields that changed, never their
 * values: the audit log is read by more people than the details are for.
 */
export async function setPrivateDetails(
  db: Database,
  ctx: ActingContext,
  actor: ActorFacts,
  id: string,
  input: repo.PrivateDetails & { reason?: string | null | undefined },
) {
  return db.transaction(async (tx) => {
    const { row } = await lockedLocation(tx, actor, id, 'location.private.update');
    const current = await repo.findPrivateDetails(tx, id);
    const changed = privateFields.filter((k) => input[k] !== current[k]);
    if (changed.length > 0) {
      const { reason, ...details } = input;
      await repo.savePrivateDetails(tx, id, details);
      await recordAudit(tx, ctx, {
        scope: scopeOf(row.regionId),
        action: 'location.private.update',
        target: { type: 'location', id },
        after: { changed },
        reason: reason ?? null,
      });
    }
    return reload(tx, actor, id);
  });
}

/** Archives (`archived`) or unarchives a location; 409 invalid_state when it already is so. */
export async function setArchived(
  db: Database,
  ctx: ActingContext,
  actor: ActorFacts,
  id: string,
  archived: boolean,
  reason: string | null,
) {
  return db.transaction(async (tx) => {
    const { row } = await lockedLocation(tx, actor, id, 'location.archive');
    if ((row.archivedAt !== null) === archived) {
      throw new AppError(
        'invalid_state',
        archived ? 'This location is already archived.' : 'This location is not archived.',
      );
    }
    await repo.updateLocation(tx, id, { archivedAt: archived ? new Date() : null });
    await recordAudit(tx, ctx, {
      scope: scopeOf(row.regionId),
      action: archived ? 'location.archive' : 'location.unarchive',
      target: { type: 'location', id },
      before: { archived: !archived },
      after: { archived },
      reason,
    });
    return reload(tx, actor, id);
  });
}

/**
 * Deletes a location that no event or session uses, with its private details (whose values
 * stay out of the audit log). Use is decided under the lock: an event choosing it now waits.
 */
export async function deleteLocation(
  db: Database,
  ctx: ActingContext,
  actor: ActorFacts,
  id: string,
  reason: string | null,
) {
  await db.transaction(async (tx) => {
    const { row, resource } = await lockedLocation(tx, actor, id);
    const decision = decide(actor, 'location.delete', resource, new Date());
    if (!decision.allowed) {
      if (decision.condition === 'location_unused') {
        throw new AppError(
          'in_use',
          'Events or sessions use this location, so it stays: archive it to stop offering it.',
        );
      }
      authorize(actor, 'location.delete', resource, { visible: true });
    }
    await repo.deleteLocation(tx, id);
    await recordAudit(tx, ctx, {
      scope: scopeOf(row.regionId),
      action: 'location.delete',
      target: { type: 'location', id },
      before: { name: row.name, address: row.address, regionId: row.regionId },
      reason,
    });
  });
}

/** One page of locations (basic details only). */
export async function listLocations(db: Executor, query: repo.LocationQuery) {
  return repo.searchLocations(db, query);
}
