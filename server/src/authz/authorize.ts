import {
  decide,
  type Action,
  type ActorFacts,
  type Decision,
  type Resource,
} from '@steward/permissions';
import { AppError } from '../errors.js';
import type { RequestActor } from './actor.js';
import { blockedByMfa } from './mfa.js';

/**
 * Decides and throws unless allowed. Someone who may not even see the resource gets the same 404
 * as for something that does not exist (SPEC §1); someone who may see it (`seeWith`) but not do
 * this gets 403 with the reason.
 */
export function authorize(
  actor: ActorFacts,
  action: Action,
  resource: Resource,
  opts: { seeWith?: Action; what?: string; now?: Date } = {},
): Decision {
  const now = opts.now ?? new Date();
  const decision = decide(actor, action, resource, now);
  if (decision.allowed) return decision;
  if (opts.seeWith && decide(actor, opts.seeWith, resource, now).allowed) {
    throw new AppError('forbidden', decision.reason);
  }
  throw new AppError('not_found', `No such ${opts.what ?? resource.type}.`);
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
  opts: { seeWith?: Action; what?: string; now?: Date } = {},
): Decision {
  const decision = authorize(actor.facts, action, resource, opts);
  if (blockedByMfa(actor, decision, resource)) {
    throw new AppError(
      'mfa_required',
      'Set up two-factor authentication to use your admin role. Go to Account → Two-factor authentication.',
    );
  }
  return decision;
}
