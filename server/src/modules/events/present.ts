import {
  canGrant,
  decide,
  isActive,
  type Action,
  type ActorFacts,
  type EventFacts,
} from '@steward/permissions';
import type { Executor } from '../../db/connection.js';
import { toEventFacts } from '../../authz/facts.js';
import { presentEventSettings } from '../../http/policy-settings.js';
import { renderMarkdown } from '../../markdown.js';
import { countRoleHolders } from '../roles/repository.js';
import { latestOpenInvitation } from '../invitations/repository.js';
import { presentPending } from '../invitations/service.js';
import { locationRef } from '../locations/refs.js';
import type { EventRow } from './repository.js';

type EventRoleName = 'event_admin' | 'responder' | 'reporter' | 'checkiner';
const eventRoleOrder: readonly EventRoleName[] = [
  'event_admin',
  'responder',
  'checkiner',
  'reporter',
];

/**
 * The role badge of the event switcher: the actor's highest role in the event, and where it
 * comes from (the event itself, or inherited from its organization or chapter). A label for
 * people; access is decided by the engine, never from this.
 */
export function myRoleIn(actor: ActorFacts, event: EventFacts, now: number) {
  const live = actor.assignments.filter((a) => isActive(a, now));
  const explicit = live
    .filter((a) => a.scopeType === 'event' && a.scopeId === event.id)
    .map((a) => a.role as EventRoleName)
    .sort((a, b) => eventRoleOrder.indexOf(a) - eventRoleOrder.indexOf(b))[0];
  if (explicit === 'event_admin') return { role: explicit, via: 'event' as const, from: null };
  const org = live.find((a) => a.role === 'org_admin' && a.scopeId === event.organization.id);
  if (org) {
    return {
      role: 'event_admin' as const,
      via: 'organization' as const,
      from: event.organization.name ?? null,
    };
  }
  const chapter = event.chapter
    ? live.find((a) => a.role === 'chapter_leader' && a.scopeId === event.chapter!.id)
    : undefined;
  if (chapter) {
    return {
      role: 'event_admin' as const,
      via: 'chapter' as const,
      from: event.chapter!.name ?? null,
    };
  }
  if (explicit) return { role: explicit, via: 'event' as const, from: null };
  if (actor.attending?.includes(event.id))
    return { role: 'reporter' as const, via: 'event' as const, from: null };
  return null;
}

const logoUrl = (row: EventRow) =>
  row.logoUpdatedAt
    ? `/api/events/${row.event.id}/logo?v=${row.logoUpdatedAt.getTime().toString(36)}`
    : null;

/** An event in a list, with the actor's role in it and the counts they may see. */
export function presentSummary(row: EventRow, actor: ActorFacts, now = Date.now()) {
  const facts = toEventFacts(row);
  const e = row.event;
  return {
    id: e.id,
    name: e.name,
    slug: e.slug,
    status: facts.status,
    suspended: e.suspended,
    spam: e.spam,
    startsOn: e.startsOn,
    endsOn: e.endsOn,
    organization: { id: row.organization.id, name: row.organization.name },
    chapter: e.chapterId ? { id: e.chapterId, name: row.chapterName ?? '' } : null,
    myRole: myRoleIn(actor, facts, now),
    counts: {
      team: decide(actor, 'event.team.view', { type: 'event', ...facts }, now).allowed
        ? Number(row.teamCount)
        : null,
    },
  };
}

/**
 * What the actor may do with the event now, in its present state: a lifecycle verb is offered
 * only from the state it starts from, and only when the engine allows it.
 */
export function abilities(actor: ActorFacts, facts: EventFacts, eventAdmins: number, now: Date) {
  const resource = { type: 'event' as const, ...facts };
  const may = (action: Action) => decide(actor, action, resource, now).allowed;
  const status = facts.status;
  const approvalRequired = facts.organization.settings.eventApproval === 'required';
  const activate = status === 'draft' && may('event.activate');
  return {
    update: may('event.update'),
    updateSettings: may('event.settings.update'),
    submit: status === 'draft' && approvalRequired && !activate && may('event.update'),
    activate,
    approve: status === 'pending_approval' && may('event.publish'),
    archive: status === 'active' && may('event.archive'),
    suspend: !facts.suspended && may('event.suspend'),
    reinstate: facts.suspended && may('event.suspend'),
    flagSpam: !facts.spam && may('event.flag_spam'),
    clearSpam: facts.spam && may('event.flag_spam'),
    delete: may('event.delete'),
    viewTeam: may('event.team.view'),
    // The bootstrap invite: a system admin, while the event has no event_admin (SPEC §4).
    inviteFirstAdmin:
      canGrant(actor, 'event_admin', resource, { eventAdminCount: eventAdmins }, now).code ===
      'bootstrap',
    report: may('report.create'),
    // The queue is the team's: a responder of this event (whatever responderScope says about
    // which reports), an event admin, or a leader who may see incident data.
    listReports: decide(actor, 'report.comment.internal.view', teamProbe(facts), now).allowed,
    exportReports: may('report.export'),
    viewAudit: may('event.audit.view'),
    viewAttendees: may('event.attendees.view'),
    assignCheckiners: may('event.checkiners.assign'),
    checkIn: may('event.checkin'),
    rsvp: may('event.rsvp'),
  };
}

/** A report of the event as the team sees them all: no author, nobody assigned, scope all. */
export function teamProbe(facts: EventFacts) {
  return {
    type: 'report' as const,
    id: 'probe',
    event: { ...facts, settings: { ...facts.settings, responderScope: 'all' as const } },
    authorId: null,
    assigneeIds: [],
    anonymous: false,
  };
}

/** An event's page: details, settings with explanations, and what the actor may do. */
export async function presentEvent(db: Executor, actor: ActorFacts, row: EventRow) {
  const now = new Date();
  const facts = toEventFacts(row);
  const e = row.event;
  const eventAdmins = await countRoleHolders(db, 'event', e.id, 'event_admin');
  const can = abilities(actor, facts, eventAdmins, now);
  const invitation =
    can.inviteFirstAdmin || can.update
      ? await latestOpenInvitation(db, 'event', e.id, 'event_admin')
      : null;
  return {
    ...presentSummary(row, actor, now.getTime()),
    description: e.description,
    timeZone: e.timeZone,
    website: e.website,
    contactEmail: e.contactEmail,
    codeOfConduct: e.codeOfConduct,
    codeOfConductHtml: renderMarkdown(e.codeOfConduct),
    reportTypes: e.reportTypes,
    emailDetail: e.emailDetail as 'none' | 'title' | 'full',
    logoUrl: logoUrl(row),
    publishedAt: e.publishedAt ? e.publishedAt.toISOString() : null,
    createdAt: e.createdAt.toISOString(),
    settings: presentEventSettings(facts.settings),
    location: await locationRef(db, e.locationId),
    attendeeCapacity: e.attendeeCapacity,
    volunteerCapacity: e.volunteerCapacity,
    rsvpOpen: e.rsvpOpen,
    hasTeam: eventAdmins > 0,
    slugLocked: facts.hasIncidentData,
    adminInvitation: invitation && eventAdmins === 0 ? presentPending(invitation) : null,
    can,
  };
}

export { logoUrl as eventLogoUrl };
