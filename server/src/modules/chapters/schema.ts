import { z } from 'zod';
import { errorResponses, reasonBody, reasonInput, slugInput } from '../../http/schemas.js';
import { orgParams, pageFields, pageOf } from '../organizations/schema.js';
import { leaderInput, scopeLeader } from '../roles/schema.js';

const security = [{ session: [] }];
const tags = ['chapters'];

const chapterParams = z.object({ chapterId: z.string().min(1).max(100) });
const name = z.string().trim().min(1, 'Enter a name').max(120, 'Use at most 120 characters');

export const chapter = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    organization: z.object({ id: z.string(), name: z.string() }),
    eventCount: z.number().int(),
    leaders: z.array(scopeLeader),
    can: z.object({
      update: z.boolean(),
      manageLeaders: z.boolean(),
      delete: z.boolean().describe('Allowed and the chapter has no events'),
      createEvent: z.boolean(),
    }),
  })
  .meta({ id: 'Chapter' });

export const getChapters = {
  tags,
  summary: "An organization's chapters (to those who may view the organization or lead one)",
  security,
  params: orgParams,
  querystring: z.object(pageFields),
  response: { 200: pageOf(chapter), ...errorResponses(400, 401, 404) },
};

export const postChapter = {
  tags,
  summary: 'Create a chapter (org_admins and system admins)',
  security,
  params: orgParams,
  body: z.object({ name, slug: slugInput, reason: reasonInput }).strict(),
  response: { 201: z.object({ chapter }), ...errorResponses(400, 401, 403, 404, 409) },
};

export const getChapter = {
  tags,
  summary: 'A chapter with its leaders',
  security,
  params: chapterParams,
  response: { 200: z.object({ chapter }), ...errorResponses(400, 401, 404) },
};

export const patchChapter = {
  tags,
  summary: "Change a chapter's name or slug (its leaders, org_admins, system admins)",
  security,
  params: chapterParams,
  body: z.object({ name, slug: slugInput, reason: reasonInput }).partial().strict(),
  response: { 200: z.object({ chapter }), ...errorResponses(400, 401, 403, 404, 409) },
};

export const deleteChapter = {
  tags,
  summary: 'Delete a chapter that has no events (system admins)',
  security,
  params: chapterParams,
  body: reasonBody,
  response: {
    204: z.null().describe('Deleted'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
};

export const putLeader = {
  tags,
  summary: 'Make someone with a Steward account a leader of the chapter',
  security,
  params: chapterParams,
  body: leaderInput,
  response: { 200: z.object({ chapter }), ...errorResponses(400, 401, 403, 404, 409) },
};

export const deleteLeader = {
  tags,
  summary: 'Remove a leader from the chapter',
  security,
  params: chapterParams.extend({ userId: z.string().min(1).max(100) }),
  body: reasonBody,
  response: { 200: z.object({ chapter }), ...errorResponses(400, 401, 403, 404) },
};
