import { z } from 'zod';
import { passwordProblem } from '../auth/password-policy.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/passwords.js';
import { errorCodes } from '../errors.js';

/** The body of every error response, for route schemas and the OpenAPI document. */
export const errorBody = z
  .object({
    error: z.object({
      code: z.enum(
        Object.keys(errorCodes) as [keyof typeof errorCodes, ...(keyof typeof errorCodes)[]],
      ),
      message: z.string(),
      details: z.array(z.object({ field: z.string().optional(), message: z.string() })).optional(),
      requestId: z.string(),
    }),
  })
  .meta({ id: 'Error' });

/** Response schemas for the error statuses a route can answer with. */
export function errorResponses<const S extends readonly number[]>(...statuses: S) {
  return Object.fromEntries(statuses.map((s) => [s, errorBody])) as {
    [K in S[number]]: typeof errorBody;
  };
}

export const userSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.email(),
  })
  .meta({ id: 'UserSummary' });

/** An email address as people type it: surrounding spaces and capitals do not matter. */
export const emailInput = z
  .string()
  .trim()
  .toLowerCase()
  .max(320)
  .pipe(z.email('Enter a valid email address'));

/** A password someone is choosing: long enough, and not one of the most common ones. */
export const newPasswordInput = z
  .string()
  .min(PASSWORD_MIN_LENGTH, {
    error: `Use at least ${PASSWORD_MIN_LENGTH} characters`,
    abort: true,
  })
  .max(PASSWORD_MAX_LENGTH, { error: `Use at most ${PASSWORD_MAX_LENGTH} characters`, abort: true })
  .superRefine((password, ctx) => {
    const problem = passwordProblem(password);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
