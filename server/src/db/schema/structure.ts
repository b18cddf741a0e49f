import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.js';

// The scopes that events live in (SPEC §1): organizations, their chapters, and events. Policy
// settings (SPEC §5) are columns, so list queries can filter on them in SQL.

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    slug: text('slug').notNull().unique(),
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
    status: text('status').notNull().default('draft'),
    suspended: boolean('suspended').notNull().default(false),
    spam: boolean('spam').notNull().default(false),
    rsvpOpen: boolean('rsvp_open').notNull().default(false),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    responderScope: text('responder_scope').notNull().default('all'),
    respondersCanAssign: boolean('responders_can_assign').notNull().default(true),
    reportIntake: text('report_intake').notNull().default('members'),
    showTeamPublicly: boolean('show_team_publicly').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('events_organization_idx').on(t.organizationId),
    index('events_chapter_idx').on(t.chapterId),
    check('events_status', sql`${t.status} in ('draft', 'pending_approval', 'active', 'archived')`),
    check('events_responder_scope', sql`${t.responderScope} in ('all', 'assigned')`),
    check('events_report_intake', sql`${t.reportIntake} in ('members', 'signed_in', 'anonymous')`),
  ],
);
