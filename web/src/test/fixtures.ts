import type { EventSummary } from '../api/event-summary';
import type { Chapter } from '../api/chapters';
import type { Organization } from '../api/organizations';

// Objects as the API answers them, for the organization and event pages' tests.

export const sysAdmin = {
  id: 'u-admin',
  name: 'Ada Admin',
  email: 'ada@example.org',
  systemRoles: ['system_admin'],
};
export const member = { id: 'u-mo', name: 'Mo Member', email: 'mo@example.org', systemRoles: [] };
export const publisher = { ...member, id: 'u-pia', name: 'Pia', systemRoles: ['publisher'] };

export const signedInAs = (user: unknown) => ({
  'GET /api/auth/session': { status: 200, body: { user } },
});

export const anEvent = (over: Partial<EventSummary> = {}): EventSummary => ({
  id: 'ev-1',
  name: 'RustFest Berlin',
  slug: 'rustfest-berlin',
  status: 'active',
  suspended: false,
  spam: false,
  startsOn: '2026-06-03',
  endsOn: '2026-06-05',
  organization: { id: 'org-1', name: 'Rust Community' },
  chapter: null,
  myRole: { role: 'event_admin', via: 'event', from: null },
  counts: { team: 3 },
  ...over,
});

const setting = <T extends string | boolean>(
  value: T,
  def: T,
  choices: T[],
  explanation: string,
) => ({
  value,
  default: def,
  choices,
  explanation,
});

export const anOrganization = (over: Partial<Organization> = {}): Organization => ({
  id: 'org-1',
  name: 'Rust Community',
  slug: 'rust-community',
  logoUrl: null,
  myRoles: ['org_admin'],
  description: 'Meetups and conferences about Rust.',
  website: 'https://rust.example.org',
  createdAt: '2026-01-10T10:00:00.000Z',
  settings: {
    eventCreation: setting<'admins' | 'anyone'>(
      'admins',
      'admins',
      ['admins', 'anyone'],
      'Who may create events.',
    ),
    eventApproval: setting<'required' | 'not_required'>(
      'not_required',
      'not_required',
      ['required', 'not_required'],
      'Whether events need approval.',
    ),
    leadersSeeIncidents: setting(
      true,
      true,
      [true, false],
      'Whether leaders see incident reports.',
    ),
    requireMfaForAdmins: setting(true, true, [true, false], 'Whether admins must use two-factor.'),
  },
  adminInvitation: null,
  can: {
    update: true,
    viewMembers: true,
    manageMembers: true,
    createChapter: true,
    createEvent: true,
    proposeEvent: false,
    inviteFirstAdmin: false,
  },
  ...over,
});

export const aChapter = (over: Partial<Chapter> = {}): Chapter => ({
  id: 'ch-1',
  name: 'Berlin',
  slug: 'berlin',
  organization: { id: 'org-1', name: 'Rust Community' },
  eventCount: 0,
  leaders: [
    {
      userId: 'u-lea',
      name: 'Lea Leader',
      image: null,
      grantedAt: '2026-02-01T10:00:00.000Z',
      expiresAt: null,
      canRemove: true,
    },
  ],
  can: { update: true, manageLeaders: true, delete: true, createEvent: true },
  ...over,
});

export const pageOf = <T>(items: T[], total = items.length, page = 1) => ({
  items,
  page,
  pageSize: 25,
  total,
});

/** What every page asks for a signed-in person: the session, and (for most) the approval queue. */
export const signedInRoutes = (user: { systemRoles: string[] }) => ({
  ...signedInAs(user),
  'GET /api/events/approvals?page=1&pageSize=1': { status: 200, body: pageOf([]) },
});
