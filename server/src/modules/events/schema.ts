import { z } from 'zod';
import {
  emailInput,
  errorResponses,
  instant,
  locationRef,
  reasonBody,
  reasonInput,
  slugInput,
  websiteInput,
} from '../../http/schemas.js';
import { eventSettingsInput, eventSettingsView } from '../../http/policy-settings.js';
import { orgParams, pageFields, pageOf, pendingInvitation } from '../organizations/schema.js';

const security = [{ session: [] }];
const tags = ['events'];

export const eventParams = z.object({ eventId: z.string().min(1).max(100) });

export const eventStatuses = ['draft', 'pending_approval', 'active', 'archived'] as const;
const status = z.enum(eventStatuses);

const name = z.string().trim().min(1, 'Enter a name').max(160, 'Use at most 160 characters');
const description = z.string().trim().max(5000, 'Use at most 5,000 characters');
const day = z.iso.date('Enter a date as YYYY-MM-DD').nullable();
const timeZone = z
  .string()
  .trim()
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'Choose a time zone from the list, such as Europe/Berlin');
const reportType = z.string().trim().min(1, 'A report type needs a name').max(40);
const reportTypes = z
  .array(reportType)
  .min(1, 'Keep at least one report type')
  .max(20, 'Use at most 20 report types')
  .refine(
    (types) => new Set(types.map((t) => t.toLowerCase())).size === types.length,
    'Each report type appears once',
  );
const capacity = z
  .number()
  .int('Enter a whole number')
  .min(0, 'Zero or more')
  .max(100_000, 'At most 100,000')
  .nullable();
const personalMessage = z.string().trim().max(1000).optional();
/** What an email about a report may carry (email is not a safe channel). */
const emailDetail = z
  .enum(['none', 'title', 'full'])
  .describe(
    "Emails about this event's reports carry: nothing of the report, its title, or its details",
  );

/** The events roles a person can hold, and where an inherited one comes from. */
export const myRole = z
  .object({
    role: z.enum(['event_admin', 'responder', 'reporter', 'checkiner']),
    via: z
      .enum(['event', 'organization', 'chapter'])
      .describe('event: held in the event itself; otherwise inherited from that scope'),
    from: z.string().nullable().describe('The organization or chapter it is inherited from'),
  })
  .meta({ id: 'EventRole' });

export const eventSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    status,
    suspended: z.boolean(),
    spam: z.boolean(),
    startsOn: z.string().nullable(),
    endsOn: z.string().nullable(),
    organization: z.object({ id: z.string(), name: z.string() }),
    chapter: z.object({ id: z.string(), name: z.string() }).nullable(),
    myRole: myRole.nullable(),
    counts: z
      .object({ team: z.number().int().nullable() })
      .describe('Counts the caller may see; null where they may not'),
  })
  .meta({ id: 'EventSummary' });

export const event = eventSummary
  .extend({
    description: z.string(),
    timeZone: z.string(),
    website: z.string().nullable(),
    contactEmail: z.string().nullable(),
    codeOfConduct: z.string().describe('Markdown'),
    codeOfConductHtml: z.string().describe('The code of conduct rendered and sanitized'),
    reportTypes: z.array(z.string()),
    emailDetail,
    logoUrl: z.string().nullable(),
    publishedAt: instant.nullable(),
    createdAt: instant,
    settings: eventSettingsView,
    location: locationRef.nullable().describe('Where the event takes place'),
    attendeeCapacity: z
      .number()
      .int()
      .nullable()
      .describe('Confirmed attendee places; null: no limit'),
    volunteerCapacity: z
      .number()
      .int()
      .nullable()
      .describe('Confirmed volunteer places; null: no limit'),
    rsvpOpen: z.boolean().describe('The event takes RSVPs (while it is active)'),
    hasTeam: z.boolean().describe('An event_admin has been named'),
    slugLocked: z.boolean().describe('Reports exist, so the slug can no longer change'),
    adminInvitation: pendingInvitation.nullable(),
    can: z
      .object({
        update: z.boolean(),
        updateSettings: z.boolean(),
        submit: z.boolean(),
        activate: z.boolean(),
        approve: z.boolean(),
        archive: z.boolean(),
        suspend: z.boolean(),
        reinstate: z.boolean(),
        flagSpam: z.boolean(),
        clearSpam: z.boolean(),
        delete: z.boolean(),
        viewTeam: z.boolean(),
        inviteFirstAdmin: z.boolean(),
        report: z.boolean(),
        listReports: z.boolean().describe("The event's report queue is open to the caller"),
        exportReports: z.boolean(),
        viewAudit: z.boolean().describe("The event's audit log is open to the caller"),
        viewAttendees: z.boolean().describe('The attendee list, messages to attendees'),
        assignCheckiners: z.boolean(),
        checkIn: z.boolean().describe('The check-in pages at the door'),
        rsvp: z.boolean().describe('The caller may RSVP now'),
      })
      .describe('What the caller may do now, in this state; the server checks again'),
  })
  .meta({ id: 'Event' });

const listQuery = z.object({
  ...pageFields,
  status: status.optional(),
});

export const getEvents = {
  tags,
  summary: 'The events the caller may see, newest first, searchable by name',
  security,
  querystring: listQuery.extend({
    // Any UUID PostgreSQL takes (z.uuid() would refuse ids that are not RFC 4122 variants).
    organizationId: z.guid('Choose an organization from the list').optional(),
  }),
  response: { 200: pageOf(eventSummary), ...errorResponses(400, 401) },
};

const statusCounts = z.object(
  Object.fromEntries(eventStatuses.map((s) => [s, z.number().int()])) as Record<
    (typeof eventStatuses)[number],
    z.ZodNumber
  >,
);

export const getOrganizationEvents = {
  tags,
  summary: "An organization's events that the caller may see, with counts by status",
  security,
  params: orgParams,
  querystring: listQuery.extend({
    chapterId: z.guid('Choose a chapter from the list').optional(),
  }),
  response: {
    200: pageOf(eventSummary).extend({ counts: statusCounts }),
    ...errorResponses(400, 401, 404),
  },
};

export const getApprovalQueue = {
  tags,
  summary: 'The events waiting for approval that the caller may publish, oldest first',
  security,
  querystring: z.object(pageFields),
  response: { 200: pageOf(eventSummary), ...errorResponses(400, 401) },
};

export const getMyEvents = {
  tags,
  summary: 'Every event the caller holds a role in, explicit or inherited (the event switcher)',
  security,
  querystring: z.object({ q: z.string().trim().max(200).optional() }),
  response: {
    200: z.object({
      organizations: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          events: z.array(eventSummary),
        }),
      ),
      truncated: z.boolean().describe('More events match than are listed: search to narrow'),
    }),
    ...errorResponses(400, 401),
  },
};

export const postEvent = {
  tags,
  summary: 'Create an event in an organization (or one of its chapters)',
  description:
    'Org admins, and chapter leaders in their chapter, create a draft and become its ' +
    'event_admin. Where the organization lets anyone create events, anyone signed in proposes ' +
    'one: it waits for approval, and its creator is its event_admin. A system admin creates a ' +
    'draft with no team and may invite its first event_admin at once.',
  security,
  params: orgParams,
  body: z
    .object({
      name,
      slug: slugInput,
      description: description.default(''),
      chapterId: z.string().max(100).nullable().default(null),
      firstAdminEmail: emailInput
        .optional()
        .describe('System admins only: invite the first event_admin'),
      message: personalMessage,
    })
    .strict(),
  response: { 201: z.object({ event }), ...errorResponses(400, 401, 403, 404, 409) },
};

export const getEvent = {
  tags,
  summary: 'An event, with its settings and what the caller may do with it',
  security,
  params: eventParams,
  response: { 200: z.object({ event }), ...errorResponses(400, 401, 404) },
};

export const patchEvent = {
  tags,
  summary: 'Change an event: details (event_admins, system admins) and settings (event_admins)',
  description:
    'Details: name, slug, description, dates, time zone, website, location, capacities, ' +
    'whether RSVPs are open (a larger capacity promotes the waitlist). Settings (conduct): code of ' +
    'conduct, contact email, report types, policy settings. Each part needs its own permission; ' +
    'the slug cannot change once reports exist.',
  security,
  params: eventParams,
  body: z
    .object({
      name,
      slug: slugInput,
      description,
      startsOn: day,
      endsOn: day,
      timeZone,
      website: websiteInput,
      locationId: z
        .string()
        .max(100)
        .nullable()
        .describe('A location that is not archived (or the one already set); null: none'),
      attendeeCapacity: capacity,
      volunteerCapacity: capacity,
      rsvpOpen: z.boolean(),
      contactEmail: emailInput.nullable(),
      codeOfConduct: z.string().max(50_000, 'Use at most 50,000 characters'),
      reportTypes,
      emailDetail,
      settings: eventSettingsInput,
      reason: reasonInput,
    })
    .partial()
    .strict(),
  response: { 200: z.object({ event }), ...errorResponses(400, 401, 403, 404, 409) },
};

/** The lifecycle verbs of SPEC §8, each a POST with an optional reason. */
export const transitions = [
  'submit',
  'activate',
  'approve',
  'archive',
  'suspend',
  'reinstate',
  'flag-spam',
  'clear-spam',
] as const;
export type Transition = (typeof transitions)[number];

export const postTransition = {
  tags,
  summary: 'Move an event through its lifecycle',
  description:
    'submit: draft → pending_approval (where approval is required). activate: draft → active. ' +
    'approve: pending_approval → active. archive: active → archived. suspend / reinstate, ' +
    'flag-spam / clear-spam: the flags. A verb from the wrong state answers 409 invalid_state.',
  security,
  params: eventParams.extend({ transition: z.enum(transitions) }),
  body: reasonBody,
  response: { 200: z.object({ event }), ...errorResponses(400, 401, 403, 404, 409) },
};

export const deleteEvent = {
  tags,
  summary: 'Delete an event that holds no incident data (event_admins)',
  security,
  params: eventParams,
  body: reasonBody,
  response: { 204: z.null().describe('Deleted'), ...errorResponses(400, 401, 403, 404, 409) },
};

export const postAdminInvitation = {
  tags,
  summary: 'Invite the first event_admin of an event with no team (system admins)',
  description: 'A new invitation replaces the one still waiting: its link stops working.',
  security,
  params: eventParams,
  body: z.object({ email: emailInput, message: personalMessage }).strict(),
  response: { 200: z.object({ event }), ...errorResponses(400, 401, 403, 404, 409) },
};

export const getLogo = {
  tags,
  summary: "An event's logo (to those who may see the event)",
  params: eventParams,
  response: { 200: z.any().describe('The logo, a PNG'), ...errorResponses(400, 404) },
};

export const putLogo = {
  tags,
  summary: "Set an event's logo: PNG, JPEG, WebP or GIF up to 2 MB, kept at 512 px",
  security,
  params: eventParams,
  response: { 200: z.object({ event }), ...errorResponses(400, 401, 403, 404, 413, 415) },
};

export const deleteLogo = {
  tags,
  summary: "Remove an event's logo",
  security,
  params: eventParams,
  response: { 200: z.object({ event }), ...errorResponses(400, 401, 403, 404) },
};

export const publicEvent = z
  .object({
    name: z.string(),
    slug: z.string(),
    description: z.string(),
    startsOn: z.string().nullable(),
    endsOn: z.string().nullable(),
    timeZone: z.string(),
    website: z.string().nullable(),
    contactEmail: z.string().nullable(),
    codeOfConductHtml: z.string(),
    logoUrl: z.string().nullable(),
    location: locationRef.nullable(),
    calendarUrl: z
      .string()
      .nullable()
      .describe('Its iCalendar feed, while it is public and has dates or sessions'),
    organization: z.object({ name: z.string(), logoUrl: z.string().nullable() }),
    team: z
      .array(z.object({ name: z.string(), role: z.string() }))
      .nullable()
      .describe("The CoC team's names, where the event shows them"),
    preview: z
      .boolean()
      .describe('Not public yet: shown only to people who may see the unpublished event'),
    eventId: z.string(),
    canReport: z.boolean().describe('The caller may submit a report here now'),
    reportIntake: z
      .enum(['members', 'signed_in', 'anonymous'])
      .describe('Who may report: event members, anyone signed in, or also without an account'),
    reportTypes: z.array(z.string()),
  })
  .meta({ id: 'PublicEvent' });

export const getPublicEvent = {
  tags,
  summary:
    "An event's public page: 404 unless it is active and not spam (or the caller may preview it)",
  params: z.object({ slug: z.string().min(1).max(100) }),
  response: { 200: z.object({ event: publicEvent }), ...errorResponses(400, 404) },
};
