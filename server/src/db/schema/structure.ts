import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth.js';
import { locations } from './places.js';
import { bytea } from './types.js';

// The scopes that events live in (SPEC §1): organizations, their chapters, and events. Policy
// settings (SPEC §5) are columns, so list queries can filter on them in SQL.

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    slug: text('slug').notNull().unique(),
    description: text('description').notNull().default(''),
    website: text('website'),
    eventCreation: text('event_creation').notNull().default('admins'),
    eventApproval: text('event_approval').notNull().default('not_required'),
    leadersSeeIncidents: boolean('leaders_see_incidents').notNull().default(true),
    requireMfaForAdmins: boolean('require_mfa_for_admins').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('organizations_event_creation', sql`${t.eventCreation} in ('admins', 'anyone')`),
    check('organizations_event_approval', sql`${t.eventApproval} in ('required', 'not_required')`),
  ],
);

export const chapters = pgTable(
  'chapters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('chapters_org_slug').on(t.organizationId, t.slug)],
);

export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    chapterId: uuid('chapter_id').references(() => chapters.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    slug: text('slug').notNull().unique(),
    description: text('description').notNull().default(''),
    startsOn: date('starts_on', { mode: 'string' }),
    endsOn: date('ends_on', { mode: 'string' }),
    timeZone: text('time_zone').notNull().default('UTC'),
    website: text('website'),
    contactEmail: text('contact_email'),
    codeOfConduct: text('code_of_conduct').notNull().default(''),
    reportTypes: jsonb('report_types')
      .$type<string[]>()
      .notNull()
      .default(['harassment', 'safety', 'other']),
    status: text('status').notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    suspended: boolean('suspended').notNull().default(false),
    spam: boolean('spam').notNull().default(false),
    rsvpOpen: boolean('rsvp_open').notNull().default(false),
    /** Where the event takes place; sessions may be elsewhere. */
    locationId: uuid('location_id').references(() => locations.id, { onDelete: 'restrict' }),
    /** Confirmed places per kind of RSVP; null: no limit. */
    attendeeCapacity: integer('attendee_capacity'),
    volunteerCapacity: integer('volunteer_capacity'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    responderScope: text('responder_scope').notNull().default('all'),
    respondersCanAssign: boolean('responders_can_assign').notNull().default(true),
    reportIntake: text('report_intake').notNull().default('members'),
    showTeamPublicly: boolean('show_team_publicly').notNull().default(false),
    /** Reports ever submitted here: numbers them, and says the event holds incident data. */
    reportCount: integer('report_count').notNull().default(0),
    /** What an email about a report may carry: nothing, its title (default), or its details. */
    emailDetail: text('email_detail').notNull().default('title'),
    /** When it was archived: retention counts from here. */
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('events_organization_idx').on(t.organizationId),
    index('events_chapter_idx').on(t.chapterId),
    index('events_location_idx').on(t.locationId),
    // The public listings: upcoming active events, by date.
    index('events_listing_idx').on(t.status, t.startsOn),
    check(
      'events_capacities',
      sql`(${t.attendeeCapacity} is null or ${t.attendeeCapacity} >= 0) and (${t.volunteerCapacity} is null or ${t.volunteerCapacity} >= 0)`,
    ),
    check('events_status', sql`${t.status} in ('draft', 'pending_approval', 'active', 'archived')`),
    check('events_responder_scope', sql`${t.responderScope} in ('all', 'assigned')`),
    check('events_email_detail', sql`${t.emailDetail} in ('none', 'title', 'full')`),
    check('events_report_intake', sql`${t.reportIntake} in ('members', 'signed_in', 'anonymous')`),
    check(
      'events_dates',
      sql`${t.endsOn} is null or ${t.startsOn} is null or ${t.endsOn} >= ${t.startsOn}`,
    ),
  ],
);

// Logos are kept apart from their rows, so that listing organizations and events never reads
// picture bytes; they go when their owner goes.
const logoColumns = {
  contentType: text('content_type').notNull(),
  data: bytea('data').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const organizationLogos = pgTable('organization_logos', {
  organizationId: uuid('organization_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  ...logoColumns,
});

export const eventLogos = pgTable('event_logos', {
  eventId: uuid('event_id')
    .primaryKey()
    .references(() => events.id, { onDelete: 'cascade' }),
  ...logoColumns,
});
