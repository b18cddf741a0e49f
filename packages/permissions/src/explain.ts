import type { Action } from './actions.js';
import { decide } from './decide.js';
import type { Decision } from './decision.js';
import type { ActorFacts, Instant, Resource } from './facts.js';
import { grants, type Grant } from './grants.js';
import { grantWords } from './words.js';

export interface Explanation {
  decision: Decision;
  /** Who may do this here, in words: every grant of the action. */
  grantedTo: string[];
}

/**
 * For the admin-facing "why can / can't this person do this?": the decision with its reason, and
 * the grants that would allow it.
 */
export function explain(
  actor: ActorFacts,
  action: Action,
  resource: Resource,
  now: Instant,
): Explanation {
  return {
    decision: decide(actor, action, resource, now),
    grantedTo: (grants[action] as readonly Grant[]).map(grantWords),
  };
}
