import { z } from 'zod';
import { roles } from '@steward/permissions';
import { emailInput, errorResponses, userSummary } from '../../http/schemas.js';

export const postSignIn = {
  tags: ['auth'],
  summary: 'Sign in with email and password',
  body: z.object({
    email: emailInput,
    password: z.string().min(1, 'Enter your password').max(1024),
  }),
  response: { 200: z.object({ user: userSummary }), ...errorResponses(400, 401, 429) },
};

export const postSignOut = {
  tags: ['auth'],
  summary: 'Sign out of this session',
  response: { 204: z.null().describe('Signed out') },
};

export const getSession = {
  tags: ['auth'],
  summary: 'The signed-in user, or null',
  response: {
    200: z.object({
      user: userSummary
        .extend({ systemRoles: z.array(z.enum(roles as [string, ...string[]])) })
        .nullable(),
    }),
  },
};
