import { z } from 'zod';
import { errorResponses, reasonBody, reasonInput } from '../../http/schemas.js';
import { pageFields, pageOf } from '../organizations/schema.js';
import { leaderInput, scopeLeader } from '../roles/schema.js';

const security = [{ session: [] }];
const tags = ['regions'];

// Any string: an id that names nothing answers 404.
const regionParams = z.object({ regionId: z.string().min(1).max(100) });
const name = z.string().trim().min(1, 'Enter a name').max(120, 'Use at most 120 characters');
const description = z.string().trim().max(5000, 'Use at most 5,000 characters');

export const regionSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    locationCount: z.number().int().describe('Its locations, archived ones included'),
  })
  .meta({ id: 'RegionSummary' });

export const region = regionSummary
  .extend({
    leaders: z.array(scopeLeader),
    can: z
      .object({
        update: z.boolean(),
        manageLeaders: z.boolean(),
        delete: z.boolean().describe('Allowed and the region has no locations'),
      })
      .describe('What the caller may do here now; the server checks again on each change'),
  })
  .meta({ id: 'Region' });

export const getRegions = {
  tags,
  summary: 'Regions, by name (anyone)',
  querystring: z.object(pageFields),
  response: { 200: pageOf(regionSummary), ...errorResponses(400) },
};

export const postRegion = {
  tags,
  summary: 'Create a region (anyone signed in); its creator becomes its region_leader',
  security,
  body: z.object({ name, description: description.default(''), reason: reasonInput }).strict(),
  response: { 201: z.object({ region }), ...errorResponses(400, 401, 403) },
};

export const getRegion = {
  tags,
  summary: 'A region with its leaders (anyone)',
  params: regionParams,
  response: { 200: z.object({ region }), ...errorResponses(400, 404) },
};

export const patchRegion = {
  tags,
  summary: "Change a region's name or description (its leaders, system admins)",
  security,
  params: regionParams,
  body: z.object({ name, description, reason: reasonInput }).partial().strict(),
  response: { 200: z.object({ region }), ...errorResponses(400, 401, 403, 404) },
};

export const deleteRegion = {
  tags,
  summary: 'Delete a region that has no locations (anyone signed in)',
  security,
  params: regionParams,
  body: reasonBody,
  response: {
    204: z.null().describe('Deleted'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
};

export const postLeader = {
  tags,
  summary: 'Make someone with a Steward account a leader of the region',
  security,
  params: regionParams,
  body: leaderInput,
  response: { 200: z.object({ region }), ...errorResponses(400, 401, 403, 404) },
};

export const deleteLeader = {
  tags,
  summary: 'Remove a leader from the region',
  security,
  params: regionParams.extend({ userId: z.string().min(1).max(100) }),
  body: reasonBody,
  response: { 200: z.object({ region }), ...errorResponses(400, 401, 403, 404) },
};
