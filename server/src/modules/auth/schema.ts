import { z } from 'zod';
import { roles } from '@steward/permissions';
import { emailInput, errorResponses, newPasswordInput, userSummary } from '../../http/schemas.js';

const token = z.string().min(16).max(2000).describe('The token from the emailed link');

/** What a successful answer says when an email may or may not have gone out. */
const accepted = z.object({ status: z.literal('accepted') });

export const postSignIn = {
  tags: ['auth'],
  summary: 'Sign in with email and password',
  description:
    'Answers `two_factor_required` when the account uses two-factor: send the code to ' +
    '`POST /api/auth/two-factor` next, with the cookie this answer sets.',
  body: z.object({
    email: emailInput,
    password: z.string().min(1, 'Enter your password').max(1024),
  }),
  response: {
    200: z.discriminatedUnion('status', [
      z.object({ status: z.literal('signed_in'), user: userSummary }),
      z.object({ status: z.literal('two_factor_required') }),
    ]),
    ...errorResponses(400, 401, 403, 429),
  },
};

export const postTwoFactor = {
  tags: ['auth'],
  summary: 'Finish signing in with a two-factor code or a backup code',
  body: z.object({
    code: z
      .string()
      .trim()
      .min(6, 'Enter the 6-digit code, or a backup code')
      .max(64)
      .transform((c) => c.replace(/\s+/g, '')),
    trustDevice: z.boolean().default(false),
  }),
  response: {
    200: z.object({ status: z.literal('signed_in'), user: userSummary }),
    ...errorResponses(400, 401, 403, 429),
  },
};

export const postSignUp = {
  tags: ['auth'],
  summary: 'Create an account; a confirmation link is emailed',
  description:
    'Answers the same whether or not the address already has an account, so that nobody can ' +
    'find out who has one. The owner of an existing account is told by email instead.',
  body: z.object({
    name: z.string().trim().min(1, 'Enter your name').max(200),
    email: emailInput,
    password: newPasswordInput,
    invitation: token
      .optional()
      .describe(
        'The token of an email invitation to this address: the account is confirmed and the ' +
          'invitation accepted at once, and the answer (201) signs the person in',
      ),
    inviteLink: token
      .optional()
      .describe(
        'The token of an invite link: lets a newcomer sign up where only invited people may',
      ),
  }),
  response: {
    201: z.object({ status: z.literal('joined'), next: z.string() }),
    202: accepted,
    ...errorResponses(400, 403, 404, 409, 429),
  },
};

export const postVerifyEmail = {
  tags: ['auth'],
  summary: 'Confirm an email address with the emailed token',
  body: z.object({ token }),
  response: {
    200: z.object({ status: z.literal('verified'), email: z.email() }),
    ...errorResponses(400, 429),
  },
};

export const postResendVerification = {
  tags: ['auth'],
  summary: 'Send a new confirmation link',
  body: z.object({ email: emailInput }),
  response: { 202: accepted, ...errorResponses(400, 429) },
};

export const postForgotPassword = {
  tags: ['auth'],
  summary: 'Email a password reset link',
  description: 'Answers the same whether or not the address has an account.',
  body: z.object({ email: emailInput }),
  response: { 202: accepted, ...errorResponses(400, 429) },
};

export const postResetPassword = {
  tags: ['auth'],
  summary: 'Choose a new password with the emailed token; every session ends',
  body: z.object({ token, password: newPasswordInput }),
  response: { 204: z.null().describe('Password changed'), ...errorResponses(400, 429) },
};

export const postSignOut = {
  tags: ['auth'],
  summary: 'Sign out of this session',
  response: { 204: z.null().describe('Signed out') },
};

export const postSignOutEverywhere = {
  tags: ['auth'],
  summary: 'Sign out of every session, on every device',
  response: { 204: z.null().describe('Signed out everywhere'), ...errorResponses(401) },
};

export const getSession = {
  tags: ['auth'],
  summary: 'The signed-in user, or null',
  response: {
    200: z.object({
      user: userSummary
        .extend({
          systemRoles: z.array(z.enum(roles as [string, ...string[]])),
          pronouns: z.string().nullable(),
          twoFactorEnabled: z.boolean(),
          image: z
            .string()
            .nullable()
            .describe("The URL of the user's profile picture, or null when they have none"),
          mfaSetupRequired: z
            .boolean()
            .describe('The user holds an admin role that requires two-factor, and has none yet'),
        })
        .nullable(),
      signUp: z.enum(['open', 'invite_only']),
    }),
  },
};
