import {
  decide,
  type Action,
  type ActorFacts,
  type Decision,
  type Resource,
} from '@steward/permissions';
import { AppError } from '../errors.js';

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
