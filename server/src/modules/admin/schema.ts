import { z } from 'zod';
import { errorResponses, instant, reasonBody } from '../../http/schemas.js';
import { systemSettingDefinitions } from '../settings/definitions.js';

/** The roles held at system scope: the only ones this area grants, and only here. */
export const systemRoles = ['system_admin', 'publisher'] as const;
export type SystemRole = (typeof systemRoles)[number];
const systemRole = z.enum(systemRoles);

export const userStatuses = ['active', 'unverified', 'deactivated', 'deleted'] as const;
export type UserStatus = (typeof userStatuses)[number];

export const adminUser = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    status: z
      .enum(userStatuses)
      .describe(
        '`deleted` outranks `deactivated`, which outranks `unverified` (email not confirmed)',
      ),
    twoFactorEnabled: z.boolean(),
    systemRoles: z.array(systemRole),
    createdAt: instant,
    deactivatedAt: instant.nullable(),
    isYou: z.boolean().describe('This is the signed-in admin'),
    can: z
      .object({
        deactivate: z.boolean(),
        reactivate: z.boolean(),
        resetTwoFactor: z.boolean(),
        grant: z.array(systemRole).describe('System roles the caller may give this user now'),
        revoke: z.array(systemRole).describe('System roles the caller may take away now'),
      })
      .describe('What the caller may do with this user; the server checks again on each change'),
  })
  .meta({ id: 'AdminUser' });

// Any string: an id that names nobody answers 404 like one the caller may not see.
const userParams = z.object({ id: z.string().min(1).max(100) });
const userResponse = {
  200: z.object({ user: adminUser }),
  ...errorResponses(400, 401, 403, 404, 409),
};
const security = [{ session: [] }];

export const getUsers = {
  tags: ['admin'],
  summary: 'Search the people of this Steward, newest first (system admins)',
  security,
  querystring: z.object({
    q: z.string().trim().max(200).optional().describe('Part of a name or email address'),
    status: z.enum(userStatuses).optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(25),
  }),
  response: {
    200: z.object({
      items: z.array(adminUser),
      page: z.number().int(),
      pageSize: z.number().int(),
      total: z.number().int(),
    }),
    ...errorResponses(400, 401, 403, 404),
  },
};

export const getUser = {
  tags: ['admin'],
  summary: 'One person, with what the caller may do with them (system admins)',
  security,
  params: userParams,
  response: { 200: z.object({ user: adminUser }), ...errorResponses(400, 401, 403, 404) },
};

export const postDeactivate = {
  tags: ['admin'],
  summary: 'Deactivate a user: their sessions end at once and they cannot sign in',
  security,
  params: userParams,
  body: reasonBody,
  response: userResponse,
};

export const postReactivate = {
  tags: ['admin'],
  summary: 'Reactivate a deactivated user: they can sign in again',
  security,
  params: userParams,
  body: reasonBody,
  response: userResponse,
};

export const postResetTwoFactor = {
  tags: ['admin'],
  summary: "Reset a user's two-factor: it is off, and their sessions end",
  description:
    'For someone who lost their authenticator and backup codes. They sign in with their ' +
    'password alone next time, and set two-factor up again (admins are asked to).',
  security,
  params: userParams,
  body: reasonBody,
  response: userResponse,
};

const roleParams = userParams.extend({ role: systemRole });

export const putSystemRole = {
  tags: ['admin'],
  summary: 'Grant a system role (system_admin or publisher)',
  security,
  params: roleParams,
  body: reasonBody,
  response: userResponse,
};

export const deleteSystemRole = {
  tags: ['admin'],
  summary: 'Revoke a system role; the last system_admin keeps theirs',
  security,
  params: roleParams,
  body: reasonBody,
  response: userResponse,
};

const defs = systemSettingDefinitions;
const settingOf = <T extends z.ZodType>(value: T) =>
  z.object({ value, default: value, explanation: z.string() });

export const systemSettingsView = z
  .object({
    signUp: settingOf(defs.signUp.schema).extend({ choices: z.array(defs.signUp.schema) }),
    requireMfaForAdmins: settingOf(defs.requireMfaForAdmins.schema),
  })
  .meta({ id: 'SystemSettings' });

export const getSettings = {
  tags: ['admin'],
  summary: 'The system settings, each with its default and what it means (system admins)',
  security,
  response: { 200: z.object({ settings: systemSettingsView }), ...errorResponses(401, 403, 404) },
};

export const patchSettings = {
  tags: ['admin'],
  summary: 'Change system settings; each change is audited',
  security,
  body: z
    .object({
      signUp: defs.signUp.schema.optional(),
      requireMfaForAdmins: defs.requireMfaForAdmins.schema.optional(),
    })
    .strict(),
  response: {
    200: z.object({ settings: systemSettingsView }),
    ...errorResponses(400, 401, 403, 404),
  },
};
