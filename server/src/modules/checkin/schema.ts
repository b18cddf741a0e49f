import { z } from 'zod';
import { errorResponses, instant } from '../../http/schemas.js';
import { eventParams } from '../events/schema.js';
import { rsvpKind } from '../rsvps/schema.js';
import { PEOPLE_LIMIT } from './repository.js';

const security = [{ session: [] }];
const tags = ['check-in'];

const counts = z
  .object({
    expected: z
      .number()
      .int()
      .describe('Confirmed RSVPs that chose the session (all confirmed ones for the event itself)'),
    checkedIn: z.number().int(),
  })
  .meta({ id: 'CheckinCounts' });

/** Someone at the door: a name, the kind and the place; never an address or an account id. */
const person = z
  .object({
    rsvpId: z.string(),
    name: z.string(),
    kind: rsvpKind,
    status: z
      .enum(['confirmed', 'waitlisted', 'cancelled'])
      .describe('Waitlisted people are listed so the door can let them in when there is room'),
    checkedIn: z.boolean(),
    checkedInAt: instant.nullable(),
  })
  .meta({ id: 'CheckinPerson' });

const sessionId = z
  .string()
  .min(1)
  .max(100)
  .describe('The session; left out (or null) for the event itself when it has no sessions');

export const getCheckin = {
  tags,
  summary: 'The sessions to check people in to, with live counts (the event itself if none)',
  security,
  params: eventParams,
  response: {
    200: z.object({
      event: z.object({
        id: z.string(),
        name: z.string(),
        slug: z.string(),
        timeZone: z.string().describe("The event's time zone: the door says times on its clock"),
      }),
      sessions: z.array(
        z.object({
          id: z.string().nullable().describe('null: the event itself (it has no sessions)'),
          name: z.string(),
          startsAt: instant.nullable().describe('null for the event itself'),
          endsAt: instant.nullable().describe('null for the event itself'),
          counts,
        }),
      ),
    }),
    ...errorResponses(400, 401, 403, 404),
  },
};

export const getPeople = {
  tags,
  summary: 'The people of a session at the door, searched by name: names only',
  description: `At most ${PEOPLE_LIMIT}, by name; \`total\` says how many match (search to narrow).`,
  security,
  params: eventParams,
  querystring: z.object({
    sessionId: sessionId.optional(),
    q: z.string().trim().max(200).optional().describe('Part of a name (any case)'),
  }),
  response: {
    200: z.object({
      people: z.array(person).describe(`The first ${PEOPLE_LIMIT} by name`),
      total: z.number().int().describe('How many people match the search'),
      counts,
    }),
    ...errorResponses(400, 401, 403, 404),
  },
};

const change = {
  body: z
    .object({ rsvpId: z.string().min(1).max(100), sessionId: sessionId.nullable().default(null) })
    .strict(),
  response: {
    200: z.object({ person, counts }),
    ...errorResponses(400, 401, 403, 404, 409),
  },
};

export const postCheckin = {
  tags,
  summary: 'Check someone in to a session (or the event itself); again is a harmless no-op',
  security,
  params: eventParams,
  ...change,
};

export const deleteCheckin = {
  tags,
  summary: 'Undo a check-in; undoing one that is not there is a harmless no-op',
  security,
  params: eventParams,
  ...change,
};
