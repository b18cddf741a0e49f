import type { Domain, ResourceType } from './resources.js';

export interface ActionDefinition {
  /** What the action is done to; decide() expects a resource of this type (or one of these). */
  on: ResourceType | readonly ResourceType[];
  domain: Domain;
  /** Reads or changes incident data (reports and what hangs off them): `leadersSeeIncidents`. */
  incidentData: boolean;
  /** Changes something; refused on archived (read-only) events. */
  mutates: boolean;
  /** The row of SPEC §4 it implements, in words, for docs/permissions.md. */
  summary: string;
}

const a = (
  on: ResourceType | readonly ResourceType[],
  domain: Domain,
  summary: string,
  flags: { incidentData?: boolean; mutates?: boolean } = {},
): ActionDefinition => ({
  on,
  domain,
  summary,
  incidentData: flags.incidentData ?? false,
  mutates: flags.mutates ?? true,
});
const read = { mutates: false } as const;
const incident = { incidentData: true } as const;
const incidentRead = { incidentData: true, mutates: false } as const;

/**
 * Every action Steward decides on, one per row of SPEC §4, under stable names. The names are an
 * API: the server, the web app, audit entries and docs/permissions.md all use them.
 */
export const actions = {
  // System and organization
  'system.organization.create': a('system', 'logistics', 'Create an organization'),
  'system.settings.manage': a('system', 'logistics', 'Manage system settings'),
  'system.audit.view': a('system', 'logistics', 'View the system audit log', read),
  'system.user.deactivate': a('system', 'logistics', 'Deactivate a user'),
  'system.user.reset_mfa': a('system', 'logistics', "Reset a user's two-factor authentication"),
  'system.roles.manage': a('system', 'logistics', 'Grant or revoke system_admin / publisher'),
  'system.directory.view': a(
    'system',
    'logistics',
    'List all organizations and events (names, status)',
    read,
  ),
  'organization.view': a(
    'organization',
    'logistics',
    'View organization details and member list (names, roles)',
    read,
  ),
  'organization.update': a('organization', 'logistics', 'Update organization settings and logo'),
  'organization.audit.view': a(
    'organization',
    'logistics',
    'View the organization audit log',
    read,
  ),
  'organization.analytics.view': a(
    'organization',
    'logistics',
    'View organization analytics',
    read,
  ),
  'organization.members.manage': a(
    'organization',
    'logistics',
    'Manage organization members, roles and invite links',
  ),
  'chapter.create': a('organization', 'logistics', 'Create a chapter'),
  'chapter.update': a('chapter', 'logistics', 'Update a chapter'),
  'chapter.leaders.manage': a('chapter', 'logistics', "Add or remove a chapter's leaders"),
  'chapter.delete': a('chapter', 'logistics', 'Delete a chapter (only when it has no events)'),
  'event.create': a(
    ['organization', 'chapter'],
    'logistics',
    'Create an event (in an organization, or in one of its chapters)',
  ),
  'event.view': a(
    'event',
    'logistics',
    'View an event: its public page when published; unpublished ones as SPEC lists',
    read,
  ),
  'event.publish': a('event', 'logistics', 'Publish (approve) an event'),
  'event.flag_spam': a('event', 'logistics', 'Flag an event as spam, or clear the flag'),
  'event.suspend': a('event', 'logistics', 'Suspend (disable) or re-enable an event'),

  // Event: logistics and team
  'event.update': a(
    'event',
    'logistics',
    'Update event details, dates, sessions, capacity, location',
  ),
  'event.settings.update': a(
    'event',
    'conduct',
    'Event settings: code of conduct, contact, logo, report types, policy settings',
  ),
  'event.activate': a('event', 'logistics', 'Activate an event (when approval is not required)'),
  'event.archive': a('event', 'logistics', 'Archive an event'),
  'event.delete': a('event', 'logistics', 'Delete an event (only without incident data)'),
  'event.team.view': a('event', 'conduct', 'View the team (names, roles)', read),
  'event.team.view_public': a(
    'event',
    'conduct',
    "See the CoC team's names on the public page",
    read,
  ),
  'event.team.manage': a(
    'event',
    'conduct',
    'Manage the team: assign, change, remove event roles, set expiry',
  ),
  'event.invites.manage': a(
    'event',
    'conduct',
    'Create and disable invite links; send email invitations',
  ),
  // The event's log names reporters and quotes the response to reports: incident data.
  'event.audit.view': a('event', 'conduct', 'View the event audit log', incidentRead),
  'event.checkiners.assign': a('event', 'logistics', 'Assign checkiners'),
  'event.attendees.view': a('event', 'logistics', 'View the attendee list', read),
  'event.attendees.message': a(
    'event',
    'logistics',
    "Send a message to the event's attendees (by email, through the platform)",
  ),
  'event.checkin': a('event', 'logistics', 'Check attendees in (sees attendee names)'),
  'event.rsvp': a('event', 'logistics', 'RSVP for oneself'),

  // Reports (conduct)
  'report.create': a('event', 'conduct', 'Submit a report'),
  'report.view': a('report', 'conduct', 'View the report', incidentRead),
  'report.reporter.view': a(
    'report',
    'conduct',
    'View reporter identity and contact details',
    incidentRead,
  ),
  'report.update.description': a('report', 'conduct', 'Edit title and description', incident),
  'report.update.contact': a('report', 'conduct', 'Edit contact preference', incident),
  'report.update.details': a(
    'report',
    'conduct',
    'Edit type, location, incident time, parties',
    incident,
  ),
  'report.update.severity': a('report', 'conduct', 'Edit severity', incident),
  'report.state.change': a('report', 'conduct', 'Change state', incident),
  'report.assign': a('report', 'conduct', 'Assign and unassign', incident),
  'report.comment.external.create': a(
    'report',
    'conduct',
    'Add an external comment (seen by the author)',
    incident,
  ),
  'report.comment.internal.create': a('report', 'conduct', 'Add an internal comment', incident),
  'report.comment.internal.view': a('report', 'conduct', 'View internal comments', incidentRead),
  'report.comment.internal.share': a(
    'comment',
    'conduct',
    'Share an internal comment with the author',
    incident,
  ),
  'report.comment.update': a('comment', 'conduct', 'Edit a comment (its writer)', incident),
  'report.comment.delete': a('comment', 'conduct', 'Delete a comment', incident),
  'report.evidence.upload': a('report', 'conduct', 'Upload evidence', incident),
  'report.evidence.delete': a('evidence', 'conduct', 'Delete evidence', incident),
  'report.delete': a('report', 'conduct', 'Delete a report (soft, audited)', incident),
  'report.export': a('event', 'conduct', 'Export reports (CSV)', incidentRead),
  'report.access_log.view': a(
    'report',
    'conduct',
    'See who has viewed a report (access log)',
    incidentRead,
  ),

  // Regions and locations
  'region.create': a('system', 'logistics', 'Create a region'),
  'region.update': a('region', 'logistics', 'Update a region'),
  'region.leaders.manage': a('region', 'logistics', "Add or remove a region's leaders"),
  'region.delete': a('region', 'logistics', 'Delete a region (only when it has no locations)'),
  'location.create': a('system', 'logistics', 'Create a location'),
  'location.update_basic': a(
    'location',
    'logistics',
    "Update a location's basic details (name, address, region)",
  ),
  'location.private.view': a(
    'location',
    'logistics',
    "View a location's private details (contact, notes)",
    read,
  ),
  'location.private.update': a('location', 'logistics', "Update a location's private details"),
  'location.archive': a('location', 'logistics', 'Archive a location'),
  'location.delete': a('location', 'logistics', 'Delete a location (only when no event uses it)'),
} as const satisfies Record<string, ActionDefinition>;

export type Action = keyof typeof actions;
export const actionNames = Object.keys(actions) as Action[];
