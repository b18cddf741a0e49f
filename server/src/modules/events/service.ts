import {
  canGrant,
  type Action,
  type ActorFacts,
  type Decision,
  type ResourceOf,
} from '@steward/permissions';
import { authorizeActor } from '../../authz/authorize.js';
import type { RequestActor } from '../../authz/actor.js';
import type { Database, Executor } from '../../db/connection.js';
import type { LinkContext, ServiceContext } from '../../context.js';
import { recordAudit } from '../../audit/record.js';
import { toEventFacts } from '../../authz/facts.js';
import { isUniqueViolation } from '../../db/errors.js';
import { AppError } from '../../errors.js';
import { prepareLogo } from '../../images.js';
import { deleteScopeInvitations } from '../invitations/repository.js';
import { sendInvitation } from '../invitations/service.js';
import {
  countRoleHolders,
  deleteScopeAssignments,
  insertRoleAssignment,
} from '../roles/repository.js';
import { slugTaken } from '../organizations/service.js';
import { usableLocation } from '../locations/usable.js';
import { promoteWaitlists } from '../rsvps/waitlist.js';
import { presentEvent } from './present.js';
import * as repo from './repository.js';

export type ActingContext = ServiceContext & { actor: { userId: string } };

export const noSuchEvent = () => new AppError('not_found', 'No such event.');

/** An event's row and the engine's resource for it; null when there is none. */
export async function loadEvent(db: Executor, id: string) {
  const row = await repo.findEvent(db, id);
  return row ? loadedEvent(row) : null;
}

const loadedEvent = (row: repo.EventRow) => ({
  row,
  resource: { type: 'event' as const, ...toEventFacts(row) },
});

/**
 * The event, once the engine allows each of `actions` on it. Whoever may not see the event
 * (event.view) gets the 404 of a missing one; whoever may see it but not do this gets 403.
 */
export async function authorizedEvent(
  db: Executor,
  actor: RequestActor,
  id: string,
  ...actions: Action[]
) {
  const loaded = await loadEvent(db, id);
  if (!loaded) throw noSuchEvent();
  authorizeActor(actor, 'event.view', loaded.resource, { what: 'event' });
  for (const action of actions) {
    authorizeActor(actor, action, loaded.resource, { seeWith: 'event.view', what: 'event' });
  }
  return loaded;
}

/**
 * The event, once the engine allows `action` on it. The action itself decides, without asking
 * for event.view first: a checkiner may check people in even where the event is not public.
 * Whoever may not do it and may not even see the event gets the 404 of a missing one; whoever
 * sees it gets 403 with the reason.
 */
export async function eventAllowing(
  db: Executor,
  actor: RequestActor,
  eventId: string,
  action: Action,
) {
  const loaded = await loadEvent(db, eventId);
  if (!loaded) throw noSuchEvent();
  const decision = authorizeActor(actor, action, loaded.resource, {
    seeWith: 'event.view',
    what: 'event',
  });
  return { ...loaded, decision };
}

/** Loads and locks an event for a change (or, `share`, to keep it as read); 404 when it is gone. */
export async function lockedEvent(tx: Executor, id: string, mode: 'update' | 'share' = 'update') {
  const row = await repo.findLockedEvent(tx, id, mode);
  if (!row) throw noSuchEvent();
  return loadedEvent(row);
}

export async function presentById(tx: Executor, actor: ActorFacts, id: string) {
  const row = await repo.findEvent(tx, id);
  if (!row) throw noSuchEvent();
  return presentEvent(tx, actor, row);
}

function eventSlugTaken(error: unknown): never {
  if (isUniqueViolation(error, 'events_slug_unique')) throw slugTaken('event');
  throw error;
}

export interface NewEvent {
  name: string;
  slug: string;
  description: string;
  chapterId: string | null;
  firstAdminEmail?: string | undefined;
  message?: string | undefined;
}

/**
 * Creates an event along the path the engine's decision took (SPEC §4, §8):
 * - through system_admin: a draft with no team; the first event_admin is invited (bootstrap);
 * - through org_admin or chapter_leader: a draft, and the creator is its event_admin;
 * - through `eventCreation` = anyone: a proposal waiting for approval; the creator is its
 *   event_admin.
 */
export async function createEvent(
  db: Database,
  ctx: ActingContext,
  actor: ActorFacts & { name: string },
  scope: ResourceOf<'organization'> | ResourceOf<'chapter'>,
  decision: Decision,
  input: NewEvent,
  publicUrl: string,
) {
  const path = decision.hold?.system ? 'system' : decision.hold?.role ? 'leader' : 'proposal';
  if (input.firstAdminEmail && path !== 'system') {
    throw new AppError('validation_failed', 'Only a system admin invites the first event admin.', [
      { field: 'body.firstAdminEmail', message: 'You become this event’s admin yourself' },
    ]);
  }
  const organizationId = scope.type === 'organization' ? scope.id : scope.organization.id;
  return db
    .transaction(async (tx) => {
      if (await repo.slugTaken(tx, input.slug)) throw slugTaken('event');
      const created = await repo.insertEvent(tx, {
        organizationId,
        chapterId: input.chapterId,
        name: input.name,
        slug: input.slug,
        description: input.description,
        status: path === 'proposal' ? 'pending_approval' : 'draft',
        createdBy: ctx.actor.userId,
      });
      await recordAudit(tx, ctx, {
        scope: { type: 'event', id: created.id },
        action: path === 'proposal' ? 'event.propose' : 'event.create',
        target: { type: 'event', id: created.id },
        after: {
          name: created.name,
          slug: created.slug,
          status: created.status,
          organizationId,
          chapterId: created.chapterId,
          via: decision.reason,
        },
      });
      if (path !== 'system') {
        await insertRoleAssignment(tx, {
          userId: ctx.actor.userId,
          role: 'event_admin',
          scopeType: 'event',
          scopeId: created.id,
          grantedBy: ctx.actor.userId,
          reason: 'Created the event',
        });
        await recordAudit(tx, ctx, {
          scope: { type: 'event', id: created.id },
          action: 'event.team.assign',
          target: { type: 'user', id: ctx.actor.userId },
          before: null,
          after: { role: 'event_admin' },
          reason: 'Created the event',
        });
      } else if (input.firstAdminEmail) {
        const invite = { email: input.firstAdminEmail, message: input.message };
        await inviteFirstAdminIn(tx, ctx, actor, created.id, invite, publicUrl);
      }
      return presentById(tx, actor, created.id);
    })
    .catch(eventSlugTaken);
}

async function inviteFirstAdminIn(
  tx: Executor,
  ctx: ActingContext,
  actor: ActorFacts & { name: string },
  id: string,
  input: { email: string; message?: string | undefined },
  publicUrl: string,
) {
  const loaded = await lockedEvent(tx, id);
  const eventAdminCount = await countRoleHolders(tx, 'event', id, 'event_admin');
  const grant = canGrant(actor, 'event_admin', loaded.resource, { eventAdminCount }, new Date());
  if (grant.code !== 'bootstrap') {
    throw new AppError(
      'conflict',
      eventAdminCount > 0
        ? 'This event already has an admin: they invite the rest of the team.'
        : grant.reason,
    );
  }
  await sendInvitation(tx, ctx, {
    scope: { type: 'event', id, name: loaded.row.event.name },
    role: 'event_admin',
    email: input.email,
    message: input.message,
    inviterName: actor.name,
    publicUrl,
    replace: 'role',
  });
}

/** The bootstrap invite of an event with no event_admin; an earlier one stops working. */
export async function inviteFirstAdmin(
  db: Database,
  ctx: ActingContext,
  actor: ActorFacts & { name: string },
  id: string,
  input: { email: string; message?: string | undefined },
  publicUrl: string,
) {
  return db.transaction(async (tx) => {
    await inviteFirstAdminIn(tx, ctx, actor, id, input, publicUrl);
    return presentById(tx, actor, id);
  });
}

/** The fields of PATCH /api/events/:id, in their two parts. */
export const detailFields = [
  'name',
  'slug',
  'description',
  'startsOn',
  'endsOn',
  'timeZone',
  'website',
  'locationId',
  'attendeeCapacity',
  'volunteerCapacity',
  'rsvpOpen',
] as const;
export const settingFields = [
  'contactEmail',
  'codeOfConduct',
  'reportTypes',
  'emailDetail',
  'settings',
] as const;

export type EventChanges = Partial<{
  name: string;
  slug: string;
  description: string;
  startsOn: string | null;
  endsOn: string | null;
  timeZone: string;
  website: string | null;
  locationId: string | null;
  attendeeCapacity: number | null;
  volunteerCapacity: number | null;
  rsvpOpen: boolean;
  contactEmail: string | null;
  codeOfConduct: string;
  reportTypes: string[];
  emailDetail: 'none' | 'title' | 'full';
  settings: Partial<Record<string, string | boolean | undefined>>;
  reason: string | null;
}>;

const policyColumns = [
  'responderScope',
  'respondersCanAssign',
  'reportIntake',
  'showTeamPublicly',
] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Changes an event's details and settings (the route authorized each part present). Audited
 * once, old → new, for what changed. The slug is stable once reports exist (SPEC §8).
 */
export async function updateEvent(
  db: Database,
  ctx: ActingContext & LinkContext,
  actor: ActorFacts,
  id: string,
  changes: EventChanges,
) {
  return db
    .transaction(async (tx) => {
      const { row, resource } = await lockedEvent(tx, id);
      const e = row.event;
      const next: Record<string, unknown> = {};
      for (const key of [
        ...detailFields,
        'contactEmail',
        'codeOfConduct',
        'reportTypes',
        'emailDetail',
      ] as const) {
        const value = changes[key];
        if (value !== undefined && !same(value, e[key])) next[key] = value;
      }
      for (const key of policyColumns) {
        const value = changes.settings?.[key];
        if (value !== undefined && value !== e[key]) next[key] = value;
      }
      const startsOn = (next.startsOn ?? e.startsOn) as string | null;
      const endsOn = (next.endsOn ?? e.endsOn) as string | null;
      if (startsOn && endsOn && endsOn < startsOn) {
        throw new AppError('validation_failed', 'The event cannot end before it starts.', [
          { field: 'body.endsOn', message: 'On or after the start date' },
        ]);
      }
      if (Object.keys(next).length === 0) return presentEvent(tx, actor, row);
      if (typeof next.locationId === 'string') await usableLocation(tx, next.locationId);
      if (typeof next.timeZone === 'string' && !(await repo.timeZoneKnown(tx, next.timeZone))) {
        throw new AppError('validation_failed', 'Choose a time zone from the list.', [
          { field: 'body.timeZone', message: 'This time zone is not known here: choose another' },
        ]);
      }
      if (next.slug !== undefined) {
        if (resource.hasIncidentData) {
          throw new AppError(
            'conflict',
            'Reports exist for this event, so its address can no longer change: links to it must keep working.',
            [{ field: 'body.slug', message: 'Locked once reports exist' }],
          );
        }
        if (await repo.slugTaken(tx, next.slug as string, id)) throw slugTaken('event');
      }
      await repo.updateEvent(tx, id, next);
      // More places (or no limit) move the waitlist up at once, in this transaction; the
      // people promoted are named in this change's one audit entry.
      const promoted =
        'attendeeCapacity' in next || 'volunteerCapacity' in next
          ? await promoteWaitlists(tx, ctx, id)
          : [];
      await recordAudit(tx, ctx, {
        scope: { type: 'event', id },
        action: Object.keys(next).some((k) => (detailFields as readonly string[]).includes(k))
          ? 'event.update'
          : 'event.settings.update',
        target: { type: 'event', id },
        before: Object.fromEntries(Object.keys(next).map((k) => [k, e[k as keyof typeof e]])),
        after: promoted.length > 0 ? { ...next, promoted } : next,
        reason: changes.reason ?? null,
      });
      return presentById(tx, actor, id);
    })
    .catch(eventSlugTaken);
}

/** Sets (checked, redrawn) or removes an event's logo; audited. */
export async function changeLogo(
  db: Database,
  ctx: ActingContext,
  actor: ActorFacts,
  id: string,
  data: Buffer | null,
) {
  const logo = data ? await prepareLogo(data) : null;
  return db.transaction(async (tx) => {
    await lockedEvent(tx, id);
    if (logo) await repo.setLogo(tx, id, logo);
    const removed = logo ? false : await repo.deleteLogo(tx, id);
    if (logo || removed) {
      await recordAudit(tx, ctx, {
        scope: { type: 'event', id },
        action: logo ? 'event.logo.set' : 'event.logo.remove',
        target: { type: 'event', id },
        after: logo ? { contentType: logo.contentType, bytes: logo.data.length } : null,
      });
    }
    return presentById(tx, actor, id);
  });
}

/**
 * Deletes an event that holds no incident data (the route authorized event.delete, whose
 * condition is exactly that), with its team, invitations and logo. Audited at its organization,
 * which outlives it.
 */
export async function deleteEvent(
  db: Database,
  ctx: ActingContext,
  id: string,
  reason: string | null,
) {
  await db.transaction(async (tx) => {
    const { row, resource } = await lockedEvent(tx, id);
    if (resource.hasIncidentData) {
      throw new AppError(
        'conflict',
        'This event holds reports: archive it instead. Nothing is lost.',
      );
    }
    const team = await deleteScopeAssignments(tx, 'event', id);
    await deleteScopeInvitations(tx, 'event', id);
    await repo.deleteEvent(tx, id);
    await recordAudit(tx, ctx, {
      scope: { type: 'organization', id: row.organization.id },
      action: 'event.delete',
      target: { type: 'event', id },
      before: {
        name: row.event.name,
        slug: row.event.slug,
        status: row.event.status,
        team: team.map((t) => ({ userId: t.userId, role: t.role })),
      },
      reason,
    });
  });
}
