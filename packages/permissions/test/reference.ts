import type {
  Action,
  ActorFacts,
  EventFacts,
  OrganizationFacts,
  ReportFacts,
  Resource,
} from '../src/index.js';

// A deliberately naive reference implementation of SPEC §2–§5 for the property tests. It shares
// no code and no data with the engine: it asks plain questions of the actor ("is this person an
// admin of this event?") and reads its own table of who may do what, transcribed from the SPEC.
// It is slow and obvious on purpose; the engine must agree with it on every random world.

type Standing =
  | 'admin' // event_admin of the event: explicit, or org_admin / chapter_leader above it
  | 'responder' // responder or above
  | 'reporter' // reporter or above, or an RSVP
  | 'checkiner'
  | 'orgadmin'
  | 'orgviewer'
  | 'chapterleader'
  | 'sysadmin'
  | 'publisher'
  | 'author'
  | 'assignee'
  | 'writer'
  | 'uploader'
  | 'creator'
  | 'signed_in'
  | 'anyone';

interface Rule {
  who: Standing;
  /** Extra requirement from a setting or the state of things, SPEC's ✔a, ✔s and "only when". */
  when?: (r: Resource, actor: ActorFacts, now: number) => boolean;
}

// --- The SPEC's conditions, written out ---------------------------------------------------------

const eventOf = (r: Resource): EventFacts | null => {
  switch (r.type) {
    case 'event':
      return r;
    case 'report':
      return r.event;
    case 'comment':
    case 'evidence':
      return r.report.event;
    default:
      return null;
  }
};
const reportOf = (r: Resource): ReportFacts | null =>
  r.type === 'report' ? r : r.type === 'comment' || r.type === 'evidence' ? r.report : null;
const orgOf = (r: Resource): OrganizationFacts | null =>
  r.type === 'organization'
    ? r
    : r.type === 'chapter'
      ? r.organization
      : (eventOf(r)?.organization ?? null);

const published = (r: Resource) => ['active', 'archived'].includes(eventOf(r)!.status);
const active = (r: Resource) => eventOf(r)!.status === 'active';
const scopeOk = (r: Resource, actor: ActorFacts) =>
  eventOf(r)!.settings.responderScope === 'all' ||
  (actor.userId !== null && reportOf(r)!.assigneeIds.includes(actor.userId));

const team: Rule[] = [{ who: 'admin' }, { who: 'responder', when: scopeOk }, { who: 'assignee' }];
const teamAndAuthor: Rule[] = [...team, { who: 'author' }];

/** Who may do what (SPEC §4), for actions on organizations, chapters, events and reports. */
export const referenceTable: Partial<Record<Action, Rule[]>> = {
  'organization.view': [{ who: 'sysadmin' }, { who: 'orgadmin' }, { who: 'orgviewer' }],
  'organization.update': [{ who: 'orgadmin' }],
  'organization.audit.view': [{ who: 'orgadmin' }],
  'organization.analytics.view': [{ who: 'orgadmin' }],
  'organization.members.manage': [{ who: 'orgadmin' }],
  'chapter.create': [{ who: 'sysadmin' }, { who: 'orgadmin' }],
  'chapter.update': [{ who: 'sysadmin' }, { who: 'orgadmin' }, { who: 'chapterleader' }],
  'chapter.leaders.manage': [{ who: 'sysadmin' }, { who: 'orgadmin' }, { who: 'chapterleader' }],
  'chapter.delete': [{ who: 'sysadmin', when: (r) => r.type === 'chapter' && r.eventCount === 0 }],
  'event.create': [
    { who: 'sysadmin' },
    { who: 'orgadmin' },
    { who: 'chapterleader' },
    { who: 'signed_in', when: (r) => orgOf(r)!.settings.eventCreation === 'anyone' },
  ],
  'event.view': [
    { who: 'anyone', when: published },
    { who: 'sysadmin' },
    {
      who: 'publisher',
      when: (r) => eventOf(r)!.status === 'pending_approval' || eventOf(r)!.spam,
    },
    { who: 'responder' },
    { who: 'creator' },
  ],
  'event.publish': [
    { who: 'sysadmin' },
    { who: 'publisher' },
    { who: 'orgadmin' },
    { who: 'chapterleader' },
  ],
  'event.flag_spam': [{ who: 'sysadmin' }, { who: 'publisher' }],
  'event.suspend': [{ who: 'sysadmin' }, { who: 'orgadmin' }],
  'event.update': [{ who: 'admin' }, { who: 'sysadmin' }],
  'event.settings.update': [{ who: 'admin' }],
  'event.activate': [
    { who: 'admin', when: (r) => orgOf(r)!.settings.eventApproval === 'not_required' },
    { who: 'sysadmin' },
    { who: 'publisher' },
    { who: 'orgadmin' },
    { who: 'chapterleader' },
  ],
  'event.archive': [{ who: 'admin' }],
  'event.delete': [{ who: 'admin', when: (r) => !eventOf(r)!.hasIncidentData }],
  'event.team.view': [{ who: 'responder' }],
  'event.team.view_public': [
    { who: 'responder' },
    { who: 'anyone', when: (r) => eventOf(r)!.settings.showTeamPublicly && published(r) },
  ],
  'event.team.manage': [{ who: 'admin' }],
  'event.invites.manage': [{ who: 'admin' }],
  'event.audit.view': [{ who: 'admin' }],
  'event.checkiners.assign': [{ who: 'admin' }],
  'event.attendees.view': [{ who: 'admin' }],
  'event.attendees.message': [{ who: 'admin' }],
  'event.checkin': [{ who: 'admin' }, { who: 'checkiner' }, { who: 'sysadmin' }],
  'event.rsvp': [{ who: 'signed_in', when: (r) => active(r) && eventOf(r)!.rsvpOpen }],
  'report.create': [
    { who: 'reporter', when: active },
    {
      who: 'signed_in',
      when: (r) => active(r) && eventOf(r)!.settings.reportIntake !== 'members',
    },
    {
      who: 'anyone',
      when: (r) => active(r) && eventOf(r)!.settings.reportIntake === 'anonymous',
    },
  ],
  'report.export': [{ who: 'admin' }],
  'report.view': teamAndAuthor,
  'report.reporter.view': teamAndAuthor,
  'report.update.description': [
    { who: 'admin' },
    { who: 'author', when: (r) => !reportOf(r)!.anonymous },
  ],
  'report.update.contact': [{ who: 'author' }],
  'report.update.details': teamAndAuthor,
  'report.update.severity': team,
  'report.state.change': team,
  'report.assign': [
    { who: 'admin' },
    {
      who: 'responder',
      when: (r, a) => eventOf(r)!.settings.respondersCanAssign && scopeOk(r, a),
    },
  ],
  'report.comment.external.create': teamAndAuthor,
  'report.comment.internal.create': team,
  'report.comment.internal.view': team,
  'report.comment.internal.share': team.map((rule) => ({
    who: rule.who,
    when: (r: Resource, a: ActorFacts, now: number) =>
      r.type === 'comment' && r.visibility === 'internal' && (rule.when?.(r, a, now) ?? true),
  })),
  'report.comment.update': [
    {
      who: 'writer',
      when: (r, a, now) =>
        r.type === 'comment' &&
        reference(
          a,
          r.visibility === 'internal' ? 'report.comment.internal.view' : 'report.view',
          { type: 'report', ...r.report },
          now,
        ),
    },
  ],
  'report.comment.delete': [{ who: 'admin' }],
  'report.evidence.upload': teamAndAuthor,
  'report.evidence.delete': [
    { who: 'admin' },
    {
      who: 'uploader',
      when: (r, a, now) =>
        r.type === 'evidence' && reference(a, 'report.view', { type: 'report', ...r.report }, now),
    },
  ],
  'report.delete': [{ who: 'admin' }],
  'report.access_log.view': [{ who: 'admin' }],
};

/**
 * Actions that read incident data: leaders reach them only where leadersSeeIncidents is on. The
 * event's audit log is one: it names reporters and records the response to reports.
 */
const incidentData = new Set<Action>(
  (Object.keys(referenceTable) as Action[]).filter(
    (a) => (a.startsWith('report.') && a !== 'report.create') || a === 'event.audit.view',
  ),
);
/** Conduct actions (SPEC §3): no system role ever counts for them. */
const conduct = (a: Action) =>
  a.startsWith('report.') ||
  [
    'event.settings.update',
    'event.team.view',
    'event.team.view_public',
    'event.team.manage',
    'event.invites.manage',
    'event.audit.view',
  ].includes(a);
/** Actions that only read: an archived event still allows them. */
const readOnly = new Set<Action>([
  'organization.view',
  'organization.audit.view',
  'organization.analytics.view',
  'event.view',
  'event.team.view',
  'event.team.view_public',
  'event.audit.view',
  'event.attendees.view',
  'report.view',
  'report.reporter.view',
  'report.comment.internal.view',
  'report.export',
  'report.access_log.view',
]);
/** Moderation still works on an archived event. */
const allowedOnArchive = new Set<Action>(['event.suspend', 'event.flag_spam']);

// --- The actor's standing, asked plainly ---------------------------------------------------------

function holds(actor: ActorFacts, now: number, role: string, scopeId: string | null): boolean {
  return actor.assignments.some(
    (a) =>
      a.role === role &&
      a.scopeId === scopeId &&
      (a.expiresAt === null ? true : +a.expiresAt > now),
  );
}

/** Whether the standing holds, and whether it is an admin-level or system standing. */
function standing(
  actor: ActorFacts,
  who: Standing,
  r: Resource,
  action: Action,
  now: number,
): { holds: boolean; admin: boolean; system: boolean } {
  const no = { holds: false, admin: false, system: false };
  const yes = (admin = false, system = false) => ({ holds: true, admin, system });
  const me = actor.userId;
  const event = eventOf(r);
  const org = orgOf(r);
  const report = reportOf(r);
  const chapterId = r.type === 'chapter' ? r.id : (event?.chapter?.id ?? null);
  const orgAdmin = org !== null && holds(actor, now, 'org_admin', org.id);
  const chapterLeader = chapterId !== null && holds(actor, now, 'chapter_leader', chapterId);
  // SPEC §2: org_admin and chapter_leader act as event_admin below them, except for incident
  // data when the organization switched leadersSeeIncidents off.
  const leader =
    event !== null &&
    (orgAdmin || chapterLeader) &&
    (!incidentData.has(action) || event.organization.settings.leadersSeeIncidents);
  const eventRole = (role: string) => event !== null && holds(actor, now, role, event.id);
  const admin = leader || eventRole('event_admin');
  switch (who) {
    case 'admin':
      return admin ? yes(true) : no;
    case 'responder':
      return admin ? yes(true) : eventRole('responder') ? yes() : no;
    case 'reporter':
      if (admin) return yes(true);
      return eventRole('responder') ||
        eventRole('reporter') ||
        (event !== null && !!actor.attending?.includes(event.id))
        ? yes()
        : no;
    case 'checkiner':
      return eventRole('checkiner') ? yes() : no;
    // Organization roles: a leader standing in an event's own scope is an admin of it.
    case 'orgadmin':
      return orgAdmin ? yes(event !== null) : no;
    case 'orgviewer':
      return org !== null && holds(actor, now, 'org_viewer', org.id) ? yes() : no;
    case 'chapterleader':
      return chapterLeader ? yes(event !== null) : no;
    case 'sysadmin':
      return !conduct(action) && holds(actor, now, 'system_admin', null) ? yes(false, true) : no;
    case 'publisher':
      return !conduct(action) && holds(actor, now, 'publisher', null) ? yes(false, true) : no;
    case 'author':
      return me !== null && report?.authorId === me ? yes() : no;
    case 'assignee':
      return me !== null && !!report?.assigneeIds.includes(me) ? yes() : no;
    case 'writer':
      return me !== null && r.type === 'comment' && r.writerId === me ? yes() : no;
    case 'uploader':
      return me !== null && r.type === 'evidence' && r.uploaderId === me ? yes() : no;
    case 'creator':
      return me !== null && event?.createdBy === me ? yes() : no;
    case 'signed_in':
      return me !== null ? yes() : no;
    case 'anyone':
      return yes();
  }
}

/** The reference answer: may `actor` do `action` to `r` at `now`? */
export function reference(actor: ActorFacts, action: Action, r: Resource, now: number): boolean {
  const rules = referenceTable[action];
  if (!rules) throw new Error(`the reference does not cover ${action}`);
  const event = eventOf(r);
  return rules.some((rule) => {
    const s = standing(actor, rule.who, r, action, now);
    if (!s.holds) return false;
    if (event) {
      // SPEC §8: spam hides the event from all but system roles; a suspended event is open
      // only to its admins (and system roles, for logistics); an archived one is read-only.
      if (event.spam && !s.system) return false;
      if (event.suspended && !s.system && !s.admin) return false;
      if (event.status === 'archived' && !readOnly.has(action) && !allowedOnArchive.has(action))
        return false;
    }
    return rule.when ? rule.when(r, actor, now) : true;
  });
}

export const referenceActions = Object.keys(referenceTable) as Action[];
