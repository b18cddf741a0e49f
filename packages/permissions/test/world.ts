import {
  defaultEventSettings,
  defaultOrganizationSettings,
  type ActorFacts,
  type EventFacts,
  type OrganizationFacts,
  type ReportFacts,
  type Resource,
  type RoleAssignmentFact,
} from '../src/index.js';

// A small fixed world for the default-deny matrix: two organizations, a chapter, three events,
// one report with its comments and evidence, a region with a location.

export const NOW = Date.parse('2026-06-01T12:00:00Z');

export function organization(
  id: string,
  settings: Partial<OrganizationFacts['settings']> = {},
): OrganizationFacts {
  return { id, name: `Org ${id}`, settings: { ...defaultOrganizationSettings, ...settings } };
}

export function event(
  id: string,
  org: OrganizationFacts,
  chapterId: string | null,
  over: Partial<Omit<EventFacts, 'settings'>> & { settings?: Partial<EventFacts['settings']> } = {},
): EventFacts {
  const { settings, ...rest } = over;
  return {
    id,
    name: `Event ${id}`,
    organization: org,
    chapter: chapterId ? { id: chapterId, name: `Chapter ${chapterId}` } : null,
    status: 'active',
    suspended: false,
    spam: false,
    rsvpOpen: true,
    createdBy: 'u-eventadmin',
    hasIncidentData: true,
    ...rest,
    settings: { ...defaultEventSettings, ...settings },
  };
}

const role = (
  role: RoleAssignmentFact['role'],
  scopeType: RoleAssignmentFact['scopeType'],
  scopeId: string | null,
  expiresAt: number | null = null,
): RoleAssignmentFact => ({
  role,
  scopeType,
  scopeId,
  expiresAt,
});

/** Every kind of actor the matrix has a row for. */
export const actors = {
  anon: { userId: null, assignments: [] },
  user: { userId: 'u-user', assignments: [] },
  sysadmin: { userId: 'u-sysadmin', assignments: [role('system_admin', 'system', null)] },
  publisher: { userId: 'u-publisher', assignments: [role('publisher', 'system', null)] },
  orgadmin: { userId: 'u-orgadmin', assignments: [role('org_admin', 'organization', 'org-a')] },
  orgviewer: { userId: 'u-orgviewer', assignments: [role('org_viewer', 'organization', 'org-a')] },
  chapterleader: {
    userId: 'u-chapterleader',
    assignments: [role('chapter_leader', 'chapter', 'ch-a1')],
  },
  eventadmin: { userId: 'u-eventadmin', assignments: [role('event_admin', 'event', 'ev-x')] },
  responder: { userId: 'u-responder', assignments: [role('responder', 'event', 'ev-x')] },
  reporter: { userId: 'u-reporter', assignments: [role('reporter', 'event', 'ev-x')] },
  checkiner: { userId: 'u-checkiner', assignments: [role('checkiner', 'event', 'ev-x')] },
  attendee: { userId: 'u-attendee', assignments: [], attending: ['ev-x'] },
  author: { userId: 'u-author', assignments: [] }, // left the event: keeps their own report
  assignee: { userId: 'u-assignee', assignments: [] }, // assigned, whatever their role
  expiredadmin: {
    userId: 'u-expired',
    assignments: [role('event_admin', 'event', 'ev-x', NOW - 1000)],
  },
  othereventadmin: { userId: 'u-other-event', assignments: [role('event_admin', 'event', 'ev-y')] },
  otherorgadmin: {
    userId: 'u-other-org',
    assignments: [role('org_admin', 'organization', 'org-b')],
  },
  otherorgeventadmin: {
    userId: 'u-other-org-event',
    assignments: [role('event_admin', 'event', 'ev-z')],
  },
  regionleader: {
    userId: 'u-regionleader',
    assignments: [role('region_leader', 'region', 'rg-g')],
  },
} satisfies Record<string, ActorFacts>;

export type ActorName = keyof typeof actors;
export const actorNames = Object.keys(actors) as ActorName[];

export interface WorldOptions {
  org?: Partial<OrganizationFacts['settings']>;
  event?: Parameters<typeof event>[3];
  report?: Partial<Omit<ReportFacts, 'event'>>;
  chapterEventCount?: number;
  regionLocationCount?: number;
  locationUsed?: boolean;
}

/** The resources of the world, one per resource type an action can name. */
export function world(o: WorldOptions = {}) {
  const orgA = organization('org-a', o.org);
  const x = event('ev-x', orgA, 'ch-a1', o.event);
  const report: ReportFacts = {
    id: 'rp-1',
    event: x,
    authorId: 'u-author',
    assigneeIds: ['u-assignee'],
    anonymous: false,
    ...o.report,
  };
  const resources = {
    system: { type: 'system' },
    organization: { type: 'organization', ...orgA },
    chapter: {
      type: 'chapter',
      id: 'ch-a1',
      name: 'Chapter A1',
      organization: orgA,
      eventCount: o.chapterEventCount ?? 1,
    },
    event: { type: 'event', ...x },
    report: { type: 'report', ...report },
    internalComment: {
      type: 'comment',
      id: 'cm-1',
      report,
      writerId: 'u-responder',
      visibility: 'internal',
    },
    externalComment: {
      type: 'comment',
      id: 'cm-2',
      report,
      writerId: 'u-author',
      visibility: 'external',
    },
    evidence: { type: 'evidence', id: 'ev-1', report, uploaderId: 'u-author' },
    region: {
      type: 'region',
      id: 'rg-g',
      name: 'Region G',
      locationCount: o.regionLocationCount ?? 1,
    },
    location: {
      type: 'location',
      id: 'lc-1',
      name: 'Hall',
      region: { id: 'rg-g' },
      events: o.locationUsed === false ? [] : [x],
    },
  } satisfies Record<string, Resource>;
  return resources;
}
