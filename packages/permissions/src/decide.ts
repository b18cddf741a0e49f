import { actions, type Action, type ActionDefinition } from './actions.js';
import { contextOf, type ResourceContext } from './context.js';
import { allow, deny, denyLazily, type Decision } from './decision.js';
import type { ActorFacts, Instant, Resource } from './facts.js';
import {
  allowedWhenArchived,
  grants,
  type Condition,
  type Grant,
  type Relation,
} from './grants.js';
import { findRoleHold, relationHold, toMillis, type Hold, type HoldOptions } from './holds.js';

type Gate = 'event_spam' | 'event_suspended' | 'event_archived';

/**
 * Decides whether `actor` may do `action` to `resource` at instant `now`. Default deny: access
 * exists only through a grant of SPEC §4 whose holder, conditions and event state all agree.
 */
export function decide(
  actor: ActorFacts,
  action: Action,
  resource: Resource,
  now: Instant,
): Decision {
  const def: ActionDefinition = actions[action];
  const ctx = contextOf(resource);
  if (!appliesTo(def, resource)) return deny(action, 'wrong_resource', ctx);
  const nowMs = toMillis(now);
  const opts = holdOptions(def, ctx);

  // The first refusal met on the way is the most telling reason if nothing grants access.
  let refusal: Decision | null = null;
  for (const grant of grants[action] as readonly Grant[]) {
    const hold = grant.role
      ? findRoleHold(actor, grant.role, ctx, nowMs, opts)
      : holdsRelation(actor, grant.relation!, ctx, nowMs);
    if (!hold) continue;
    const gate = gateFor(def, action, ctx, hold);
    if (gate) {
      refusal ??= deny(action, gate, ctx, { hold });
      continue;
    }
    const failed = failedCondition(grant, actor, ctx, nowMs);
    if (failed) {
      refusal ??= deny(action, 'condition', ctx, { hold, condition: failed });
      continue;
    }
    return allow(action, hold, ctx);
  }
  return refusal ?? denyLazily(action, () => explainMissing(actor, action, def, ctx, nowMs, opts));
}

function failedCondition(
  grant: Grant,
  actor: ActorFacts,
  ctx: ResourceContext,
  nowMs: number,
): Condition | null {
  const when = grant.when;
  if (!when) return null;
  for (let i = 0; i < when.length; i++) {
    if (!conditionHolds(when[i]!, actor, ctx, nowMs)) return when[i]!;
  }
  return null;
}

/** A throwing-free boolean shortcut for callers that need no reason. */
export const can = (actor: ActorFacts, action: Action, resource: Resource, now: Instant): boolean =>
  decide(actor, action, resource, now).allowed;

function appliesTo(def: ActionDefinition, resource: Resource): boolean {
  return typeof def.on === 'string' ? def.on === resource.type : def.on.includes(resource.type);
}

/** How roles may be held for this action: conduct never via system roles; leaders per setting. */
export function holdOptions(def: ActionDefinition, ctx: ResourceContext): HoldOptions {
  const leadersSeeIncidents = ctx.organization?.settings.leadersSeeIncidents ?? true;
  return holdOptionTable[def.domain === 'conduct' ? 1 : 0][
    !def.incidentData || leadersSeeIncidents ? 1 : 0
  ];
}

// The four combinations, made once: decide() runs in hot loops.
const holdOptionTable = [
  [
    { conduct: false, leaders: false },
    { conduct: false, leaders: true },
  ],
  [
    { conduct: true, leaders: false },
    { conduct: true, leaders: true },
  ],
] as const satisfies readonly (readonly HoldOptions[])[];

/**
 * The state of the event a resource belongs to: spam hides it from everyone but system roles;
 * a suspension leaves it only to its admins (and system roles); an archive makes it read-only.
 */
export function gateFor(
  def: ActionDefinition,
  action: Action,
  ctx: ResourceContext,
  hold: Hold,
): Gate | null {
  const event = ctx.event;
  if (!event) return null;
  if (event.spam && !hold.system) return 'event_spam';
  if (event.suspended && !hold.system && !hold.adminLevel) return 'event_suspended';
  if (event.status === 'archived' && def.mutates && !allowedWhenArchived.has(action))
    return 'event_archived';
  return null;
}

function holdsRelation(
  actor: ActorFacts,
  relation: Relation,
  ctx: ResourceContext,
  nowMs: number,
): Hold | null {
  const me = actor.userId;
  const r = ctx.resource;
  switch (relation) {
    case 'anyone':
      return relationHold(relation);
    case 'signed_in':
      return me !== null ? relationHold(relation) : null;
    case 'author':
      return me !== null && ctx.report?.authorId === me ? relationHold(relation) : null;
    case 'assignee':
      return me !== null && ctx.report?.assigneeIds.includes(me) ? relationHold(relation) : null;
    case 'writer':
      return me !== null && r.type === 'comment' && r.writerId === me
        ? relationHold(relation)
        : null;
    case 'uploader':
      return me !== null && r.type === 'evidence' && r.uploaderId === me
        ? relationHold(relation)
        : null;
    case 'creator':
      return me !== null && ctx.event?.createdBy === me ? relationHold(relation) : null;
    case 'event_admin_of_published_event_here':
      if (r.type !== 'location') return null;
      return r.events.some(
        (e) =>
          (e.status === 'active' || e.status === 'archived') &&
          !e.spam &&
          findRoleHold(actor, 'event_admin', contextOf({ type: 'event', ...e }), nowMs, {
            conduct: false,
            leaders: true,
          }) !== null,
      )
        ? relationHold(relation)
        : null;
    case 'event_editor_here':
      if (r.type !== 'location') return null;
      return r.events.some(
        (e) => decide(actor, 'event.update', { type: 'event', ...e }, nowMs).allowed,
      )
        ? relationHold(relation)
        : null;
  }
}

/** Evaluates one condition of a grant against the settings and state in the facts. */
export function conditionHolds(
  c: Condition,
  actor: ActorFacts,
  ctx: ResourceContext,
  nowMs: number,
): boolean {
  const event = ctx.event;
  const r = ctx.resource;
  switch (c) {
    case 'responder_scope':
      return (
        !!event &&
        (event.settings.responderScope === 'all' ||
          (actor.userId !== null && !!ctx.report?.assigneeIds.includes(actor.userId)))
      );
    case 'responders_can_assign':
      return !!event?.settings.respondersCanAssign;
    case 'not_anonymous':
      return !!ctx.report && !ctx.report.anonymous;
    case 'event_published':
      return event?.status === 'active' || event?.status === 'archived';
    case 'event_pending_or_spam':
      return !!event && (event.status === 'pending_approval' || event.spam);
    case 'event_open':
      return event?.status === 'active';
    case 'rsvp_open':
      return !!event?.rsvpOpen;
    case 'intake_signed_in':
      return (
        event?.settings.reportIntake === 'signed_in' || event?.settings.reportIntake === 'anonymous'
      );
    case 'intake_anonymous':
      return event?.settings.reportIntake === 'anonymous';
    case 'show_team_publicly':
      return !!event?.settings.showTeamPublicly;
    case 'creation_open':
      return ctx.organization?.settings.eventCreation === 'anyone';
    case 'approval_not_required':
      return ctx.organization?.settings.eventApproval === 'not_required';
    case 'chapter_empty':
      return r.type === 'chapter' && r.eventCount === 0;
    case 'region_empty':
      return r.type === 'region' && r.locationCount === 0;
    case 'location_unused':
      return r.type === 'location' && r.events.length === 0;
    case 'no_incident_data':
      return !!event && !event.hasIncidentData;
    case 'comment_internal':
      return r.type === 'comment' && r.visibility === 'internal';
    case 'still_sees_report': {
      if (!ctx.report) return false;
      const report = { type: 'report' as const, ...ctx.report };
      const needed =
        r.type === 'comment' && r.visibility === 'internal'
          ? 'report.comment.internal.view'
          : 'report.view';
      return decide(actor, needed, report, nowMs).allowed;
    }
  }
}

/** Why nothing granted access: an expired role, a system role facing conduct data, or nothing. */
function explainMissing(
  actor: ActorFacts,
  action: Action,
  def: ActionDefinition,
  ctx: ResourceContext,
  nowMs: number,
  opts: HoldOptions,
): Decision {
  for (const grant of grants[action] as readonly Grant[]) {
    if (!grant.role) continue;
    const hold = findRoleHold(actor, grant.role, ctx, nowMs, { ...opts, includeExpired: true });
    if (hold?.assignment) return deny(action, 'expired', ctx, { expired: hold.assignment });
  }
  if (def.domain === 'conduct' && actor.assignments.some((a) => a.scopeType === 'system')) {
    return deny(action, 'conduct_not_for_system_roles', ctx);
  }
  if (
    actor.userId === null &&
    (grants[action] as readonly Grant[]).some((g) => g.relation !== 'anyone')
  ) {
    return deny(action, 'not_signed_in', ctx);
  }
  return deny(action, 'no_role', ctx);
}
