import { z } from 'zod';
import { emailInput, errorResponses, newPasswordInput, userSummary } from '../../http/schemas.js';

const password = z.string().min(1, 'Enter your password').max(1024);
const code = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app');

const profile = userSummary
  .extend({ pronouns: z.string().nullable(), twoFactorEnabled: z.boolean() })
  .meta({ id: 'Profile' });

export const patchAccount = {
  tags: ['account'],
  summary: 'Change your name or pronouns',
  body: z
    .object({
      name: z.string().trim().min(1, 'Enter your name').max(200),
      pronouns: z.string().trim().max(40).nullable(),
    })
    .partial(),
  response: { 200: z.object({ user: profile }), ...errorResponses(400, 401) },
};

export const postPassword = {
  tags: ['account'],
  summary: 'Change your password; your other sessions end',
  body: z.object({ currentPassword: password, newPassword: newPasswordInput }),
  response: { 204: z.null().describe('Password changed'), ...errorResponses(400, 401, 429) },
};

export const postEmail = {
  tags: ['account'],
  summary: 'Change your email address (with your password): a link goes to the new one',
  body: z.object({ newEmail: emailInput, password }),
  response: {
    202: z.object({ status: z.literal('accepted') }),
    ...errorResponses(400, 401, 429),
  },
};

export const postTwoFactorEnable = {
  tags: ['account'],
  summary: 'Start setting up two-factor: the authenticator secret and backup codes',
  description:
    'The only answer that carries the secret, once, for the person to scan. Two-factor is on ' +
    'only after a first code is confirmed.',
  body: z.object({ password }),
  response: {
    200: z.object({ totpURI: z.string(), backupCodes: z.array(z.string()) }),
    ...errorResponses(400, 401, 429),
  },
};

export const postTwoFactorConfirm = {
  tags: ['account'],
  summary: 'Confirm two-factor with a first code; it is on from now',
  body: z.object({ code }),
  response: { 204: z.null().describe('Two-factor is on'), ...errorResponses(400, 401, 429) },
};

export const postTwoFactorDisable = {
  tags: ['account'],
  summary: 'Turn two-factor off',
  body: z.object({ password }),
  response: { 204: z.null().describe('Two-factor is off'), ...errorResponses(400, 401, 429) },
};

export const postBackupCodes = {
  tags: ['account'],
  summary: 'Make new backup codes; the old ones stop working',
  body: z.object({ password }),
  response: {
    200: z.object({ backupCodes: z.array(z.string()) }),
    ...errorResponses(400, 401, 429),
  },
};

export const getExport = {
  tags: ['account'],
  summary: 'Download your data as JSON',
  response: { 200: z.record(z.string(), z.unknown()), ...errorResponses(401) },
};

export const deleteAccount = {
  tags: ['account'],
  summary: 'Delete your account',
  description:
    'Your name, email address, password and sessions are erased. Reports you made stay with ' +
    'their event, attributed to "deleted user". Your RSVPs to events to come are cancelled, ' +
    'so the next people on the waitlists get your places. Refused while you are the last ' +
    'admin of something.',
  body: z.object({ password }),
  response: { 204: z.null().describe('Account deleted'), ...errorResponses(400, 401, 409, 429) },
};

export const putAvatar = {
  tags: ['account'],
  summary: 'Set your profile picture (the image bytes as the body)',
  description:
    'Send the picture itself as the request body, with an image Content-Type. PNG, JPEG, WebP ' +
    'or GIF, at most 512 KB; the type is read from the bytes.',
  response: {
    204: z.null().describe('Picture set'),
    ...errorResponses(400, 401, 413, 415),
  },
};

export const deleteAvatar = {
  tags: ['account'],
  summary: 'Remove your profile picture',
  response: { 204: z.null().describe('Picture removed'), ...errorResponses(401) },
};

export const getAvatar = {
  tags: ['account'],
  summary: "A person's profile picture",
  params: z.object({ userId: z.string().max(64) }),
  response: { 404: errorResponses(404)[404] },
};
