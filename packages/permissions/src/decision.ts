import type { Action } from './actions.js';
import type { Condition } from './grants.js';
import type { Hold } from './holds.js';
import type { RoleAssignmentFact } from './facts.js';
import type { ResourceContext } from './context.js';

export type DecisionCode =
  | 'granted'
  | 'no_role'
  | 'not_signed_in'
  | 'expired'
  | 'event_suspended'
  | 'event_spam'
  | 'event_archived'
  | 'condition'
  | 'conduct_not_for_system_roles'
  | 'wrong_resource';

/** The answer to "may this actor do this action to this resource, now?" and why. */
export interface Decision {
  readonly allowed: boolean;
  readonly code: DecisionCode;
  readonly action: Action;
  /** The hold that granted access, or that came closest before a gate or condition refused it. */
  readonly hold: Hold | null;
  /** The condition that failed, for code `condition`. */
  readonly condition: Condition | null;
  /** The assignment that would have granted it, for code `expired`. */
  readonly expired: RoleAssignmentFact | null;
  /** One sentence for people: the path that granted access, or why it was denied. */
  readonly reason: string;
}

class DecisionImpl implements Decision {
  constructor(
    readonly allowed: boolean,
    readonly code: DecisionCode,
    readonly action: Action,
    readonly hold: Hold | null,
    readonly condition: Condition | null,
    readonly expired: RoleAssignmentFact | null,
    private readonly ctx: ResourceContext,
  ) {}

  // Built only when read: most decisions are only ever asked "allowed?".
  get reason(): string {
    return describe(this, this.ctx);
  }
}

export const allow = (action: Action, hold: Hold, ctx: ResourceContext): Decision =>
  new DecisionImpl(true, 'granted', action, hold, null, null, ctx);

/**
 * A denial whose explanation (an expired role? a system role facing conduct data?) is worked out
 * only when someone reads it: list filters and bulk checks ask only "allowed?".
 */
class LazyDenial implements Decision {
  readonly allowed = false;
  readonly hold = null;
  readonly condition = null;
  private resolved: Decision | null = null;
  constructor(
    readonly action: Action,
    private readonly explain: () => Decision,
  ) {}
  private get actual(): Decision {
    this.resolved ??= this.explain();
    return this.resolved;
  }
  get code(): DecisionCode {
    return this.actual.code;
  }
  get expired(): RoleAssignmentFact | null {
    return this.actual.expired;
  }
  get reason(): string {
    return this.actual.reason;
  }
}

export const denyLazily = (action: Action, explain: () => Decision): Decision =>
  new LazyDenial(action, explain);

export const deny = (
  action: Action,
  code: Exclude<DecisionCode, 'granted'>,
  ctx: ResourceContext,
  detail: {
    hold?: Hold | null;
    condition?: Condition | null;
    expired?: RoleAssignmentFact | null;
  } = {},
): Decision =>
  new DecisionImpl(
    false,
    code,
    action,
    detail.hold ?? null,
    detail.condition ?? null,
    detail.expired ?? null,
    ctx,
  );

const conditionText: Record<Condition, string> = {
  responder_scope: 'responderScope is "assigned" and this report is not assigned to them',
  responders_can_assign: 'respondersCanAssign is off for this event',
  not_anonymous: 'the report was submitted anonymously',
  event_published: 'the event is not published',
  event_pending_or_spam: 'the event is neither pending approval nor flagged as spam',
  event_open: 'the event is not active (it takes reports and RSVPs only while active)',
  rsvp_open: 'RSVPs are closed for this event',
  intake_signed_in: 'reportIntake is "members": only the team and attendees may report',
  intake_anonymous: 'reportIntake does not accept reports without an account',
  show_team_publicly: 'showTeamPublicly is off',
  creation_open: 'eventCreation is "admins"',
  approval_not_required:
    'eventApproval is "required": a publisher, chapter leader or organization admin must approve',
  chapter_empty: 'the chapter still has events',
  region_empty: 'the region still has locations',
  location_unused: 'an event uses this location',
  no_incident_data: 'the event holds incident data',
  comment_internal: 'only internal comments can be shared',
  still_sees_report: 'they no longer have access to the report',
};

const nameOf = (type: string, id: string | null, name?: string) =>
  name ?? `${type} ${id ?? ''}`.trim();

function eventName(ctx: ResourceContext): string {
  return ctx.event ? nameOf('event', ctx.event.id, ctx.event.name) : 'the event';
}

/** "org_admin of Org A → event_admin of Event X", "author of the report", "RSVP → reporter of X". */
export function describeHold(hold: Hold, ctx: ResourceContext): string {
  if (hold.relation)
    return hold.relation === 'anyone' ? 'anyone' : hold.relation.replaceAll('_', ' ');
  if (hold.attendee) return `attendee (RSVP) → reporter of ${eventName(ctx)}`;
  const a = hold.assignment!;
  const held =
    a.scopeType === 'system'
      ? a.role
      : `${a.role} of ${nameOf(a.scopeType, a.scopeId, a.scopeName)}`;
  if (a.role === hold.role) return held;
  if (a.scopeType === 'event') return `${held} ⊇ ${hold.role}`;
  const asAdmin = `${held} → event_admin of ${eventName(ctx)}`;
  return hold.role === 'event_admin' ? asAdmin : `${asAdmin} ⊇ ${hold.role}`;
}

function describe(d: Decision, ctx: ResourceContext): string {
  switch (d.code) {
    case 'granted':
      return `Allowed: ${describeHold(d.hold!, ctx)}.`;
    case 'no_role':
      return `Denied: no role or relationship grants ${d.action} here.`;
    case 'not_signed_in':
      return `Denied: ${d.action} needs a signed-in user.`;
    case 'expired': {
      const a = d.expired!;
      const at = a.expiresAt === null ? '' : new Date(a.expiresAt).toISOString();
      return `Denied: the role ${a.role} of ${nameOf(a.scopeType, a.scopeId, a.scopeName)} expired at ${at}.`;
    }
    case 'event_suspended':
      return `Denied: ${eventName(ctx)} is suspended; only its admins can open it.`;
    case 'event_spam':
      return `Denied: ${eventName(ctx)} is flagged as spam.`;
    case 'event_archived':
      return `Denied: ${eventName(ctx)} is archived (read-only).`;
    case 'condition':
      return `Denied: ${d.hold ? `${describeHold(d.hold, ctx)}, but ` : ''}${conditionText[d.condition!]}.`;
    case 'conduct_not_for_system_roles':
      return `Denied: conduct data (${d.action}) is never granted through system roles; an event role is needed.`;
    case 'wrong_resource':
      return `Denied: ${d.action} does not apply to a ${ctx.resource.type}.`;
  }
}
