import { describe, expect, it } from 'vitest';
import { actionNames, decide, type Action } from '../src/index.js';
import { actorNames, actors, NOW, world, type ActorName, type WorldOptions } from './world.js';

// The default-deny matrix. Every expectation below was transcribed by hand from SPEC §4–§6, not
// derived from the grants data: a change to the grants that the SPEC does not back fails here.

type ResourceKey = keyof ReturnType<typeof world>;

const leaders = ['eventadmin', 'orgadmin', 'chapterleader'] as const; // event_admin, explicit or inherited
const signedIn = actorNames.filter((a) => a !== 'anon');
const everyone = actorNames;
const none: ActorName[] = [];

/** Each action: the resource it is tried on, and who may do it in the default world. */
const defaults: Record<Action, [ResourceKey, readonly ActorName[]]> = {
  // System and organization
  'system.organization.create': ['system', ['sysadmin']],
  'system.settings.manage': ['system', ['sysadmin']],
  'system.audit.view': ['system', ['sysadmin']],
  'system.user.deactivate': ['system', ['sysadmin']],
  'system.user.reset_mfa': ['system', ['sysadmin']],
  'system.roles.manage': ['system', ['sysadmin']],
  'system.directory.view': ['system', ['sysadmin']],
  'organization.view': ['organization', ['sysadmin', 'orgadmin', 'orgviewer']],
  'organization.update': ['organization', ['orgadmin']],
  'organization.audit.view': ['organization', ['orgadmin']],
  'organization.analytics.view': ['organization', ['orgadmin']],
  'organization.members.manage': ['organization', ['orgadmin']],
  'chapter.create': ['organization', ['sysadmin', 'orgadmin']],
  'chapter.update': ['chapter', ['sysadmin', 'orgadmin', 'chapterleader']],
  'chapter.leaders.manage': ['chapter', ['sysadmin', 'orgadmin', 'chapterleader']],
  'chapter.delete': ['chapter', none], // it has an event
  'event.create': ['chapter', ['sysadmin', 'orgadmin', 'chapterleader']],
  'event.view': ['event', everyone], // active: the public page
  'event.publish': ['event', ['sysadmin', 'publisher', 'orgadmin', 'chapterleader']],
  'event.flag_spam': ['event', ['sysadmin', 'publisher']],
  'event.suspend': ['event', ['sysadmin', 'orgadmin']],
  // Event: logistics and team
  'event.update': ['event', [...leaders, 'sysadmin']],
  'event.settings.update': ['event', leaders],
  'event.activate': ['event', [...leaders, 'sysadmin', 'publisher']],
  'event.archive': ['event', leaders],
  'event.delete': ['event', none], // it holds incident data
  'event.team.view': ['event', [...leaders, 'responder']],
  'event.team.view_public': ['event', [...leaders, 'responder']],
  'event.team.manage': ['event', leaders],
  'event.invites.manage': ['event', leaders],
  'event.audit.view': ['event', leaders],
  'event.checkiners.assign': ['event', leaders],
  'event.attendees.view': ['event', leaders],
  'event.attendees.message': ['event', leaders],
  'event.checkin': ['event', [...leaders, 'checkiner', 'sysadmin']],
  'event.rsvp': ['event', signedIn],
  // Reports
  'report.create': ['event', [...leaders, 'responder', 'reporter', 'attendee']],
  'report.view': ['report', [...leaders, 'responder', 'assignee', 'author']],
  'report.reporter.view': ['report', [...leaders, 'responder', 'assignee', 'author']],
  'report.update.description': ['report', [...leaders, 'author']],
  'report.update.contact': ['report', ['author']],
  'report.update.details': ['report', [...leaders, 'responder', 'assignee', 'author']],
  'report.update.severity': ['report', [...leaders, 'responder', 'assignee']],
  'report.state.change': ['report', [...leaders, 'responder', 'assignee']],
  'report.assign': ['report', [...leaders, 'responder']],
  'report.comment.external.create': ['report', [...leaders, 'responder', 'assignee', 'author']],
  'report.comment.internal.create': ['report', [...leaders, 'responder', 'assignee']],
  'report.comment.internal.view': ['report', [...leaders, 'responder', 'assignee']],
  'report.comment.internal.share': ['internalComment', [...leaders, 'responder', 'assignee']],
  'report.comment.update': ['internalComment', ['responder']], // its writer
  'report.comment.delete': ['internalComment', leaders],
  'report.evidence.upload': ['report', [...leaders, 'responder', 'assignee', 'author']],
  'report.evidence.delete': ['evidence', [...leaders, 'author']], // the author uploaded it
  'report.delete': ['report', leaders],
  'report.export': ['event', leaders],
  'report.access_log.view': ['report', leaders],
  // Regions and locations
  'region.create': ['system', signedIn],
  'region.update': ['region', ['regionleader', 'sysadmin']],
  'region.leaders.manage': ['region', ['regionleader', 'sysadmin']],
  'region.delete': ['region', none], // it has a location
  'location.create': ['system', signedIn],
  'location.update_basic': ['location', [...leaders, 'regionleader', 'sysadmin']],
  'location.private.view': ['location', ['regionleader', 'sysadmin']],
  'location.private.update': ['location', ['regionleader', 'sysadmin']],
  'location.archive': ['location', [...leaders, 'regionleader', 'sysadmin']],
  'location.delete': ['location', none], // an event uses it
};

function allowedActors(action: Action, key: ResourceKey, options: WorldOptions = {}, now = NOW) {
  const resource = world(options)[key];
  return actorNames.filter((name) => decide(actors[name], action, resource, now).allowed);
}

const sorted = (xs: readonly string[]) => [...new Set(xs)].sort();

describe('default-deny matrix: the default world', () => {
  it('covers every action of the catalog', () => {
    expect(Object.keys(defaults).sort()).toEqual([...actionNames].sort());
  });

  for (const action of actionNames) {
    const [key, expected] = defaults[action];
    it(`${action} on ${key}`, () => {
      expect(sorted(allowedActors(action, key))).toEqual(sorted(expected));
    });
  }
});

/** Variations of the world, each with the actions it changes and who may then do them. */
const variations: {
  name: string;
  options: WorldOptions;
  expect: Partial<Record<Action, readonly ActorName[]>>;
  on?: Partial<Record<Action, ResourceKey>>;
}[] = [
  {
    name: 'the event is suspended: only its admins open it; system roles keep their logistics',
    options: { event: { suspended: true } },
    expect: {
      'event.view': [...leaders, 'sysadmin'],
      'event.update': [...leaders, 'sysadmin'],
      'event.suspend': ['sysadmin', 'orgadmin'],
      'event.publish': ['sysadmin', 'publisher', 'orgadmin', 'chapterleader'],
      'event.team.view': leaders,
      'event.checkin': [...leaders, 'sysadmin'],
      'event.rsvp': none,
      'report.create': leaders,
      'report.view': leaders,
      'report.update.contact': none,
      'report.comment.update': none,
      'report.evidence.delete': leaders,
    },
  },
  {
    name: 'the event is flagged as spam: hidden from all but system roles',
    options: { event: { spam: true } },
    expect: {
      'event.view': ['sysadmin', 'publisher'],
      'event.flag_spam': ['sysadmin', 'publisher'],
      'event.update': ['sysadmin'],
      'event.suspend': ['sysadmin'],
      'event.team.view': none,
      'event.rsvp': none,
      'report.create': none,
      'report.view': none,
    },
  },
  {
    name: 'the event is archived: read-only, still visible',
    options: { event: { status: 'archived' } },
    expect: {
      'event.view': everyone,
      'event.update': none,
      'event.settings.update': none,
      'event.team.manage': none,
      'event.suspend': ['sysadmin', 'orgadmin'],
      'event.flag_spam': ['sysadmin', 'publisher'],
      'event.team.view': [...leaders, 'responder'],
      'event.rsvp': none,
      'report.create': none,
      'report.view': [...leaders, 'responder', 'assignee', 'author'],
      'report.update.details': none,
      'report.state.change': none,
      'report.export': leaders,
    },
  },
  {
    name: 'the event is a draft: unpublished',
    options: { event: { status: 'draft' } },
    expect: {
      'event.view': ['sysadmin', ...leaders, 'responder'], // creator is the event admin here
      'event.rsvp': none,
      'report.create': none,
      'report.view': [...leaders, 'responder', 'assignee', 'author'],
    },
  },
  {
    name: 'the event waits for approval: publishers see it too',
    options: { event: { status: 'pending_approval', createdBy: 'u-user' } },
    expect: {
      'event.view': ['sysadmin', 'publisher', ...leaders, 'responder', 'user'],
      'event.publish': ['sysadmin', 'publisher', 'orgadmin', 'chapterleader'],
    },
  },
  {
    name: 'responderScope is "assigned" and the responder is not assigned',
    options: { event: { settings: { responderScope: 'assigned' } } },
    expect: {
      'report.view': [...leaders, 'assignee', 'author'],
      'report.reporter.view': [...leaders, 'assignee', 'author'],
      'report.update.details': [...leaders, 'assignee', 'author'],
      'report.update.severity': [...leaders, 'assignee'],
      'report.state.change': [...leaders, 'assignee'],
      'report.assign': leaders,
      'report.comment.internal.view': [...leaders, 'assignee'],
      'report.comment.internal.create': [...leaders, 'assignee'],
      'report.comment.internal.share': [...leaders, 'assignee'],
      'report.comment.update': none, // the responder wrote it but no longer sees internal comments
      'report.evidence.upload': [...leaders, 'assignee', 'author'],
      'event.team.view': [...leaders, 'responder'], // not a report row
    },
  },
  {
    name: 'responderScope is "assigned" and the responder is assigned',
    options: {
      event: { settings: { responderScope: 'assigned' } },
      report: { assigneeIds: ['u-assignee', 'u-responder'] },
    },
    expect: {
      'report.view': [...leaders, 'responder', 'assignee', 'author'],
      'report.state.change': [...leaders, 'responder', 'assignee'],
    },
  },
  {
    name: 'respondersCanAssign is off',
    options: { event: { settings: { respondersCanAssign: false } } },
    expect: { 'report.assign': leaders },
  },
  {
    name: 'leadersSeeIncidents is off: leaders keep everything but the reports',
    options: { org: { leadersSeeIncidents: false } },
    expect: {
      'report.view': ['eventadmin', 'responder', 'assignee', 'author'],
      'report.export': ['eventadmin'],
      'report.delete': ['eventadmin'],
      'report.comment.delete': ['eventadmin'],
      'report.evidence.delete': ['eventadmin', 'author'],
      'report.create': [...leaders, 'responder', 'reporter', 'attendee'],
      'event.update': [...leaders, 'sysadmin'],
      'event.team.manage': leaders,
      'event.audit.view': ['eventadmin'],
    },
  },
  {
    name: 'reportIntake is "signed_in"',
    options: { event: { settings: { reportIntake: 'signed_in' } } },
    expect: { 'report.create': signedIn },
  },
  {
    name: 'reportIntake is "anonymous"',
    options: { event: { settings: { reportIntake: 'anonymous' } } },
    expect: { 'report.create': everyone },
  },
  {
    name: 'showTeamPublicly is on',
    options: { event: { settings: { showTeamPublicly: true } } },
    expect: { 'event.team.view_public': everyone, 'event.team.view': [...leaders, 'responder'] },
  },
  {
    name: 'eventCreation is "anyone"',
    options: { org: { eventCreation: 'anyone' } },
    expect: { 'event.create': signedIn },
  },
  {
    name: 'eventApproval is "required"',
    options: { org: { eventApproval: 'required' } },
    expect: { 'event.activate': ['orgadmin', 'chapterleader', 'sysadmin', 'publisher'] },
  },
  {
    name: 'the report was submitted anonymously',
    options: { report: { anonymous: true } },
    expect: {
      'report.update.description': leaders,
      'report.view': [...leaders, 'responder', 'assignee', 'author'],
    },
  },
  {
    name: 'RSVPs are closed',
    options: { event: { rsvpOpen: false } },
    expect: { 'event.rsvp': none },
  },
  {
    name: 'nothing uses the chapter, region, location or event yet',
    options: {
      chapterEventCount: 0,
      regionLocationCount: 0,
      locationUsed: false,
      event: { hasIncidentData: false },
    },
    expect: {
      'chapter.delete': ['sysadmin'],
      'region.delete': signedIn,
      'location.delete': signedIn,
      'location.update_basic': [...signedIn],
      'location.archive': ['regionleader', 'sysadmin'],
      'event.delete': leaders,
    },
  },
];

describe('default-deny matrix: variations', () => {
  for (const v of variations) {
    describe(v.name, () => {
      for (const [action, expected] of Object.entries(v.expect) as [
        Action,
        readonly ActorName[],
      ][]) {
        const key = v.on?.[action] ?? defaults[action][0];
        it(action, () => {
          expect(sorted(allowedActors(action, key, v.options))).toEqual(sorted(expected));
        });
      }
    });
  }

  it('lets an org admin create events at organization level, and a chapter leader only in the chapter', () => {
    expect(sorted(allowedActors('event.create', 'organization'))).toEqual(
      sorted(['sysadmin', 'orgadmin']),
    );
  });

  it('lets the writer edit an external comment, and the author keep it after leaving', () => {
    expect(allowedActors('report.comment.update', 'externalComment')).toEqual(['author']);
    expect(allowedActors('report.comment.internal.share', 'externalComment')).toEqual([]);
  });
});

describe('expiry', () => {
  const expiresAt = NOW + 60_000;
  const actor = {
    userId: 'u-temp',
    assignments: [
      { role: 'responder' as const, scopeType: 'event' as const, scopeId: 'ev-x', expiresAt },
    ],
  };
  const report = world().report;

  it('counts until the instant before expiry and stops at the instant itself', () => {
    expect(decide(actor, 'report.view', report, expiresAt - 1).allowed).toBe(true);
    expect(decide(actor, 'report.view', report, expiresAt).allowed).toBe(false);
    expect(decide(actor, 'report.view', report, new Date(expiresAt + 1)).allowed).toBe(false);
  });

  it('says when the role expired', () => {
    const d = decide(actor, 'report.view', report, expiresAt);
    expect(d.code).toBe('expired');
    expect(d.reason).toBe(
      `Denied: the role responder of event ev-x expired at ${new Date(expiresAt).toISOString()}.`,
    );
  });
});
