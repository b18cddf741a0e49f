import type { ResourceContext } from './context.js';
import type { ActorFacts, Instant, RoleAssignmentFact } from './facts.js';
import type { Relation } from './grants.js';
import { includesEventRole } from './inheritance.js';
import type { Role } from './roles.js';

/** How the actor satisfies one grant: through which assignment or relationship. */
export interface Hold {
  /** The role the grant asked for, when it asked for one. */
  role: Role | null;
  relation: Relation | null;
  /** The assignment that gives it; null for relationships and attendance. */
  assignment: RoleAssignmentFact | null;
  /** Through an RSVP. */
  attendee: boolean;
  /** Holds event_admin of the resource's event through this hold (passes a suspension). */
  adminLevel: boolean;
  /** Through a system role: only ever for logistics actions. */
  system: boolean;
}

export const toMillis = (t: Instant): number => (typeof t === 'number' ? t : t.getTime());

/** An assignment counts until its expiry instant, exclusive: at expiresAt it has stopped. */
export const isActive = (a: RoleAssignmentFact, nowMs: number): boolean =>
  a.expiresAt === null || toMillis(a.expiresAt) > nowMs;

export interface HoldOptions {
  /** Conduct actions never look at system-scope assignments (SPEC §3). */
  conduct: boolean;
  /** Whether org_admin / chapter_leader reach the event as event_admin (leadersSeeIncidents). */
  leaders: boolean;
  /** For explaining denials: consider expired assignments too. */
  includeExpired?: boolean;
}

const systemRoles: ReadonlySet<Role> = new Set(['system_admin', 'publisher']);
const eventRoles: ReadonlySet<Role> = new Set([
  'event_admin',
  'responder',
  'reporter',
  'checkiner',
]);

/**
 * Finds how the actor holds `role` at the resource's scope, preferring a hold that makes them
 * event_admin there (which survives a suspension), or null.
 */
export function findRoleHold(
  actor: ActorFacts,
  role: Role,
  ctx: ResourceContext,
  nowMs: number,
  opts: HoldOptions,
): Hold | null {
  let best: Hold | null = null;
  for (const a of actor.assignments) {
    if (!opts.includeExpired && !isActive(a, nowMs)) continue;
    const hold = holdThrough(a, role, ctx, opts);
    if (hold && (!best || (hold.adminLevel && !best.adminLevel))) {
      best = hold;
      if (best.adminLevel) break;
    }
  }
  if (!best && role === 'reporter' && ctx.event && actor.attending?.includes(ctx.event.id)) {
    return {
      role,
      relation: null,
      assignment: null,
      attendee: true,
      adminLevel: false,
      system: false,
    };
  }
  return best;
}

function holdThrough(
  a: RoleAssignmentFact,
  role: Role,
  ctx: ResourceContext,
  opts: HoldOptions,
): Hold | null {
  if (systemRoles.has(role)) {
    if (opts.conduct || a.scopeType !== 'system' || a.role !== role) return null;
    return roleHold(role, a, false, true);
  }
  if (eventRoles.has(role)) {
    const event = ctx.event;
    if (!event) return null;
    if (a.scopeType === 'event') {
      if (a.scopeId !== event.id || !includesEventRole(a.role, role)) return null;
      return roleHold(role, a, a.role === 'event_admin', false);
    }
    if (!opts.leaders || !includesEventRole('event_admin', role)) return null;
    if (
      a.role === 'org_admin' &&
      a.scopeType === 'organization' &&
      a.scopeId === event.organization.id
    ) {
      return roleHold(role, a, true, false);
    }
    if (
      a.role === 'chapter_leader' &&
      a.scopeType === 'chapter' &&
      event.chapter &&
      a.scopeId === event.chapter.id
    ) {
      return roleHold(role, a, true, false);
    }
    return null;
  }
  if (a.role !== role) return null;
  // Leaders are admins of the events below them (SPEC §2): that carries them through a suspension.
  const leadsEvent = ctx.event !== null;
  switch (role) {
    case 'org_admin':
    case 'org_viewer':
      return a.scopeType === 'organization' && ctx.organization && a.scopeId === ctx.organization.id
        ? roleHold(role, a, role === 'org_admin' && leadsEvent, false)
        : null;
    case 'chapter_leader':
      return a.scopeType === 'chapter' && ctx.chapterId !== null && a.scopeId === ctx.chapterId
        ? roleHold(role, a, leadsEvent, false)
        : null;
    case 'region_leader':
      return a.scopeType === 'region' && ctx.regionId !== null && a.scopeId === ctx.regionId
        ? roleHold(role, a, false, false)
        : null;
    default:
      return null;
  }
}

const roleHold = (
  role: Role,
  assignment: RoleAssignmentFact,
  adminLevel: boolean,
  system: boolean,
): Hold => ({
  role,
  relation: null,
  assignment,
  attendee: false,
  adminLevel,
  system,
});

/** A hold through a relationship. */
export const relationHold = (relation: Relation): Hold => ({
  role: null,
  relation,
  assignment: null,
  attendee: false,
  adminLevel: false,
  system: false,
});
