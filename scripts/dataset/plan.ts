import type { Sizes } from './sizes.js';
import { below, hex8Of, literal, userId, uuidOfKey } from './random.js';

/** What every piece of SQL is generated from. */
export interface Plan {
  sizes: Sizes;
  /** SQL: the moment the dataset is generated "at" (today, midnight UTC); dates spread around it. */
  anchor: string;
}

// The ids of generated rows are derived from what they are (`md5('event:' || 12)::uuid`), so
// rows can be joined by number without keeping a mapping, and a scale always gives the same ids.
export const organizationId = (o: string) => `md5('org:' || (${o}))::uuid`;
export const chapterId = (c: string) => `md5('chapter:' || (${c}))::uuid`;
export const eventId = (e: string) => `md5('event:' || (${e}))::uuid`;

// The people of an event, drawn from its digest (`eh`, md5 of the event id as text), so that any
// statement holding the event row finds the same people: the RSVPs are a window of consecutive
// user numbers from one draw, the team (9 people) a window from another.

/** SQL: how many RSVPs an event has (60–140, at most everyone). */
export const rsvpCount = (eh: string, p: Plan) =>
  `least(${p.sizes.users}, 60 + ${below(eh, 1, 81)})`;

/** SQL: the user id of RSVP number `k` (0-based) of the event. */
export const rsvpUser = (eh: string, k: string, p: Plan) =>
  userId(`1 + (${below(eh, 0, p.sizes.users)} + (${k})) % ${p.sizes.users}`);

/** SQL: the status of RSVP number `k`: about 7% cancelled, 8% on the waitlist. */
export const rsvpStatus = (k: string) =>
  `(CASE WHEN (${k}) % 14 = 13 THEN 'cancelled' WHEN (${k}) % 12 = 11 THEN 'waitlisted' ELSE 'confirmed' END)`;

/**
 * SQL: RSVP number `k`, or its neighbour when `k` was cancelled: reporters and checkiners must
 * still be coming (a confirmed or waitlisted RSVP is what makes someone a reporter there).
 */
export const attendingRsvp = (k: string) =>
  `((${k}) - CASE WHEN (${k}) % 14 = 13 THEN 1 ELSE 0 END)`;

/**
 * SQL: the user id of team member `j` of the event: 0 and 1 are its event admins (0 created it),
 * 2–6 its responders.
 */
export const teamUser = (eh: string, j: string, p: Plan) =>
  userId(`1 + (${below(eh, 2, p.sizes.users)} + (${j})) % ${p.sizes.users}`);

/** SQL: the user id of org admin `j` (0 or 1) of the organization with digest `oh`. */
export const organizationAdmin = (oh: string, j: string, p: Plan) =>
  userId(`1 + (${below(oh, 0, p.sizes.users)} + (${j})) % ${p.sizes.users}`);

/** The system admin: generated user 1. */
export const SYSTEM_ADMIN = 1;

/**
 * A part of the load: the events numbered `from`..`to` (inclusive) and everything that hangs off
 * them. On PostgreSQL each of the generator's two sessions makes one part (index.ts).
 */
export interface Part {
  index: number;
  from: number;
  to: number;
}

/** The events 1..`events` cut into `count` parts of (nearly) equal size. */
export function partsOf(events: number, count: number): Part[] {
  const parts: Part[] = [];
  for (let index = 0, from = 1; index < count; index++) {
    const to = Math.round((events * (index + 1)) / count);
    parts.push({ index, from, to });
    from = to + 1;
  }
  return parts.filter((part) => part.to >= part.from);
}

/** SQL: the smallest report id of event number `e` (report ids start with it: random.ts). */
const firstReportId = (e: number) => uuidOfKey(literal(`${hex8Of(e)}${'0'.repeat(22)}`));

/**
 * SQL true when `reportId` (a report's id, or a row's that continues it: random.ts, childUuid)
 * is of an event of `part`.
 */
export const inPart = (reportId: string, part: Part) =>
  `(${reportId} >= ${firstReportId(part.from)} AND ${reportId} < ${firstReportId(part.to + 1)})`;
