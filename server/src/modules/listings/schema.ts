import { z } from 'zod';
import { errorResponses, locationRef } from '../../http/schemas.js';
import { pageFields, pageOf } from '../organizations/schema.js';

const tags = ['listings'];

export const publicEventListing = z
  .object({
    name: z.string(),
    slug: z.string(),
    startsOn: z.string().describe('Its first day (YYYY-MM-DD) in its time zone'),
    endsOn: z.string().nullable().describe('Its last day; null: one day'),
    timeZone: z.string(),
    organization: z.object({ id: z.string(), name: z.string() }),
    location: locationRef.nullable(),
    rsvpOpen: z.boolean().describe('RSVPs are accepted now'),
    places: z.object({
      attendee: z
        .number()
        .int()
        .nullable()
        .describe('Attendee places left (capacity less confirmed attendees); null: no limit'),
    }),
  })
  .meta({ id: 'PublicEventListing' });

export const getPublicEvents = {
  tags,
  summary: 'Upcoming public events, soonest first (anyone)',
  description:
    'Active events, not spam, not suspended, whose last day (or only day) is today or later in ' +
    "their own time zone. Events without a start date are not listed. The region is that of the event's location.",
  querystring: z.object({
    ...pageFields,
    q: pageFields.q.describe('Part of the event name'),
    regionId: z.string().max(100).optional().describe('Only events at locations of this region'),
    organizationId: z.string().max(100).optional().describe("Only this organization's events"),
  }),
  response: { 200: pageOf(publicEventListing), ...errorResponses(400) },
};

export const publicRegion = z
  .object({
    id: z.string(),
    name: z.string(),
    eventCount: z.number().int().describe('Upcoming public events at its locations'),
  })
  .meta({ id: 'PublicRegion' });

export const getPublicRegions = {
  tags,
  summary: 'Every region with its number of upcoming public events, by name (anyone)',
  response: { 200: z.object({ items: z.array(publicRegion) }) },
};

export const getCalendar = {
  tags,
  summary: "A public event's iCalendar feed (anyone, while the event is public)",
  description:
    "text/calendar: one VEVENT per session (times in UTC, at the session's location or the " +
    "event's), or, without sessions, one all-day VEVENT for the event's dates. 404 when the " +
    'event is not public (like its public page), or has neither dates nor sessions.',
  params: z.object({ slug: z.string().min(1).max(100) }),
  // The feed, or the JSON body of an error.
  produces: ['text/calendar', 'application/json'],
  response: {
    200: z.string().describe('The iCalendar feed (RFC 5545)'),
    ...errorResponses(400, 404),
  },
};
