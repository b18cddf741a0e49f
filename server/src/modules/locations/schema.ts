import { z } from 'zod';
import { errorResponses, locationRef, reasonBody, reasonInput } from '../../http/schemas.js';
import { pageFields, pageOf } from '../organizations/schema.js';

const security = [{ session: [] }];
const tags = ['locations'];

// Any string: an id that names nothing answers 404.
const locationParams = z.object({ locationId: z.string().min(1).max(100) });
const name = z.string().trim().min(1, 'Enter a name').max(200, 'Use at most 200 characters');
const address = z.string().trim().max(500, 'Use at most 500 characters');
const regionId = z.uuid('Choose a region from the list').nullable();

export const locationSummary = locationRef
  .extend({
    eventCount: z
      .number()
      .int()
      .describe(
        'Public events that use it, as their location or for a session (not drafts, spam or suspended ones); whether any event uses it is can.delete',
      ),
  })
  .meta({ id: 'LocationSummary' });

const privateDetails = z.object({
  contactName: z.string(),
  contactEmail: z.string(),
  contactPhone: z.string(),
  notes: z.string(),
});

export const location = locationSummary
  .extend({
    privateDetails: privateDetails
      .nullable()
      .describe("The venue's contact and notes: region leaders and system admins only"),
    events: z
      .array(
        z.object({
          id: z.string(),
          name: z.string(),
          slug: z.string(),
          startsOn: z.string().nullable(),
        }),
      )
      .describe('The public events held there, soonest first'),
    can: z
      .object({
        updateBasic: z.boolean(),
        viewPrivate: z.boolean(),
        updatePrivate: z.boolean(),
        archive: z.boolean().describe('Archive or unarchive it'),
        delete: z.boolean().describe('Allowed and no event or session uses it'),
      })
      .describe('What the caller may do here now; the server checks again on each change'),
  })
  .meta({ id: 'Location' });

export const getLocations = {
  tags,
  summary: 'Locations by name (anyone); archived ones only when asked for',
  querystring: z.object({
    ...pageFields,
    regionId: z.uuid('Choose a region from the list').optional(),
    archived: z
      .enum(['exclude', 'include', 'only'])
      .default('exclude')
      .describe('exclude (the default, as the picker asks), include, or only archived ones'),
  }),
  response: { 200: pageOf(locationSummary), ...errorResponses(400) },
};

export const postLocation = {
  tags,
  summary: 'Create a location (anyone signed in)',
  security,
  body: z
    .object({
      name,
      address: address.default(''),
      regionId: regionId.default(null),
      reason: reasonInput,
    })
    .strict(),
  response: { 201: z.object({ location }), ...errorResponses(400, 401, 403) },
};

export const getLocation = {
  tags,
  summary: 'A location; its private details only for region leaders and system admins',
  params: locationParams,
  response: { 200: z.object({ location }), ...errorResponses(400, 404) },
};

export const patchLocation = {
  tags,
  summary: "Change a location's name, address or region",
  security,
  params: locationParams,
  body: z.object({ name, address, regionId, reason: reasonInput }).partial().strict(),
  response: { 200: z.object({ location }), ...errorResponses(400, 401, 403, 404) },
};

const contact = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max.toLocaleString('en')} characters`);

export const putPrivateDetails = {
  tags,
  summary: "Set a location's private details (region leaders, system admins)",
  security,
  params: locationParams,
  body: z
    .object({
      contactName: contact(200),
      contactEmail: z
        .string()
        .trim()
        .toLowerCase()
        .max(320)
        .pipe(z.union([z.literal(''), z.email('Enter a valid email address')]))
        .describe('Blank: none'),
      contactPhone: contact(50),
      notes: contact(5000),
      reason: reasonInput,
    })
    .strict(),
  response: { 200: z.object({ location }), ...errorResponses(400, 401, 403, 404) },
};

const archiving = (summary: string) => ({
  tags,
  summary,
  security,
  params: locationParams,
  body: reasonBody,
  response: { 200: z.object({ location }), ...errorResponses(400, 401, 403, 404, 409) },
});

export const archiveLocation = archiving(
  'Archive a location: events keep it, the picker no longer offers it',
);
export const unarchiveLocation = archiving('Offer an archived location in the picker again');

export const deleteLocation = {
  tags,
  summary: 'Delete a location that no event or session uses (anyone signed in)',
  security,
  params: locationParams,
  body: reasonBody,
  response: {
    204: z.null().describe('Deleted'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
};
