import { z } from 'zod';
import { errorResponses, instant, reasonBody, reasonInput } from '../../http/schemas.js';
import { messageAudiences } from '../../db/schema/index.js';
import { eventParams } from '../events/schema.js';
import { pageFields } from '../organizations/schema.js';
import { rsvpKind, rsvpSummary } from '../rsvps/schema.js';

const security = [{ session: [] }];
const tags = ['attendees'];

export const attendee = z
  .object({
    rsvpId: z.string(),
    userId: z.string(),
    name: z.string(),
    image: z.string().nullable(),
    email: z
      .string()
      .nullable()
      .describe('Only when they chose to share it with the organizers (shareEmail); else null'),
    kind: rsvpKind,
    status: z
      .enum(['confirmed', 'waitlisted', 'cancelled'])
      .describe('The list holds live RSVPs; a checkiner change answers whatever the status'),
    waitlistPosition: z.number().int().nullable().describe('1 for the next to get a place'),
    sessionIds: z.array(z.string()).describe('The sessions chosen, by start time'),
    checkedInSessionIds: z
      .array(z.string())
      .nullable()
      .describe('The sessions they were checked in to; null when the event has no sessions'),
    checkedIn: z
      .boolean()
      .describe('Checked in to the event itself (no sessions), or to at least one session'),
    checkiner: z.boolean().describe('They may check people in at the door'),
    createdAt: instant,
  })
  .meta({ id: 'Attendee' });

export const message = z
  .object({
    id: z.string(),
    audience: z.enum(messageAudiences),
    subject: z.string(),
    body: z.string(),
    recipientCount: z.number().int(),
    sentBy: z.object({ name: z.string() }).nullable().describe('Null once their account is gone'),
    sentAt: instant,
  })
  .meta({ id: 'EventMessage' });

const checkinerParams = eventParams.extend({ userId: z.string().min(1).max(100) });
const attendeeResponse = {
  200: z.object({ attendee }),
  ...errorResponses(400, 401, 403, 404),
};

export const getAttendees = {
  tags,
  summary: "An event's attendees and volunteers (live RSVPs), by name, with the counts",
  security,
  params: eventParams,
  querystring: z.object({
    ...pageFields,
    kind: rsvpKind.optional(),
    status: z.enum(['confirmed', 'waitlisted']).optional(),
  }),
  response: {
    200: z.object({
      items: z.array(attendee),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
      summary: rsvpSummary,
    }),
    ...errorResponses(400, 401, 403, 404),
  },
};

export const putCheckiner = {
  tags,
  summary: 'Make someone with an RSVP a checkiner of the event, or change the expiry; audited',
  security,
  params: checkinerParams,
  body: z
    .object({
      expiresAt: instant
        .nullable()
        .optional()
        .describe('When the role ends by itself (in the future); null or left out: never'),
      reason: reasonInput,
    })
    .strict()
    .nullish()
    .transform((body) => body ?? {}),
  response: attendeeResponse,
};

export const deleteCheckiner = {
  tags,
  summary: "End someone's checkiner role in the event; audited",
  security,
  params: checkinerParams,
  body: reasonBody,
  response: attendeeResponse,
};

export const getMessages = {
  tags,
  summary: "The messages sent to an event's people, newest first, a page at a time",
  security,
  params: eventParams,
  querystring: z.object({ page: pageFields.page, pageSize: pageFields.pageSize }),
  response: {
    200: z.object({
      items: z.array(message),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
    }),
    ...errorResponses(400, 401, 403, 404),
  },
};

export const postMessage = {
  tags,
  summary: "Email a message to an audience of the event's people, one email each; audited",
  description:
    'Audiences: everyone (confirmed and waitlisted), attendees (confirmed), volunteers ' +
    '(confirmed), waitlisted (both kinds). Each recipient gets their own email through the ' +
    'outbox, so nobody sees another address. The body is plain text.',
  security,
  params: eventParams,
  body: z
    .object({
      audience: z.enum(messageAudiences),
      subject: z
        .string()
        .trim()
        .min(1, 'Enter a subject')
        .max(150, 'Use at most 150 characters')
        .refine((s) => !/[\r\n]/.test(s), 'Keep the subject on one line'),
      body: z
        .string()
        .trim()
        .min(1, 'Write the message')
        .max(10_000, 'Keep the message under 10,000 characters'),
    })
    .strict(),
  response: {
    201: z.object({ message }),
    ...errorResponses(400, 401, 403, 404, 429),
  },
};
