import {
  decide,
  type Action,
  type ActorFacts,
  type Decision,
  type Resource,
} from '@steward/permissions';
import { DeniedError, type Denial } from '../errors.js';
import type { RequestActor } from './actor.js';
import { blockedByMfa } from './mfa.js';

export interface AuthorizeOptions {
  /** An action that lets the caller see the resource: then a refusal is 403, not 404. */
  seeWith?: Action;
  /** The resource is no secret to the caller (the system, a form anyone can open): 403. */
  visible?: boolean;
  /** What a 404 calls the resource: "No such event." */
  what?: string;
  now?: Date;
}

/**
 * Decides and throws unless allowed. Someone who may not even see the resource gets the same 404
 * as for something that does not exist (SPEC §1); someone who may see it (`seeWith`) but not do
 * this gets 403 with the reason.
 */
export function authorize(
  actor: ActorFacts,
  action: Action,
  resource: Resource,
  opts: AuthorizeOptions = {},
): Decision {
  const now = opts.now ?? new Date();
  const decision = decide(actor, action, resource, now);
  if (decision.allowed) return decision;
  const denial = denialOf(actor.userId, action, resource, decision.reason);
  if (opts.visible || (opts.seeWith && decide(actor, opts.seeWith, resource, now).allowed)) {
    throw new DeniedError('forbidden', decision.reason, denial);
  }
  throw new DeniedError('not_found', `No such ${opts.what ?? resource.type}.`, denial);
}

/**
 * authorize() for a signed-in request, which also holds admins to two-factor: a decision that
 * uses an admin-level role where `requireMfaForAdmins` is on answers `mfa_required` until the
 * person has set it up.
 */
export function authorizeActor(
  actor: RequestActor,
  action: Action,
  resource: Resource,
  opts: AuthorizeOptions = {},
): Decision {
  const decision = authorize(actor.facts, action, resource, opts);
  if (blockedByMfa(actor, decision, resource)) {
    throw new DeniedError(
      'mfa_required',
      'Set up two-factor authentication to use your admin role. Go to Account → Two-factor authentication.',
      denialOf(actor.user.id, action, resource, 'two-factor required and not set up'),
    );
  }
  return decision;
}

/** Where a refused attempt is filed in the audit log: the scope and record it aimed at. */
function denialOf(
  actorId: string | null,
  action: Action,
  resource: Resource,
  reason: string,
): Denial {
  const target = 'id' in resource ? { type: resource.type, id: resource.id } : null;
  switch (resource.type) {
    case 'system':
      return { actorId, action, scope: { type: 'system', id: null }, target, reason };
    case 'organization':
      return { actorId, action, scope: { type: 'organization', id: resource.id }, target, reason };
    case 'chapter':
      return { actorId, action, scope: { type: 'chapter', id: resource.id }, target, reason };
    case 'event':
      return { actorId, action, scope: { type: 'event', id: resource.id }, target, reason };
    case 'report':
      return { actorId, action, scope: { type: 'event', id: resource.event.id }, target, reason };
    case 'comment':
    case 'evidence':
      return {
        actorId,
        action,
        scope: { type: 'event', id: resource.report.event.id },
        target,
        reason,
      };
    case 'region':
      return { actorId, action, scope: { type: 'region', id: resource.id }, target, reason };
    case 'location':
      // Filed where the location's own changes are: its region, or the system without one.
      return {
        actorId,
        action,
        scope: resource.region
          ? { type: 'region', id: resource.region.id }
          : { type: 'system', id: null },
        target,
        reason,
      };
  }
}
