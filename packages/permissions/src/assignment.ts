import type { Action } from './actions.js';
import { decide } from './decide.js';
import type { ActorFacts, Instant, Resource } from './facts.js';
import { roleLevels } from './inheritance.js';
import { scopeOfRole, type Role } from './roles.js';

export type AssignmentCode =
  'granted' | 'bootstrap' | 'not_allowed' | 'wrong_scope' | 'above_own_level' | 'last_admin';

/** The answer to "may this actor give (or take) this role here?" and why. */
export interface AssignmentDecision {
  allowed: boolean;
  code: AssignmentCode;
  reason: string;
}

/** Counts the server passes in for the guard rails of SPEC §6. */
export interface AssignmentFacts {
  /** Explicit event_admins of the event now (for the bootstrap invite and the last-admin guard). */
  eventAdminCount?: number;
  /** org_admins of the organization now. */
  orgAdminCount?: number;
  /** system_admins now whose accounts can still sign in (not deactivated or deleted). */
  systemAdminCount?: number;
}

/** The permission that governs who may assign roles in each scope. */
const managedBy: Record<
  Exclude<Resource['type'], 'report' | 'comment' | 'evidence' | 'location'>,
  Action
> = {
  system: 'system.roles.manage',
  organization: 'organization.members.manage',
  chapter: 'chapter.leaders.manage',
  event: 'event.team.manage',
  region: 'region.leaders.manage',
};

const verdict = (allowed: boolean, code: AssignmentCode, reason: string): AssignmentDecision => ({
  allowed,
  code,
  reason: `${allowed ? 'Allowed' : 'Denied'}: ${reason}`,
});

/**
 * Whether `actor` may give `role` in `scope` (SPEC §6): system roles only by a system_admin;
 * organization roles by its org_admins (and the first org_admin by a system_admin); chapter
 * leaders by org_admins, the chapter's leaders and system_admins; event roles by the event's
 * admins (explicit or inherited), and the first event_admin by a system_admin's bootstrap invite.
 * Nobody grants above their own level.
 */
export function canGrant(
  actor: ActorFacts,
  role: Role,
  scope: Resource,
  facts: AssignmentFacts,
  now: Instant,
): AssignmentDecision {
  const scopeType = scopeOfRole(role);
  if (scopeType !== scope.type) {
    return verdict(false, 'wrong_scope', `${role} is held in a ${scopeType}, not a ${scope.type}.`);
  }
  const isSystemAdmin = decide(actor, 'system.roles.manage', { type: 'system' }, now).allowed;
  if (
    scope.type === 'organization' &&
    role === 'org_admin' &&
    isSystemAdmin &&
    facts.orgAdminCount === 0
  ) {
    return verdict(
      true,
      'bootstrap',
      'a system_admin names the first org_admin of a new organization.',
    );
  }
  if (
    scope.type === 'event' &&
    role === 'event_admin' &&
    isSystemAdmin &&
    facts.eventAdminCount === 0
  ) {
    return verdict(
      true,
      'bootstrap',
      'a system_admin invites the first event_admin of an event that has none.',
    );
  }
  const action = managedBy[scope.type as keyof typeof managedBy];
  const decision = decide(actor, action, scope, now);
  if (!decision.allowed)
    return verdict(false, 'not_allowed', decision.reason.replace(/^Denied: /, ''));
  // The role that lets them manage this scope is the top of its scope, except a system_admin
  // managing a chapter or region from outside it: level is checked within the scope's own roles.
  const own = ownLevel(actor, scope, now);
  if (own !== null && levelOf(role) < own) {
    return verdict(
      false,
      'above_own_level',
      `${role} is above their own role in this ${scope.type}.`,
    );
  }
  return verdict(true, 'granted', decision.reason.replace(/^Allowed: /, ''));
}

/**
 * Whether `actor` may take `role` away in `scope`, or change it to `to`: the same permission as
 * giving it, and never the last event_admin of an event, the last org_admin of an organization or
 * the last system_admin.
 */
export function canRevoke(
  actor: ActorFacts,
  role: Role,
  scope: Resource,
  facts: AssignmentFacts,
  now: Instant,
  to: Role | null = null,
): AssignmentDecision {
  const allowed = canGrant(actor, to ?? role, scope, facts, now);
  if (!allowed.allowed) return allowed;
  if (to !== role) {
    if (role === 'event_admin' && (facts.eventAdminCount ?? 0) <= 1) {
      return verdict(false, 'last_admin', 'an event keeps at least one event_admin.');
    }
    if (role === 'org_admin' && (facts.orgAdminCount ?? 0) <= 1) {
      return verdict(false, 'last_admin', 'an organization keeps at least one org_admin.');
    }
    if (role === 'system_admin' && (facts.systemAdminCount ?? 0) <= 1) {
      return verdict(false, 'last_admin', 'Steward keeps at least one system_admin.');
    }
  }
  return allowed;
}

/** 0 is the highest level of a scope. */
function levelOf(role: Role): number {
  for (const list of Object.values(roleLevels) as readonly (readonly Role[])[]) {
    const i = list.indexOf(role);
    if (i >= 0) return i;
  }
  return Number.MAX_SAFE_INTEGER;
}

/** The actor's highest level in the scope, counting leaders as event_admin; null if none there. */
function ownLevel(actor: ActorFacts, scope: Resource, now: Instant): number | null {
  switch (scope.type) {
    case 'event':
      return decide(actor, 'event.team.manage', scope, now).allowed ? levelOf('event_admin') : null;
    case 'organization':
      return decide(actor, 'organization.update', scope, now).allowed ? levelOf('org_admin') : null;
    default:
      return null;
  }
}
