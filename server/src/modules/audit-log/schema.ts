import { z } from 'zod';
import { errorResponses, instant } from '../../http/schemas.js';
import { eventParams } from '../events/schema.js';
import { orgParams } from '../organizations/schema.js';

// The HTTP contract of the audit viewers (SPEC §10): one log per scope, read by the admins of
// that scope only. Entries are never changed through the API: there are only GET routes here.

const security = [{ session: [] }];
const tags = ['audit'];

/** The filters every viewer takes, and its CSV export too. */
export const auditFilters = z.object({
  actor: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe(
      'A user id, or part of the name of whoever acted (or of their email address, in the system log only)',
    ),
  action: z
    .string()
    .trim()
    .max(100)
    .regex(/^[a-z0-9_.]+\*?$/, 'Use an action name such as report.state.change, or report.')
    .optional()
    .describe(
      'An action name (report.state.change), or a prefix ending in "." or "*" (report., auth.sign_in*)',
    ),
  targetType: z
    .string()
    .trim()
    .max(40)
    .regex(/^[a-z_]+$/, 'Use a target type such as report or user')
    .optional(),
  targetId: z.string().trim().max(100).optional(),
  from: z.iso.date().optional().describe('On or after this day (UTC)'),
  to: z.iso.date().optional().describe('On or before this day (UTC)'),
  outcome: z
    .enum(['success', 'denied'])
    .optional()
    .describe('"denied": the refused attempts only (the security view)'),
});
export type AuditFilters = z.infer<typeof auditFilters>;

const pageQuery = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
};

export const auditEntry = z
  .object({
    id: z.string(),
    occurredAt: instant,
    actor: z
      .object({ id: z.string(), name: z.string() })
      .nullable()
      .describe('Null when nobody was signed in (a refused sign-in, an anonymous report)'),
    action: z.string(),
    outcome: z.enum(['success', 'denied']),
    scope: z.object({ type: z.string(), id: z.string().nullable() }),
    target: z.object({ type: z.string(), id: z.string() }).nullable(),
    before: z.unknown().describe('The state before the change, as recorded (null when none)'),
    after: z.unknown().describe('The state after the change, as recorded (null when none)'),
    reason: z.string().nullable().describe('Why: given by the person, or the refusal’s reason'),
    requestId: z.string().nullable(),
    ipAddress: z
      .string()
      .nullable()
      .optional()
      .describe('Only in the system log: addresses are personal data (docs/decisions.md)'),
    userAgent: z.string().nullable().optional().describe('Only in the system log'),
  })
  .meta({ id: 'AuditEntry' });

const pageOfEntries = z.object({
  items: z.array(auditEntry),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

const listResponse = { 200: pageOfEntries, ...errorResponses(400, 401, 403, 404) };
const csvResponse = {
  200: z.string().describe('text/csv'),
  ...errorResponses(400, 401, 403, 404),
};
const csvDescription =
  'The newest 10,000 entries matching the filters; narrow them for more. The export is ' +
  'itself written to the same log.';

export const getEventAudit = {
  tags,
  summary: "An event's audit log, newest first (event admins)",
  security,
  params: eventParams,
  querystring: auditFilters.extend(pageQuery),
  response: listResponse,
};

export const getEventAuditCsv = {
  tags,
  summary: "Export an event's audit log as CSV (event admins), with the same filters",
  description: csvDescription,
  security,
  params: eventParams,
  querystring: auditFilters,
  response: csvResponse,
};

export const getOrganizationAudit = {
  tags,
  summary: "An organization's audit log with its chapters', newest first (org admins)",
  description:
    'Entries of the organization and of its chapters (org admins manage chapters). Events have ' +
    'their own logs.',
  security,
  params: orgParams,
  querystring: auditFilters.extend(pageQuery),
  response: listResponse,
};

export const getOrganizationAuditCsv = {
  tags,
  summary: "Export an organization's audit log as CSV (org admins), with the same filters",
  description: csvDescription,
  security,
  params: orgParams,
  querystring: auditFilters,
  response: csvResponse,
};

export const getSystemAudit = {
  tags,
  summary: 'The system audit log, newest first (system admins)',
  description:
    'Platform-wide entries: sign-ins (refused ones too), accounts, system roles and settings, ' +
    'organizations created, retention purges. With the client address and user agent.',
  security,
  querystring: auditFilters.extend(pageQuery),
  response: listResponse,
};

export const getSystemAuditCsv = {
  tags,
  summary: 'Export the system audit log as CSV (system admins), with the same filters',
  description: csvDescription,
  security,
  querystring: auditFilters,
  response: csvResponse,
};

export const deniedSignIn = z
  .object({
    email: z.string().describe('The address tried (as typed, normalized)'),
    attempts: z.number().int(),
    lastAt: instant,
    firstAt: instant,
    addresses: z.number().int().describe('How many client addresses tried it'),
    knownAccount: z.boolean().describe('The address belongs to an account'),
  })
  .meta({ id: 'DeniedSignIn' });

export const getDeniedSignIns = {
  tags,
  summary: 'Refused sign-ins grouped by the address tried, most recent first (system admins)',
  security,
  querystring: z.object({
    from: z.iso.date().optional().describe('On or after this day (UTC)'),
    to: z.iso.date().optional().describe('On or before this day (UTC)'),
    ...pageQuery,
  }),
  response: {
    200: z.object({
      items: z.array(deniedSignIn),
      page: z.number().int(),
      pageSize: z.number().int(),
      total: z.number().int(),
    }),
    ...errorResponses(400, 401, 403, 404),
  },
};
