import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.js';

// Regions and locations (SPEC §1, §4): shared across organizations. A region groups locations;
// its leaders are role assignments in the `region` scope. A location's basic details (name,
// address, region) are public; its private details (the venue contact, notes) live in a table of
// their own, so that no listing or join can read them by accident.

export const regions = pgTable(
  'regions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('regions_name_idx').on(sql`lower(${t.name})`)],
);

export const locations = pgTable(
  'locations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null: not in any region yet. A region with locations cannot be deleted. */
    regionId: uuid('region_id').references(() => regions.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    address: text('address').notNull().default(''),
    /** Archived locations stay on the events that used them but leave the picker. */
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('locations_region_idx').on(t.regionId),
    index('locations_name_idx').on(sql`lower(${t.name})`),
  ],
);

/** The private details of a location: region leaders and system admins only. */
export const locationPrivateDetails = pgTable('location_private_details', {
  locationId: uuid('location_id')
    .primaryKey()
    .references(() => locations.id, { onDelete: 'cascade' }),
  contactName: text('contact_name').notNull().default(''),
  contactEmail: text('contact_email').notNull().default(''),
  contactPhone: text('contact_phone').notNull().default(''),
  notes: text('notes').notNull().default(''),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
