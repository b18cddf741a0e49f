import { z } from 'zod';
import {
  emailInput,
  errorResponses,
  instant,
  reasonBody,
  reasonInput,
} from '../../http/schemas.js';
import { eventParams } from '../events/schema.js';
import { orgParams, pageFields, pageOf } from '../organizations/schema.js';

const security = [{ session: [] }];
const tags = ['teams'];

/** The event roles a team page assigns (checkiners come with check-in). */
export const teamRoles = ['event_admin', 'responder', 'reporter'] as const;
export const organizationRoles = ['org_admin', 'org_viewer'] as const;

const userParams = z.object({ userId: z.string().min(1).max(100) });

/** An expiry in the future, or none. */
const expiresAt = instant
  .nullable()
  .optional()
  .describe('When the role ends by itself (must be in the future); null: never');

const person = z.object({ id: z.string(), name: z.string() });

export const teamMember = z
  .object({
    userId: z.string(),
    name: z.string(),
    image: z.string().nullable(),
    email: z
      .string()
      .nullable()
      .describe('Only to those who manage the team; null for everyone else'),
    role: z.string(),
    explicit: z.boolean().describe('Held in this scope itself, not inherited'),
    inheritedFrom: z
      .object({ type: z.enum(['organization', 'chapter']), id: z.string(), name: z.string() })
      .nullable(),
    grantedBy: person.nullable(),
    grantedAt: instant.nullable(),
    expiresAt: instant.nullable(),
    lastActiveAt: instant.nullable(),
    isYou: z.boolean(),
    can: z.object({
      changeTo: z.array(z.string()).describe('Roles the caller may change this one to now'),
      remove: z.boolean(),
      setExpiry: z.boolean(),
    }),
  })
  .meta({ id: 'TeamMember' });

const teamPage = pageOf(teamMember).extend({
  can: z.object({
    manage: z.boolean(),
    invite: z.boolean(),
    assignable: z.array(z.string()).describe('Roles the caller may give here'),
  }),
});

const teamQuery = z.object({
  ...pageFields,
  role: z.string().max(40).optional(),
});

export const getEventTeam = {
  tags,
  summary: "An event's team: explicit roles and those inherited from its organization or chapter",
  security,
  params: eventParams,
  querystring: teamQuery,
  response: { 200: teamPage, ...errorResponses(400, 401, 403, 404) },
};

const assignBody = <R extends readonly [string, ...string[]]>(roles: R) =>
  z
    .object({
      role: z.enum(roles),
      expiresAt,
      reason: reasonInput,
    })
    .strict();

const addBody = <R extends readonly [string, ...string[]]>(roles: R) =>
  assignBody(roles).extend({ email: emailInput.describe('Someone with a Steward account') });

export const postEventTeam = {
  tags,
  summary: 'Add someone with a Steward account to the team, by email',
  security,
  params: eventParams,
  body: addBody(teamRoles),
  response: { 200: z.object({ member: teamMember }), ...errorResponses(400, 401, 403, 404, 409) },
};

export const putEventTeamMember = {
  tags,
  summary: "Change a member's role, expiry or both; audited old → new with the reason",
  security,
  params: eventParams.merge(userParams),
  body: assignBody(teamRoles),
  response: { 200: z.object({ member: teamMember }), ...errorResponses(400, 401, 403, 404, 409) },
};

export const deleteEventTeamMember = {
  tags,
  summary: 'Remove someone from the team (never the last event_admin)',
  security,
  params: eventParams.merge(userParams),
  body: reasonBody,
  response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
};

export const deleteMyEventRoles = {
  tags,
  summary: 'Leave an event: your own roles in it end (not if you are its last event_admin)',
  security,
  params: eventParams,
  body: reasonBody,
  response: { 204: z.null(), ...errorResponses(400, 401, 404, 409) },
};

export const getOrganizationTeam = {
  tags,
  summary: "An organization's members with what the caller may do with each",
  security,
  params: orgParams,
  querystring: teamQuery,
  response: { 200: teamPage, ...errorResponses(400, 401, 404) },
};

export const postOrganizationTeam = {
  tags,
  summary: 'Add someone with a Steward account to the organization, by email (org_admins)',
  security,
  params: orgParams,
  body: addBody(organizationRoles),
  response: { 200: z.object({ member: teamMember }), ...errorResponses(400, 401, 403, 404, 409) },
};

export const putOrganizationTeamMember = {
  tags,
  summary: "Change an organization member's role or expiry (org_admins)",
  security,
  params: orgParams.merge(userParams),
  body: assignBody(organizationRoles),
  response: { 200: z.object({ member: teamMember }), ...errorResponses(400, 401, 403, 404, 409) },
};

export const deleteOrganizationTeamMember = {
  tags,
  summary: 'Remove someone from the organization (never the last org_admin)',
  security,
  params: orgParams.merge(userParams),
  body: reasonBody,
  response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
};

export const deleteMyOrganizationRoles = {
  tags,
  summary: 'Leave an organization: your own roles in it end (not if you are its last org_admin)',
  security,
  params: orgParams,
  body: reasonBody,
  response: { 204: z.null(), ...errorResponses(400, 401, 404, 409) },
};
