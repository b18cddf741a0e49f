import type { EventAbilities, EventDetails, PublicEvent } from '../api/events';
import { anEvent } from './fixtures';

// Events as GET /api/events/:eventId and the public page answer, for the event pages' tests.

const setting = <T extends string | boolean>(value: T, choices: T[], explanation: string) => ({
  value,
  default: value,
  choices,
  explanation,
});

export const noAbilities: EventAbilities = {
  update: false,
  updateSettings: false,
  submit: false,
  activate: false,
  approve: false,
  archive: false,
  suspend: false,
  reinstate: false,
  flagSpam: false,
  clearSpam: false,
  delete: false,
  viewTeam: false,
  inviteFirstAdmin: false,
  report: false,
  listReports: false,
  exportReports: false,
  viewAttendees: false,
  assignCheckiners: false,
  checkIn: false,
  rsvp: false,
};

/** A draft event its admin is setting up; override anything. */
export const eventDetails = (
  over: Partial<EventDetails> = {},
  can: Partial<EventAbilities> = {},
): EventDetails => ({
  ...anEvent({ status: 'draft' }),
  description: '',
  timeZone: 'Europe/Berlin',
  website: null,
  contactEmail: null,
  codeOfConduct: '',
  codeOfConductHtml: '',
  reportTypes: ['harassment', 'safety', 'other'],
  logoUrl: null,
  publishedAt: null,
  createdAt: '2026-03-01T10:00:00.000Z',
  settings: {
    responderScope: setting<'all' | 'assigned'>(
      'all',
      ['all', 'assigned'],
      'Whether responders handle every report, or only those assigned to them.',
    ),
    respondersCanAssign: setting(true, [true, false], 'Whether responders may assign reports.'),
    reportIntake: setting<'members' | 'signed_in' | 'anonymous'>(
      'members',
      ['members', 'signed_in', 'anonymous'],
      'Who may submit a report.',
    ),
    showTeamPublicly: setting(
      false,
      [true, false],
      'Whether the public page lists the names of the code-of-conduct team.',
    ),
  },
  hasTeam: true,
  slugLocked: false,
  adminInvitation: null,
  location: null,
  attendeeCapacity: null,
  volunteerCapacity: null,
  rsvpOpen: false,
  ...over,
  can: { ...noAbilities, ...can },
});

export const publicEvent = (over: Partial<PublicEvent> = {}): PublicEvent => ({
  name: 'RustFest Berlin',
  slug: 'rustfest-berlin',
  description: 'Three days of Rust.\nTalks and workshops.',
  startsOn: '2026-06-03',
  endsOn: '2026-06-05',
  timeZone: 'Europe/Berlin',
  website: 'https://rustfest.example.org',
  contactEmail: 'coc@rustfest.example.org',
  codeOfConductHtml: '<h2>Be kind</h2><p>No harassment of any kind.</p>',
  logoUrl: '/api/events/ev-1/logo?v=1',
  location: null,
  calendarUrl: '/api/public/events/rustfest-berlin/calendar.ics',
  organization: { name: 'Rust Community', logoUrl: null },
  team: null,
  preview: false,
  eventId: 'ev-1',
  canReport: true,
  reportIntake: 'members',
  reportTypes: ['harassment', 'safety', 'other'],
  ...over,
});
