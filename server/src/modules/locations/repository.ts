import { and, asc, count, eq, ilike, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { isUuid, likePattern } from '../../db/inputs.js';
import { events, locationPrivateDetails, locations, regions } from '../../db/schema/index.js';
import { publicEventsWhere } from '../listings/visibility.js';
import { toLocationRef } from './refs.js';

export type LocationRow = typeof locations.$inferSelect;
export type PrivateDetails = Pick<
  typeof locationPrivateDetails.$inferSelect,
  'contactName' | 'contactEmail' | 'contactPhone' | 'notes'
>;

/**
 * How many public events (listings/visibility.ts) use the location, as their main location or
 * through a session: drafts and spam events of any organization are nobody else's business. The
 * events using it are the union of two lookups, each served by its location index (an OR across
 * the two tables would read every event for each location), counted once each.
 * Written out: Drizzle leaves columns unqualified in a select list.
 */
const publicEventCount = (now: Date) => sql<number>`(
  select count(*)::int from events
  join organizations on organizations.id = events.organization_id
  where events.id in (select held.id from events held where held.location_id = "locations"."id"
                      union
                      select s.event_id from event_sessions s where s.location_id = "locations"."id")
    and ${publicEventsWhere(now)})`;

export interface LocationQuery {
  q?: string | undefined;
  regionId?: string | undefined;
  archived: 'exclude' | 'include' | 'only';
  page: number;
  pageSize: number;
}

/** The locations a search names (by name, region, archived or not). */
function locationWhere(query: LocationQuery) {
  return and(
    query.q ? ilike(locations.name, likePattern(query.q)) : undefined,
    query.regionId ? eq(locations.regionId, query.regionId) : undefined,
    query.archived === 'exclude'
      ? isNull(locations.archivedAt)
      : query.archived === 'only'
        ? isNotNull(locations.archivedAt)
        : undefined,
  );
}

/**
 * The rows of a page of locations, as a query not yet run (searchLocations runs it; a test reads
 * its plan): basic details only, with the region and the public event count. The private details
 * are in a table of their own, which this never reads.
 */
export function locationPage(db: Executor, query: LocationQuery, now = new Date()) {
  return db
    .select({
      id: locations.id,
      name: locations.name,
      address: locations.address,
      archivedAt: locations.archivedAt,
      regionId: regions.id,
      regionName: regions.name,
      eventCount: publicEventCount(now),
    })
    .from(locations)
    .leftJoin(regions, eq(regions.id, locations.regionId))
    .where(locationWhere(query))
    .orderBy(asc(sql`lower(${locations.name})`), asc(locations.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
}

/** A page of locations by name, with its total: two queries whatever the page size. */
export async function searchLocations(db: Executor, query: LocationQuery) {
  const [rows, [total]] = await Promise.all([
    locationPage(db, query),
    db.select({ n: count() }).from(locations).where(locationWhere(query)),
  ]);
  return {
    items: rows.map((r) => ({ ...toLocationRef(r), eventCount: Number(r.eventCount) })),
    total: total?.n ?? 0,
  };
}

export async function insertLocation(
  tx: Executor,
  values: { name: string; address: string; regionId: string | null; createdBy: string },
) {
  const [row] = await tx.insert(locations).values(values).returning();
  return row!;
}

export async function updateLocation(
  tx: Executor,
  id: string,
  values: Partial<Pick<LocationRow, 'name' | 'address' | 'regionId' | 'archivedAt'>>,
) {
  await tx
    .update(locations)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(locations.id, id));
}

export async function deleteLocation(tx: Executor, id: string) {
  await tx.delete(locations).where(eq(locations.id, id));
}

/** Locks a location for a change; events and sessions choosing it wait for the change. */
export async function lockLocation(tx: Executor, id: string) {
  if (!isUuid(id)) return;
  await tx.select({ id: locations.id }).from(locations).where(eq(locations.id, id)).for('update');
}

const emptyDetails: PrivateDetails = {
  contactName: '',
  contactEmail: '',
  contactPhone: '',
  notes: '',
};

/** A location's private details (blank when never set). Only for those who may view them. */
export async function findPrivateDetails(db: Executor, id: string): Promise<PrivateDetails> {
  const [row] = await db
    .select({
      contactName: locationPrivateDetails.contactName,
      contactEmail: locationPrivateDetails.contactEmail,
      contactPhone: locationPrivateDetails.contactPhone,
      notes: locationPrivateDetails.notes,
    })
    .from(locationPrivateDetails)
    .where(eq(locationPrivateDetails.locationId, id));
  return row ?? emptyDetails;
}

export async function savePrivateDetails(tx: Executor, id: string, details: PrivateDetails) {
  await tx
    .insert(locationPrivateDetails)
    .values({ locationId: id, ...details })
    .onConflictDoUpdate({
      target: locationPrivateDetails.locationId,
      set: { ...details, updatedAt: new Date() },
    });
}

/** The listing of events by id (name, slug, first day), soonest first. */
export async function eventListings(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: events.id, name: events.name, slug: events.slug, startsOn: events.startsOn })
    .from(events)
    .where(inArray(events.id, [...ids]))
    .orderBy(sql`${events.startsOn} asc nulls last`, asc(events.name), asc(events.id));
}
