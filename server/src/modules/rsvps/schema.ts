import { z } from 'zod';
import { errorResponses, instant, locationRef } from '../../http/schemas.js';
import { eventParams } from '../events/schema.js';

const security = [{ session: [] }];
const tags = ['rsvps'];

export const rsvpKind = z.enum(['attendee', 'volunteer']);

export const myRsvp = z
  .object({
    id: z.string(),
    kind: rsvpKind,
    status: z.enum(['confirmed', 'waitlisted']),
    waitlistPosition: z
      .number()
      .int()
      .nullable()
      .describe('1 for the next to get a place; null unless waitlisted'),
    sessionIds: z.array(z.string()).describe('The sessions chosen, by start time'),
    shareEmail: z.boolean().describe('The organizers may see their email address'),
    createdAt: instant,
  })
  .meta({ id: 'MyRsvp' });

const places = z.object({
  capacity: z.number().int().nullable().describe('Confirmed places; null: no limit'),
  confirmed: z.number().int(),
  waitlisted: z.number().int(),
});

export const rsvpSummary = z
  .object({
    open: z.boolean().describe('The event takes RSVPs now'),
    attendee: places,
    volunteer: places,
  })
  .meta({ id: 'RsvpSummary' });

/** No input: an empty object or no body at all (a DELETE usually has none). */
const noBody = z.object({}).strict().nullish();

const rsvpAnswer = z.object({ rsvp: myRsvp.nullable(), summary: rsvpSummary });

export const getRsvp = {
  tags,
  summary: "The caller's RSVP for an event, and how full it is",
  security,
  params: eventParams,
  response: { 200: rsvpAnswer, ...errorResponses(400, 401, 404) },
};

const sessionIds = z
  .array(z.string().min(1).max(100))
  .max(200, 'Choose at most 200 sessions')
  .refine((ids) => new Set(ids).size === ids.length, 'Each session appears once')
  .default([])
  .describe(
    "The sessions chosen; an attendee gets the event's required sessions whatever this says",
  );

export const putRsvp = {
  tags,
  summary: 'RSVP as attendee or volunteer, or change one (while the event takes RSVPs)',
  description:
    'Creates the RSVP (201) or changes it (200). A place is confirmed while the kind has room, ' +
    'otherwise the RSVP joins the waitlist. Changing the kind joins the back of the new ' +
    "kind's queue; changing only sessions or shareEmail keeps the place.",
  security,
  params: eventParams,
  body: z
    .object({
      kind: rsvpKind,
      sessionIds,
      shareEmail: z.boolean().default(false),
    })
    .strict(),
  response: {
    200: rsvpAnswer,
    201: rsvpAnswer,
    ...errorResponses(400, 401, 403, 404),
  },
};

export const deleteRsvp = {
  tags,
  summary: "Cancel the caller's RSVP; the waitlist moves up",
  security,
  params: eventParams,
  body: noBody,
  response: {
    200: z.object({ rsvp: z.null(), summary: rsvpSummary }),
    ...errorResponses(400, 401, 404, 409),
  },
};

export const getMyRsvps = {
  tags,
  summary: "The caller's RSVPs (not cancelled) of events they may see, upcoming first",
  description: 'A page at a time: 100 by default, which is all of them for nearly everyone.',
  security,
  querystring: z.object({
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(100),
  }),
  response: {
    200: z.object({
      items: z.array(
        myRsvp.extend({
          event: z.object({
            id: z.string(),
            name: z.string(),
            slug: z.string(),
            startsOn: z.iso.date().nullable(),
            endsOn: z.iso.date().nullable(),
            timeZone: z.string(),
            location: locationRef.nullable(),
          }),
        }),
      ),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
    }),
    ...errorResponses(401),
  },
};

/** The token of an emailed cancellation link, sent in the body (out of URLs and their logs). */
const tokenBody = z
  .object({ token: z.string().min(1).max(200).describe('The token after `#` in the link') })
  .strict();

export const previewCancellation = {
  tags,
  summary: 'What an emailed cancellation link is for (no sign-in needed); changes nothing',
  description: 'A read sent as POST so that the token stays out of URLs and request logs.',
  body: tokenBody,
  response: {
    200: z.object({
      event: z.object({ name: z.string(), slug: z.string(), startsOn: z.iso.date().nullable() }),
      kind: rsvpKind,
      status: z.enum(['confirmed', 'waitlisted', 'cancelled']),
    }),
    ...errorResponses(400, 404, 429),
  },
};

export const postCancellation = {
  tags,
  summary: 'Cancel the RSVP of an emailed link (no sign-in needed); using it again is harmless',
  body: tokenBody,
  response: {
    200: z.object({ event: z.object({ name: z.string(), slug: z.string() }) }),
    ...errorResponses(400, 404, 409, 429),
  },
};
