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

/** An optional reason for a change, kept in the audit log; blank means none. */
export const reasonInput = z
  .string()
  .trim()
  .max(500, 'Keep the reason under 500 characters')
  .transform((r) => (r === '' ? null : r))
  .nullable()
  .optional()
  .describe('Why, for the audit log (optional)');

/**
 * The body of a change whose only input is an optional reason; an empty body is fine too (a
 * DELETE usually has none, which Fastify hands over as null).
 */
export const reasonBody = z
  .object({ reason: reasonInput })
  .strict()
  .nullish()
  .transform((body) => body ?? {});

/** The part of an address that names an organization or event: stable, readable, unique. */
export const slugInput = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, 'Use at least 2 characters')
  .max(60, 'Use at most 60 characters')
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'Use lowercase letters, digits and single hyphens, starting and ending with a letter or digit',
  );

/** A web address people can follow: http or https only. Blank means none. */
export const websiteInput = z
  .string()
  .trim()
  .max(500)
  .transform((v) => (v === '' ? null : v))
  .pipe(
    z
      .url({ protocol: /^https?$/, error: 'Enter a web address starting with https:// or http://' })
      .nullable(),
  )
  .nullable();

/** An instant as JSON carries it. */
export const instant = z.iso.datetime({ offset: true });

/** A location as events and sessions show it: its basic details, never the private ones. */
export const locationRef = z
  .object({
    id: z.string(),
    name: z.string(),
    address: z.string(),
    region: z.object({ id: z.string(), name: z.string() }).nullable(),
    archived: z.boolean().describe('Kept where it was used, but no longer offered in the picker'),
  })
  .meta({ id: 'LocationRef' });
