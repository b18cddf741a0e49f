import type { Role } from './roles.js';

/** Inside an event: event_admin ⊇ responder ⊇ reporter. checkiner stands alone. */
export const eventRoleIncludes = {
  event_admin: ['event_admin', 'responder', 'reporter'],
  responder: ['responder', 'reporter'],
  reporter: ['reporter'],
  checkiner: ['checkiner'],
} as const satisfies Record<
  'event_admin' | 'responder' | 'reporter' | 'checkiner',
  readonly Role[]
>;

/** Down the hierarchy: these roles act as event_admin on every event below their scope. */
export const leaderRoles = {
  org_admin: 'organization',
  chapter_leader: 'chapter',
} as const;

/** An RSVP (confirmed or waitlisted) makes its holder a reporter of the event. */
export const attendeeRole = 'reporter' as const satisfies Role;

/** Whether holding `held` in an event means holding `wanted` there too. */
export function includesEventRole(held: Role, wanted: Role): boolean {
  const list = (eventRoleIncludes as Record<string, readonly Role[] | undefined>)[held];
  return list !== undefined && list.includes(wanted);
}

/** Roles a person may hold explicitly in each scope, in order of level (highest first). */
export const roleLevels = {
  system: ['system_admin', 'publisher'],
  organization: ['org_admin', 'org_viewer'],
  chapter: ['chapter_leader'],
  event: ['event_admin', 'responder', 'checkiner', 'reporter'],
  region: ['region_leader'],
} as const;

/**
 * The admin-level roles: the ones `requireMfaForAdmins` (SPEC §5) holds to two-factor, whether a
 * decision uses them explicitly or through inheritance (org_admin, chapter_leader → event_admin).
 */
export const adminLevelRoles = [
  'system_admin',
  'org_admin',
  'chapter_leader',
  'event_admin',
] as const satisfies readonly Role[];
