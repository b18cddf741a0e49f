import type { Action } from './actions.js';
import type { Role } from './roles.js';

/**
 * Relationships that act like roles without being stored as role assignments (SPEC §2), and the
 * two audiences that need no relationship at all.
 */
export type Relation =
  | 'anyone' // also people who are not signed in
  | 'signed_in'
  | 'author' // of the report
  | 'assignee' // of the report
  | 'writer' // of the comment
  | 'uploader' // of the evidence
  | 'creator' // of the event
  | 'event_admin_of_published_event_here' // location: event_admin of a published event held there
  | 'event_editor_here'; // location: may update an event held there

/** Conditions a grant may carry; each names the setting or state it reads (see conditions.ts). */
export type Condition =
  | 'responder_scope' // ✔a: responderScope is `all`, or the report is assigned to the actor
  | 'responders_can_assign' // ✔s: respondersCanAssign
  | 'not_anonymous' // the report was not submitted anonymously
  | 'event_published' // active or archived: the public page exists
  | 'event_pending_or_spam' // what a publisher reviews
  | 'event_open' // active: accepting reports and RSVPs
  | 'rsvp_open'
  | 'intake_signed_in' // reportIntake is signed_in or anonymous
  | 'intake_anonymous' // reportIntake is anonymous
  | 'show_team_publicly'
  | 'creation_open' // eventCreation is anyone
  | 'approval_not_required' // eventApproval is not_required
  | 'chapter_empty'
  | 'region_empty'
  | 'location_unused'
  | 'no_incident_data'
  | 'comment_internal'
  | 'still_sees_report'; // the writer / uploader can still see the report (and the comment)

export interface Grant {
  /** Held at the resource's scope, with inheritance (event_admin ⊇ responder ⊇ reporter, ...). */
  role?: Role;
  relation?: Relation;
  when?: readonly Condition[];
}

const role = (r: Role, ...when: Condition[]): Grant =>
  when.length ? { role: r, when } : { role: r };
const rel = (r: Relation, ...when: Condition[]): Grant =>
  when.length ? { relation: r, when } : { relation: r };

const systemAdmin = [role('system_admin')];
// ✔ event_admin, ✔a responder, ✔ assignee: the common shape of the report rows.
const team = [role('event_admin'), role('responder', 'responder_scope'), rel('assignee')];
const teamAndAuthor = [...team, rel('author')];

/**
 * Who may do what: the default grants of SPEC §4, one list per action. Inherited roles are not
 * repeated (org_admin and chapter_leader reach events as event_admin; event_admin holds
 * responder, which holds reporter). No conduct action lists a system role (checked by tests).
 */
export const grants = {
  'system.organization.create': systemAdmin,
  'system.settings.manage': systemAdmin,
  'system.audit.view': systemAdmin,
  'system.user.deactivate': systemAdmin,
  'system.user.reset_mfa': systemAdmin,
  'system.roles.manage': systemAdmin,
  'system.directory.view': systemAdmin,
  'organization.view': [role('system_admin'), role('org_admin'), role('org_viewer')],
  'organization.update': [role('org_admin')],
  'organization.audit.view': [role('org_admin')],
  'organization.analytics.view': [role('org_admin')],
  // A system admin names only the first org_admin, at creation: canGrant's bootstrap rule.
  'organization.members.manage': [role('org_admin')],
  'chapter.create': [role('system_admin'), role('org_admin')],
  'chapter.update': [role('system_admin'), role('org_admin'), role('chapter_leader')],
  'chapter.leaders.manage': [role('system_admin'), role('org_admin'), role('chapter_leader')],
  'chapter.delete': [role('system_admin', 'chapter_empty')],
  'event.create': [
    role('system_admin'),
    role('org_admin'),
    role('chapter_leader'),
    rel('signed_in', 'creation_open'),
  ],
  'event.view': [
    rel('anyone', 'event_published'),
    role('system_admin'),
    role('publisher', 'event_pending_or_spam'),
    role('responder'),
    rel('creator'),
  ],
  'event.publish': [
    role('system_admin'),
    role('publisher'),
    role('org_admin'),
    role('chapter_leader'),
  ],
  'event.flag_spam': [role('system_admin'), role('publisher')],
  'event.suspend': [role('system_admin'), role('org_admin')],

  'event.update': [role('event_admin'), role('system_admin')],
  'event.settings.update': [role('event_admin')],
  'event.activate': [
    role('event_admin', 'approval_not_required'),
    role('system_admin'),
    role('publisher'),
    role('org_admin'),
    role('chapter_leader'),
  ],
  'event.archive': [role('event_admin')],
  'event.delete': [role('event_admin', 'no_incident_data')],
  'event.team.view': [role('responder')],
  'event.team.view_public': [
    role('responder'),
    rel('anyone', 'show_team_publicly', 'event_published'),
  ],
  'event.team.manage': [role('event_admin')],
  'event.invites.manage': [role('event_admin')],
  'event.audit.view': [role('event_admin')],
  'event.checkiners.assign': [role('event_admin')],
  'event.attendees.view': [role('event_admin')],
  'event.attendees.message': [role('event_admin')],
  'event.checkin': [role('event_admin'), role('checkiner'), role('system_admin')],
  'event.rsvp': [rel('signed_in', 'event_open', 'rsvp_open')],

  'report.create': [
    role('reporter', 'event_open'),
    rel('signed_in', 'event_open', 'intake_signed_in'),
    rel('anyone', 'event_open', 'intake_anonymous'),
  ],
  'report.view': teamAndAuthor,
  'report.reporter.view': teamAndAuthor,
  'report.update.description': [role('event_admin'), rel('author', 'not_anonymous')],
  'report.update.contact': [rel('author')],
  'report.update.details': teamAndAuthor,
  'report.update.severity': team,
  'report.state.change': team,
  'report.assign': [
    role('event_admin'),
    role('responder', 'responders_can_assign', 'responder_scope'),
  ],
  'report.comment.external.create': teamAndAuthor,
  'report.comment.internal.create': team,
  'report.comment.internal.view': team,
  'report.comment.internal.share': [
    role('event_admin', 'comment_internal'),
    role('responder', 'responder_scope', 'comment_internal'),
    rel('assignee', 'comment_internal'),
  ],
  'report.comment.update': [rel('writer', 'still_sees_report')],
  'report.comment.delete': [role('event_admin')],
  'report.evidence.upload': teamAndAuthor,
  'report.evidence.delete': [role('event_admin'), rel('uploader', 'still_sees_report')],
  'report.delete': [role('event_admin')],
  'report.export': [role('event_admin')],
  'report.access_log.view': [role('event_admin')],

  'region.create': [rel('signed_in')],
  'region.update': [role('region_leader'), role('system_admin')],
  'region.leaders.manage': [role('region_leader'), role('system_admin')],
  'region.delete': [rel('signed_in', 'region_empty')],
  'location.create': [rel('signed_in')],
  'location.update_basic': [
    rel('signed_in', 'location_unused'),
    rel('event_admin_of_published_event_here'),
    role('region_leader'),
    role('system_admin'),
  ],
  'location.private.view': [role('region_leader'), role('system_admin')],
  'location.private.update': [role('region_leader'), role('system_admin')],
  'location.archive': [rel('event_editor_here'), role('region_leader'), role('system_admin')],
  'location.delete': [rel('signed_in', 'location_unused')],
} as const satisfies Record<Action, readonly Grant[]>;

/** Actions that still work on an archived (read-only) event: the moderation flags. */
export const allowedWhenArchived: ReadonlySet<Action> = new Set([
  'event.suspend',
  'event.flag_spam',
]);
