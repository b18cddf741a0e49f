import { z } from 'zod';
import {
  errorResponses,
  instant,
  locationRef,
  reasonBody,
  reasonInput,
} from '../../http/schemas.js';
import { eventParams } from '../events/schema.js';

const security = [{ session: [] }];
const tags = ['sessions'];

export const session = z
  .object({
    id: z.string(),
    name: z.string(),
    startsAt: instant,
    endsAt: instant,
    location: locationRef.nullable().describe("Null: at the event's own location"),
    requiredForAttendees: z
      .boolean()
      .describe('Every attendee takes part: chosen for them, and it cannot be left out'),
    volunteersOnly: z.boolean().describe('Only volunteers may choose it'),
  })
  .meta({ id: 'Session' });

const sessionParams = eventParams.extend({ sessionId: z.string().min(1).max(100) });

const fields = {
  name: z.string().trim().min(1, 'Enter a name').max(160, 'Use at most 160 characters'),
  startsAt: instant,
  endsAt: instant.describe('After the start'),
  locationId: z
    .string()
    .min(1)
    .max(100)
    .nullable()
    .describe('A location that is not archived (or the one already set); null: the event’s own'),
  requiredForAttendees: z.boolean(),
  volunteersOnly: z.boolean(),
};

export const getSessions = {
  tags,
  summary: "An event's sessions, by start time (whoever may see the event)",
  params: eventParams,
  response: { 200: z.object({ sessions: z.array(session) }), ...errorResponses(400, 404) },
};

export const postSession = {
  tags,
  summary: 'Add a session to an event (event.update)',
  security,
  params: eventParams,
  body: z
    .object({
      ...fields,
      locationId: fields.locationId.optional(),
      requiredForAttendees: fields.requiredForAttendees.default(false),
      volunteersOnly: fields.volunteersOnly.default(false),
      reason: reasonInput,
    })
    .strict(),
  response: { 201: z.object({ session }), ...errorResponses(400, 401, 403, 404) },
};

export const patchSession = {
  tags,
  summary: 'Change a session (event.update); a session becoming required joins attendee RSVPs',
  security,
  params: sessionParams,
  body: z
    .object({ ...fields, reason: reasonInput })
    .partial()
    .strict(),
  response: { 200: z.object({ session }), ...errorResponses(400, 401, 403, 404) },
};

export const deleteSession = {
  tags,
  summary: 'Remove a session (event.update); refused once someone checked in to it',
  security,
  params: sessionParams,
  body: reasonBody,
  response: {
    204: z.null().describe('Removed'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
};
