import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth.js';
import { locations } from './places.js';
import { events } from './structure.js';

// Community events (SPEC §11): an event's sessions, the RSVPs of the people coming (as attendee
// or volunteer, confirmed or on a waitlist), the sessions each chose, check-ins at the door, and
// the messages organizers send to attendees through the platform.

export const eventSessions = pgTable(
  'event_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** Null: held at the event's own location. */
    locationId: uuid('location_id').references(() => locations.id, { onDelete: 'restrict' }),
    /** Every attendee takes part: chosen for them, and it cannot be left out. */
    requiredForAttendees: boolean('required_for_attendees').notNull().default(false),
    /** Only volunteers may choose it (set-up, the door, …). */
    volunteersOnly: boolean('volunteers_only').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('event_sessions_event_idx').on(t.eventId, t.startsAt),
    index('event_sessions_location_idx').on(t.locationId),
    check('event_sessions_times', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

export const rsvpKinds = ['attendee', 'volunteer'] as const;
export const rsvpStatuses = ['confirmed', 'waitlisted', 'cancelled'] as const;

export const rsvps = pgTable(
  'rsvps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    /**
     * Order in the queue: taken from a sequence each time the RSVP (re)joins, so the waitlist is
     * promoted first come, first served even when clocks tie.
     */
    queuedSeq: bigserial('queued_seq', { mode: 'number' }).notNull(),
    /** The attendee lets the organizers see their email address. */
    shareEmail: boolean('share_email').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    unique('rsvps_event_user').on(t.eventId, t.userId),
    index('rsvps_event_queue_idx').on(t.eventId, t.kind, t.status, t.queuedSeq),
    index('rsvps_user_idx').on(t.userId),
    check('rsvps_kind', sql`${t.kind} in ('attendee', 'volunteer')`),
    check('rsvps_status', sql`${t.status} in ('confirmed', 'waitlisted', 'cancelled')`),
  ],
);

/** The sessions an RSVP chose (required sessions are always among them for attendees). */
export const rsvpSessions = pgTable(
  'rsvp_sessions',
  {
    rsvpId: uuid('rsvp_id')
      .notNull()
      .references(() => rsvps.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => eventSessions.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.rsvpId, t.sessionId] }),
    index('rsvp_sessions_session_idx').on(t.sessionId),
  ],
);

/**
 * A check-in at the door: of an RSVP, to one session, or to the event itself (session null) when
 * the event has no sessions. Undoing a check-in deletes the row; both are audited.
 */
export const checkIns = pgTable(
  'check_ins',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    rsvpId: uuid('rsvp_id')
      .notNull()
      .references(() => rsvps.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id').references(() => eventSessions.id, { onDelete: 'cascade' }),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }).notNull().defaultNow(),
    checkedInBy: text('checked_in_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    unique('check_ins_rsvp_session').on(t.rsvpId, t.sessionId).nullsNotDistinct(),
    index('check_ins_event_session_idx').on(t.eventId, t.sessionId),
  ],
);

export const messageAudiences = ['everyone', 'attendees', 'volunteers', 'waitlisted'] as const;

/** A message from the organizers to the people who RSVP'd, sent one email each via the outbox. */
export const eventMessages = pgTable(
  'event_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    sentBy: text('sent_by').references(() => users.id, { onDelete: 'set null' }),
    audience: text('audience').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    recipientCount: integer('recipient_count').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('event_messages_event_idx').on(t.eventId, t.sentAt),
    check(
      'event_messages_audience',
      sql`${t.audience} in ('everyone', 'attendees', 'volunteers', 'waitlisted')`,
    ),
  ],
);
