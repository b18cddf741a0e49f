import { actions, type Action } from './actions.js';
import type { ActorFacts, EventStatus, Instant } from './facts.js';
import { allowedWhenArchived, grants, type Condition, type Grant } from './grants.js';
import { isActive, toMillis } from './holds.js';
import { includesEventRole } from './inheritance.js';
import type { Role } from './roles.js';
import type { EventSettings, OrganizationSettings } from './settings.js';

/**
 * A predicate on a listed row: the event it belongs to (status, flags, settings), its
 * organization's settings, or the actor's relationship to it. The server compiles each kind to SQL.
 */
export type Predicate =
  | { kind: 'status'; in: readonly EventStatus[] }
  | { kind: 'flag'; flag: 'suspended' | 'spam' | 'rsvpOpen'; value: boolean }
  | { kind: 'eventSetting'; setting: keyof EventSettings; in: readonly (string | boolean)[] }
  | { kind: 'orgSetting'; setting: keyof OrganizationSettings; in: readonly (string | boolean)[] }
  | { kind: 'anonymous'; value: boolean }
  | { kind: 'relation'; relation: 'author' | 'assignee' | 'creator'; userId: string }
  | { kind: 'anyOf'; of: readonly Predicate[] };

/** Where a clause applies: everywhere, or only in these organizations, chapters or events. */
export type ScopeFilter =
  { level: 'all' } | { level: 'organization' | 'chapter' | 'event'; ids: readonly string[] };

/** Rows in `scope` for which every predicate holds. */
export interface PlanClause {
  scope: ScopeFilter;
  where: readonly Predicate[];
  /** How the actor comes to this clause, for debugging: "org_admin → event_admin", "author". */
  via: string;
}

/** The rows an actor may see for an action: the union of its clauses (none: nothing). */
export interface ListPlan {
  action: Action;
  clauses: readonly PlanClause[];
}

interface PlanHold {
  scope: ScopeFilter;
  adminLevel: boolean;
  system: boolean;
  /** Reached through an org_admin / chapter_leader: subject to leadersSeeIncidents. */
  leader: boolean;
  /** For relationships: the row must relate to the actor so. */
  relation?: Predicate;
  via: string;
}

const allStatuses: readonly EventStatus[] = ['draft', 'pending_approval', 'active', 'archived'];

/**
 * The list plan for an action on events or reports: which scopes grant it outright, and which
 * only under conditions (own, assigned, a setting, the event's state). It is built from the same
 * grants as decide(), and a parity test holds the SQL made from it to decide()'s answers.
 */
export function listPlan(actor: ActorFacts, action: Action, now: Instant): ListPlan {
  const def = actions[action];
  if (def.on !== 'event' && def.on !== 'report') {
    throw new Error(`listPlan: ${action} is not an action on events or reports`);
  }
  const nowMs = toMillis(now);
  const clauses: PlanClause[] = [];
  for (const grant of grants[action] as readonly Grant[]) {
    const conditions = (grant.when ?? []).map((c) => conditionPredicate(c, actor));
    for (const hold of planHolds(actor, grant, nowMs, def.domain === 'conduct')) {
      const where: Predicate[] = [...conditions];
      if (hold.leader && def.incidentData) {
        where.push({ kind: 'orgSetting', setting: 'leadersSeeIncidents', in: [true] });
      }
      if (hold.relation) where.push(hold.relation);
      // The same gates as decide()'s gateFor(), as predicates on the event's state.
      if (!hold.system) where.push({ kind: 'flag', flag: 'spam', value: false });
      if (!hold.system && !hold.adminLevel)
        where.push({ kind: 'flag', flag: 'suspended', value: false });
      if (def.mutates && !allowedWhenArchived.has(action)) {
        where.push({ kind: 'status', in: allStatuses.filter((s) => s !== 'archived') });
      }
      clauses.push({ scope: hold.scope, where, via: hold.via });
    }
  }
  return { action, clauses };
}

function planHolds(actor: ActorFacts, grant: Grant, nowMs: number, conduct: boolean): PlanHold[] {
  const me = actor.userId;
  if (grant.relation) {
    const all = { level: 'all' } as const;
    switch (grant.relation) {
      case 'anyone':
        return [{ scope: all, adminLevel: false, system: false, leader: false, via: 'anyone' }];
      case 'signed_in':
        return me === null
          ? []
          : [{ scope: all, adminLevel: false, system: false, leader: false, via: 'signed_in' }];
      case 'author':
      case 'assignee':
      case 'creator': {
        if (me === null) return [];
        const relation = { kind: 'relation', relation: grant.relation, userId: me } as const;
        return [
          {
            scope: all,
            adminLevel: false,
            system: false,
            leader: false,
            relation,
            via: grant.relation,
          },
        ];
      }
      default:
        throw new Error(`listPlan: the relation ${grant.relation} cannot be listed`);
    }
  }
  const role = grant.role!;
  const holds: PlanHold[] = [];
  for (const a of actor.assignments) {
    if (!isActive(a, nowMs)) continue;
    const hold = planHold(a.role, a.scopeType, a.scopeId, role, conduct);
    if (hold) holds.push(hold);
  }
  if (role === 'reporter' && actor.attending?.length) {
    holds.push({
      scope: { level: 'event', ids: actor.attending },
      adminLevel: false,
      system: false,
      leader: false,
      via: 'attendee → reporter',
    });
  }
  return holds;
}

function planHold(
  held: Role,
  scopeType: string,
  scopeId: string | null,
  wanted: Role,
  conduct: boolean,
): PlanHold | null {
  const via = held === wanted ? held : `${held} → ${wanted}`;
  if (scopeType === 'system') {
    return !conduct && held === wanted
      ? { scope: { level: 'all' }, adminLevel: false, system: true, leader: false, via }
      : null;
  }
  if (scopeId === null) return null;
  if (scopeType === 'event') {
    return includesEventRole(held, wanted)
      ? {
          scope: { level: 'event', ids: [scopeId] },
          adminLevel: held === 'event_admin',
          system: false,
          leader: false,
          via,
        }
      : null;
  }
  const level =
    scopeType === 'organization' ? 'organization' : scopeType === 'chapter' ? 'chapter' : null;
  if (!level) return null;
  const isLeader =
    (held === 'org_admin' && level === 'organization') ||
    (held === 'chapter_leader' && level === 'chapter');
  // The role itself at its own scope (event.publish by org_admin), or a leader acting as event_admin.
  if (held === wanted || (isLeader && includesEventRole('event_admin', wanted))) {
    return {
      scope: { level, ids: [scopeId] },
      adminLevel: isLeader,
      system: false,
      leader: isLeader && held !== wanted,
      via,
    };
  }
  return null;
}

function conditionPredicate(c: Condition, actor: ActorFacts): Predicate {
  const me = actor.userId;
  switch (c) {
    case 'responder_scope':
      return {
        kind: 'anyOf',
        of: [
          { kind: 'eventSetting', setting: 'responderScope', in: ['all'] },
          ...(me === null ? [] : [{ kind: 'relation', relation: 'assignee', userId: me } as const]),
        ],
      };
    case 'responders_can_assign':
      return { kind: 'eventSetting', setting: 'respondersCanAssign', in: [true] };
    case 'not_anonymous':
      return { kind: 'anonymous', value: false };
    case 'event_published':
      return { kind: 'status', in: ['active', 'archived'] };
    case 'event_pending_or_spam':
      return {
        kind: 'anyOf',
        of: [
          { kind: 'status', in: ['pending_approval'] },
          { kind: 'flag', flag: 'spam', value: true },
        ],
      };
    case 'event_open':
      return { kind: 'status', in: ['active'] };
    case 'rsvp_open':
      return { kind: 'flag', flag: 'rsvpOpen', value: true };
    case 'intake_signed_in':
      return { kind: 'eventSetting', setting: 'reportIntake', in: ['signed_in', 'anonymous'] };
    case 'intake_anonymous':
      return { kind: 'eventSetting', setting: 'reportIntake', in: ['anonymous'] };
    case 'show_team_publicly':
      return { kind: 'eventSetting', setting: 'showTeamPublicly', in: [true] };
    case 'creation_open':
      return { kind: 'orgSetting', setting: 'eventCreation', in: ['anyone'] };
    case 'approval_not_required':
      return { kind: 'orgSetting', setting: 'eventApproval', in: ['not_required'] };
    default:
      throw new Error(`listPlan: the condition ${c} cannot be listed`);
  }
}
