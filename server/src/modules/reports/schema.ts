import { z } from 'zod';
import { errorResponses, instant } from '../../http/schemas.js';
import { contactPreferences, reportStates, severities } from '../../db/schema/reports.js';
import { eventParams } from '../events/schema.js';
import { pageOf } from '../organizations/schema.js';

// The HTTP contract of incident reports (SPEC §9). A report reaches people through one of three
// response schemas, chosen by the engine for each report and caller:
// - TeamReport: the response team's view, with the reporter's identity and contact details;
// - TeamReportWithoutReporter: the same without those fields (not hidden: absent);
// - OwnReport: the author's (or the anonymous follow-up link's) view, without the team's
//   triage (severity, assignees, notes of transitions, follow-up flag).

const security = [{ session: [] }];
const tags = ['reports'];

export const reportParams = z.object({ reportId: z.string().min(1).max(100) });

export const reportState = z.enum(reportStates);
export const severity = z.enum(severities);
export const contactPreference = z.enum(contactPreferences);

const title = z.string().trim().min(1, 'Give the report a short title').max(200);
const description = z
  .string()
  .trim()
  .min(1, 'Describe what happened')
  .max(20_000, 'Use at most 20,000 characters');
const shortText = (max: number) => z.string().trim().max(max, `Use at most ${max} characters`);
const note = z.string().trim().max(5000, 'Use at most 5,000 characters');

/**
 * A client-made key for one submission: a retry with the same key returns the same report. It
 * must be random (a UUID v4 works): for an anonymous report it is what brings the follow-up link
 * back, so a guessable key would be a guessable link. Keys that are plainly not random are refused:
 * fewer than 6 different characters. Not 10, as it was: about one random UUID in 300,000 has fewer
 * than 10 (hexadecimal digits and the dash), and the web app keeps a draft's key for its retries,
 * so such a report could never be sent (a benchmark's submission met one). Fewer than 6 happens
 * to a random UUID less than once in 10^15.
 */
export const idempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,100}$/, 'Use 16 to 100 letters, digits, - or _ (a UUID works)')
  .refine((k) => new Set(k).size >= 6, 'Use a random key, such as a UUID');

const person = z.object({ id: z.string(), name: z.string() }).meta({ id: 'PersonRef' });

const historyEntry = z
  .object({
    id: z.string(),
    kind: z.enum(['submitted', 'state', 'assigned', 'unassigned', 'severity', 'deleted']),
    at: instant,
    actor: person.nullable().describe('Null for the anonymous reporter or a deleted account'),
    fromState: reportState.nullable(),
    toState: reportState.nullable(),
    note: z.string().nullable(),
    person: person.nullable().describe('Who was assigned or unassigned'),
    fromSeverity: severity.nullable(),
    toSeverity: severity.nullable(),
  })
  .meta({ id: 'ReportHistoryEntry' });

const ownHistoryEntry = z
  .object({ at: instant, toState: reportState })
  .meta({ id: 'OwnReportHistoryEntry' });

const reportFields = {
  id: z.string(),
  number: z.number().int().describe('Per event, from 1'),
  event: z.object({ id: z.string(), name: z.string(), slug: z.string(), timeZone: z.string() }),
  title: z.string(),
  description: z.string().describe('Markdown'),
  descriptionHtml: z.string().describe('The description rendered and sanitized'),
  type: z.string(),
  incidentAt: instant.nullable(),
  location: z.string(),
  parties: z.string(),
  state: reportState,
  anonymous: z.boolean(),
  resolution: z.string(),
  submittedAt: instant,
  updatedAt: instant,
};

const teamCan = z
  .object({
    updateDescription: z.boolean(),
    updateDetails: z.boolean(),
    updateSeverity: z.boolean(),
    changeState: z.boolean(),
    assign: z.boolean(),
    commentExternal: z.boolean(),
    commentInternal: z.boolean(),
    uploadEvidence: z.boolean(),
    delete: z.boolean(),
    viewAccessLog: z.boolean(),
  })
  .describe('What the caller may do now; the server checks again');

export const teamReportWithoutReporter = z
  .object({
    view: z.literal('team'),
    ...reportFields,
    severity: severity.nullable(),
    followUp: z.boolean(),
    assignees: z.array(person),
    history: z.array(historyEntry),
    /** The states the caller may move this report to now, with what each needs. */
    transitions: z.array(
      z.object({ to: reportState, needsNote: z.boolean(), needsAssignee: z.boolean() }),
    ),
    can: teamCan,
  })
  .meta({ id: 'TeamReportWithoutReporter' });

export const reporterIdentity = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
  })
  .meta({ id: 'ReporterIdentity' });

export const teamReport = teamReportWithoutReporter
  .extend({
    reporter: reporterIdentity.nullable().describe('Null for an anonymous report'),
    contactPreference,
    contactDetails: z.string(),
  })
  .meta({ id: 'TeamReport' });

export const ownReport = z
  .object({
    view: z.literal('own'),
    ...reportFields,
    contactPreference,
    contactDetails: z.string(),
    history: z.array(ownHistoryEntry),
    can: z.object({
      updateDescription: z.boolean(),
      updateContact: z.boolean(),
      updateDetails: z.boolean(),
      commentExternal: z.boolean(),
      uploadEvidence: z.boolean(),
    }),
  })
  .meta({ id: 'OwnReport' });

export const anyReport = z
  .union([teamReport, teamReportWithoutReporter, ownReport])
  .meta({ id: 'AnyReport' });

/** A row of the queue: what the team needs to triage, never the reporter's identity. */
export const reportListItem = z
  .object({
    id: z.string(),
    number: z.number().int(),
    event: z.object({ id: z.string(), name: z.string(), slug: z.string() }),
    title: z.string(),
    type: z.string(),
    state: reportState,
    severity: severity.nullable().describe('Null when not set, and in the author’s own list'),
    anonymous: z.boolean(),
    followUp: z.boolean(),
    assignees: z.array(person),
    submittedAt: instant,
    updatedAt: instant,
    commentCount: z.number().int().describe('Comments the caller can see'),
  })
  .meta({ id: 'ReportListItem' });

const stateCounts = z.object(
  Object.fromEntries(reportStates.map((s) => [s, z.number().int()])) as Record<
    (typeof reportStates)[number],
    z.ZodNumber
  >,
);

export const sortKeys = ['newest', 'oldest', 'updated', 'severity', 'number'] as const;

/** The queue's filters; saved filters keep exactly these. */
export const queueFilters = z.object({
  state: z
    .string()
    .regex(/^[a-z_]+(,[a-z_]+)*$/)
    .optional()
    .describe('One state, or several separated by commas: submitted,acknowledged'),
  severity: z
    .string()
    .regex(/^[a-z_]+(,[a-z_]+)*$/)
    .optional()
    .describe('One severity or several, comma-separated; "none" for not set'),
  type: z.string().trim().max(40).optional(),
  assignee: z
    .string()
    .max(100)
    .optional()
    .describe('A user id, "me", or "none" for unassigned reports'),
  from: z.iso.date().optional().describe('Submitted on or after this day (UTC)'),
  to: z.iso.date().optional().describe('Submitted on or before this day (UTC)'),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe('Words in the title, description, location or parties'),
  followUp: z.enum(['true', 'false']).optional(),
  sort: z.enum(sortKeys).default('newest'),
});

const pageQuery = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
};

export const getEventReports = {
  tags,
  summary: "An event's reports that the caller may see (the queue), filtered, with counts by state",
  description:
    'Event admins see every report; responders every report, or the ones assigned to them where ' +
    'responderScope is assigned; assignees theirs; reporters their own. Counts by state are over ' +
    'the same reports, with every filter but state applied.',
  security,
  params: eventParams,
  querystring: queueFilters.extend(pageQuery),
  response: {
    200: pageOf(reportListItem).extend({ counts: stateCounts }),
    ...errorResponses(400, 401, 404),
  },
};

export const getEventReportsCsv = {
  tags,
  summary: "Export an event's reports as CSV (event admins), with the queue's filters",
  security,
  params: eventParams,
  querystring: queueFilters,
  response: { 200: z.string().describe('text/csv'), ...errorResponses(400, 401, 403, 404) },
};

export const reportInput = z
  .object({
    idempotencyKey,
    title,
    description,
    type: z.string().trim().min(1, 'Choose a type').max(40),
    incidentAt: instant.nullable().default(null),
    location: shortText(500).default(''),
    parties: shortText(2000).default(''),
    contactPreference: contactPreference.default('email'),
    contactDetails: shortText(500).default('').describe('A phone number, or how to find them'),
    anonymous: z
      .boolean()
      .default(false)
      .describe('Submit without a name (only where the event takes anonymous reports)'),
  })
  .strict();

export const postReport = {
  tags,
  summary: 'Submit a report',
  description:
    'Signed in, or without an account where the event takes anonymous reports. A retry with ' +
    'the same idempotencyKey returns the report it made (200), never a second one. An anonymous ' +
    'report returns its private follow-up token, the only way back to it.',
  params: eventParams,
  body: reportInput,
  response: {
    200: z.object({
      report: ownReport,
      followUpToken: z.string().nullable(),
      replayed: z.literal(true),
    }),
    201: z.object({
      report: ownReport,
      followUpToken: z.string().nullable(),
      replayed: z.literal(false),
    }),
    ...errorResponses(400, 401, 403, 404, 409),
  },
};

export const getReport = {
  tags,
  summary: 'A report, in the view the caller may have (recorded in its access log)',
  security,
  params: reportParams,
  response: { 200: z.object({ report: anyReport }), ...errorResponses(400, 401, 404) },
};

export const patchReport = {
  tags,
  summary: "Edit a report's fields; each group of fields is authorized on its own (SPEC §4)",
  security,
  params: reportParams,
  body: z
    .object({
      title: title.optional(),
      description: description.optional(),
      type: z.string().trim().min(1).max(40).optional(),
      incidentAt: instant.nullable().optional(),
      location: shortText(500).optional(),
      parties: shortText(2000).optional(),
      contactPreference: contactPreference.optional(),
      contactDetails: shortText(500).optional(),
      severity: severity.nullable().optional(),
      resolution: shortText(5000).optional(),
      followUp: z.boolean().optional(),
    })
    .strict(),
  response: { 200: z.object({ report: anyReport }), ...errorResponses(400, 401, 403, 404) },
};

/** A report after a workflow step; null when the step took it out of the caller's sight. */
const changedReport = z.object({
  report: anyReport
    .nullable()
    .describe(
      'Null when the change took the report out of the caller’s sight (an assignee unassigning themselves)',
    ),
});

export const transitionInput = z.object({ to: reportState, note: note.optional() }).strict();

export const postTransition = {
  tags,
  summary:
    'Move a report to another state (SPEC §9: investigating needs an assignee; ' +
    'resolving and reopening need a note)',
  security,
  params: reportParams,
  body: transitionInput,
  response: { 200: changedReport, ...errorResponses(400, 401, 403, 404, 409) },
};

export const postAssignee = {
  tags,
  summary: 'Assign someone of the event to a report',
  description:
    'The person must be able to see the event (any event role); an assignee gets ' +
    'responder-level access to this one report.',
  security,
  params: reportParams,
  body: z.object({ userId: z.string().min(1).max(100) }).strict(),
  response: { 200: changedReport, ...errorResponses(400, 401, 403, 404, 409) },
};

export const deleteAssignee = {
  tags,
  summary: 'Unassign someone from a report',
  security,
  params: reportParams.extend({ userId: z.string().min(1).max(100) }),
  response: { 200: changedReport, ...errorResponses(400, 401, 403, 404) },
};

export const bulkAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('state'), to: reportState, note: note.optional() }).strict(),
  z.object({ kind: z.literal('assign'), userId: z.string().min(1).max(100) }).strict(),
  z.object({ kind: z.literal('unassign'), userId: z.string().min(1).max(100) }).strict(),
]);

export const postBulk = {
  tags,
  summary: 'Apply one state change or assignment to several reports of an event',
  description:
    'Each report goes through the same workflow as a single change, in its own transaction: ' +
    'one that may not be changed, or is in the wrong state, fails alone with its error.',
  security,
  params: eventParams,
  body: z
    .object({
      reportIds: z.array(z.string().min(1).max(100)).min(1).max(100),
      action: bulkAction,
    })
    .strict(),
  response: {
    200: z.object({
      results: z.array(
        z.object({
          id: z.string(),
          ok: z.boolean(),
          error: z.object({ code: z.string(), message: z.string() }).nullable(),
        }),
      ),
    }),
    ...errorResponses(400, 401, 404),
  },
};

export const deleteReport = {
  tags,
  summary: 'Delete a report (event admins; soft, audited, with a reason)',
  security,
  params: reportParams,
  body: z
    .object({ reason: z.string().trim().min(1, 'Say why the report is deleted').max(500) })
    .strict(),
  response: { 204: z.null(), ...errorResponses(400, 401, 403, 404) },
};

export const accessLogEntry = z
  .object({
    id: z.string(),
    at: instant,
    viewer: person.nullable().describe('Null: the anonymous follow-up link'),
    what: z.enum(['report', 'evidence', 'export']),
    via: z.string().nullable(),
  })
  .meta({ id: 'ReportAccessLogEntry' });

export const getAccessLog = {
  tags,
  summary: 'Who has viewed a report, its evidence, or exported it, newest first (event admins)',
  security,
  params: reportParams,
  querystring: z.object(pageQuery),
  response: { 200: pageOf(accessLogEntry), ...errorResponses(400, 401, 403, 404) },
};

export const getMyReports = {
  tags,
  summary: "The caller's own reports, across every event, newest first",
  security,
  querystring: z.object(pageQuery),
  response: { 200: pageOf(reportListItem), ...errorResponses(400, 401) },
};

export const getResponderDashboard = {
  tags,
  summary:
    'Every event where the caller responds to reports, with counts by state and the ' +
    'reports assigned to them',
  security,
  response: {
    200: z.object({
      events: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          slug: z.string(),
          organization: z.object({ id: z.string(), name: z.string() }),
          counts: stateCounts,
          unassigned: z.number().int().describe('Open reports with nobody assigned'),
        }),
      ),
      assignedToMe: z.array(reportListItem).describe('Open reports assigned to the caller'),
    }),
    ...errorResponses(401),
  },
};

export const savedFilter = z
  .object({ id: z.string(), name: z.string(), query: queueFilters.partial(), createdAt: instant })
  .meta({ id: 'SavedReportFilter' });

export const getSavedFilters = {
  tags,
  summary: "The caller's saved queue filters for an event",
  security,
  params: eventParams,
  response: { 200: z.object({ items: z.array(savedFilter) }), ...errorResponses(401, 404) },
};

export const postSavedFilter = {
  tags,
  summary: 'Save a queue filter under a name (the same name replaces it)',
  security,
  params: eventParams,
  body: z
    .object({ name: z.string().trim().min(1).max(60), query: queueFilters.partial() })
    .strict(),
  response: { 200: z.object({ filter: savedFilter }), ...errorResponses(400, 401, 404) },
};

export const deleteSavedFilter = {
  tags,
  summary: 'Forget a saved queue filter',
  security,
  params: eventParams.extend({ filterId: z.string().min(1).max(100) }),
  response: { 204: z.null(), ...errorResponses(401, 404) },
};

// The anonymous follow-up link: the token is sent in this header, never in a URL the server
// sees (the web page keeps it in the address's fragment).
export const followUpHeaders = z.object({
  'x-follow-up-token': z.string().min(20).max(200),
});

export const getFollowUp = {
  tags,
  summary: 'An anonymous report through its follow-up token: the report and its external comments',
  headers: followUpHeaders,
  response: { 200: z.object({ report: ownReport }), ...errorResponses(400, 404) },
};
