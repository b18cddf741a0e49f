import { z } from 'zod';
import { emailInput, errorResponses, newPasswordInput, userSummary } from '../../http/schemas.js';

const token = z.string().min(16).max(200).describe('The token from the setup link');

export const getSetupStatus = {
  tags: ['setup'],
  summary: 'Whether Steward still waits for its first system admin',
  response: { 200: z.object({ needed: z.boolean() }) },
};

export const postSetupCheck = {
  tags: ['setup'],
  summary: 'Check a setup link before filling in the form',
  body: z.object({ token }),
  response: { 200: z.object({ valid: z.literal(true) }), ...errorResponses(400, 404, 409, 429) },
};

export const postSetup = {
  tags: ['setup'],
  summary: 'Create the first system admin with a setup link, and sign them in',
  body: z.object({
    token,
    name: z.string().trim().min(1, 'Enter your name').max(200),
    email: emailInput,
    password: newPasswordInput,
  }),
  response: { 201: z.object({ user: userSummary }), ...errorResponses(400, 404, 409, 429) },
};
