import { adminLevelRoles, type Decision, type Resource, type Role } from '@steward/permissions';
import type { RequestActor } from './actor.js';

const adminRoles: ReadonlySet<Role> = new Set(adminLevelRoles);

function organizationOf(resource: Resource) {
  switch (resource.type) {
    case 'organization':
      return resource;
    case 'chapter':
    case 'event':
      return resource.organization;
    case 'report':
      return resource.event.organization;
    case 'comment':
    case 'evidence':
      return resource.report.event.organization;
    default:
      return null;
  }
}

/**
 * Whether this decision uses an admin-level role (explicit or inherited: the assignment that
 * granted it is an admin one) where two-factor is required, by someone who has not set it up.
 * System roles follow the system setting; the others their organization's.
 */
export function blockedByMfa(actor: RequestActor, decision: Decision, resource: Resource): boolean {
  if (actor.user.twoFactorEnabled) return false;
  const held = decision.hold?.assignment;
  if (!held || !adminRoles.has(held.role)) return false;
  if (held.scopeType === 'system') return actor.systemRequiresMfa;
  return organizationOf(resource)?.settings.requireMfaForAdmins ?? true;
}
