import type { Condition, Grant } from './grants.js';

// Grants in words, shared by docs/permissions.md and explain().

export const conditionWords: Record<Condition, string> = {
  responder_scope: 'on reports assigned to them when responderScope = assigned',
  responders_can_assign: 'when respondersCanAssign',
  not_anonymous: 'unless the report is anonymous',
  event_published: 'when the event is published (active or archived)',
  event_pending_or_spam: 'when the event is pending approval or flagged as spam',
  event_open: 'while the event is active',
  rsvp_open: 'while RSVPs are open',
  intake_signed_in: 'when reportIntake is signed_in or anonymous',
  intake_anonymous: 'when reportIntake is anonymous',
  show_team_publicly: 'when showTeamPublicly',
  creation_open: 'when eventCreation = anyone',
  approval_not_required: 'when eventApproval = not_required',
  chapter_empty: 'when the chapter has no events',
  region_empty: 'when the region has no locations',
  location_unused: 'when no event uses the location',
  no_incident_data: 'when the event holds no incident data',
  comment_internal: 'for internal comments',
  still_sees_report: 'while they can still see the report',
};

/** A grant as people read it: "`responder` (on reports assigned to them when …)". */
export function grantWords(g: Grant): string {
  const who = g.role ? `\`${g.role}\`` : g.relation!.replaceAll('_', ' ');
  return g.when?.length ? `${who} (${g.when.map((c) => conditionWords[c]).join(', ')})` : who;
}
