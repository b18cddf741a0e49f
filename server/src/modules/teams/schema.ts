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

/**
 * The routes of one kind of team (an event's, an organization's), mounted on its own path: the
 * same shapes, with that kind's path parameters and roles.
 */
export function teamSchemas<P extends z.ZodObject, R extends readonly [string, ...string[]]>(
  params: P,
  roles: R,
  what: { one: string; admin: string },
) {
  const assignBody = z.object({ role: z.enum(roles), expiresAt, reason: reasonInput }).strict();
  const member = params.merge(userParams);
  const memberResponse = {
    200: z.object({ member: teamMember }),
    ...errorResponses(400, 401, 403, 404, 409),
  };
  return {
    list: {
      tags,
      summary: `The members of ${what.one}: explicit roles, and for an event those inherited from its organization or chapter`,
      security,
      params,
      querystring: teamQuery,
      response: { 200: teamPage, ...errorResponses(400, 401, 403, 404) },
    },
    add: {
      tags,
      summary: `Add someone with a Steward account to ${what.one}, by email`,
      security,
      params,
      body: assignBody.extend({ email: emailInput.describe('Someone with a Steward account') }),
      response: memberResponse,
    },
    change: {
      tags,
      summary: "Change a member's role, expiry or both (a missing expiry means none); audited",
      security,
      params: member,
      body: assignBody,
      response: memberResponse,
    },
    remove: {
      tags,
      summary: `Remove someone from ${what.one} (never its last ${what.admin})`,
      security,
      params: member,
      body: reasonBody,
      response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
    },
    leave: {
      tags,
      summary: `Leave ${what.one}: your own roles end (not if you are its last ${what.admin})`,
      security,
      params,
      body: reasonBody,
      response: { 204: z.null(), ...errorResponses(400, 401, 404, 409) },
    },
  };
}

export const eventTeamSchemas = teamSchemas(eventParams, teamRoles, {
  one: 'an event',
  admin: 'event_admin',
});
export const organizationTeamSchemas = teamSchemas(orgParams, organizationRoles, {
  one: 'an organization',
  admin: 'org_admin',
});
