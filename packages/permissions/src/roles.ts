import type { Scope } from './scopes.js';

/** The roles of each scope (SPEC §2). Locations hold no roles of their own. */
export const rolesByScope = {
  system: ['system_admin', 'publisher'],
  organization: ['org_admin', 'org_viewer'],
  chapter: ['chapter_leader'],
  event: ['event_admin', 'responder', 'reporter', 'checkiner'],
  region: ['region_leader'],
  location: [],
} as const satisfies Record<Scope, readonly string[]>;

export type Role = (typeof rolesByScope)[Scope][number];
export type RoleOf<S extends Scope> = (typeof rolesByScope)[S][number];

export const roles: readonly Role[] = Object.values(rolesByScope).flat();

/** The scope a role is held in. */
export function scopeOfRole(role: Role): Scope {
  for (const [scope, list] of Object.entries(rolesByScope) as [Scope, readonly Role[]][]) {
    if (list.includes(role)) return scope;
  }
  throw new Error(`unknown role ${String(role)}`);
}
