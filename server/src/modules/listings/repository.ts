import { and, asc, count, eq, sql, type Column, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { isUuid } from '../../db/inputs.js';
import { events, locations, organizations, regions } from '../../db/schema/index.js';

/** The filters of the public listing, on top of what makes an event public and upcoming. */
export function listingFilter(
  visible: SQL,
  filter: { regionId?: string | undefined; organizationId?: string | undefined },
): SQL {
  // An id that is not a UUID names nothing (and must not reach SQL as one).
  const byId = (column: Column, id: string | undefined) =>
    id === undefined ? undefined : isUuid(id) ? eq(column, id) : sql`false`;
  return and(
    visible,
    byId(events.organizationId, filter.organizationId),
    // The event's own location decides its region (sessions elsewhere do not).
    byId(locations.regionId, filter.regionId),
  )!;
}

/**
 * One page of the listed events, soonest first, and how many match. The page is read first and
 * the confirmed attendees counted for its rows only: one query, whatever the page size.
 */
export async function listedEvents(
  tx: Executor,
  where: SQL,
  page: { page: number; pageSize: number },
) {
  const listed = tx
    .select({
      id: events.id,
      name: events.name,
      slug: events.slug,
      startsOn: events.startsOn,
      endsOn: events.endsOn,
      timeZone: events.timeZone,
      // Aliased: a subquery's columns need names of their own.
      organizationId: sql<string>`${organizations.id}`.as('organization_id'),
      organizationName: sql<string>`${organizations.name}`.as('organization_name'),
      locationId: events.locationId,
      rsvpOpen: events.rsvpOpen,
      attendeeCapacity: events.attendeeCapacity,
    })
    .from(events)
    .innerJoin(organizations, eq(organizations.id, events.organizationId))
    .leftJoin(locations, eq(locations.id, events.locationId))
    .where(where)
    .orderBy(asc(events.startsOn), asc(events.name), asc(events.id))
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .as('listed');
  const [items, [total]] = await Promise.all([
    tx
      .select({
        id: listed.id,
        name: listed.name,
        slug: listed.slug,
        startsOn: listed.startsOn,
        endsOn: listed.endsOn,
        timeZone: listed.timeZone,
        organizationId: listed.organizationId,
        organizationName: listed.organizationName,
        locationId: listed.locationId,
        rsvpOpen: listed.rsvpOpen,
        // Places can be fewer than the confirmed people when the capacity was lowered: none left.
        // Written out: Drizzle leaves columns unqualified in a select list, and an unqualified
        // "id" in the subquery would be the RSVP's.
        attendeePlacesLeft: sql<
          number | null
        >`case when "listed"."attendee_capacity" is null then null
          else greatest("listed"."attendee_capacity" - (
            select count(*)::int from rsvps r
            where r.event_id = "listed"."id" and r.kind = 'attendee' and r.status = 'confirmed'
          ), 0) end`,
      })
      .from(listed)
      .orderBy(asc(listed.startsOn), asc(listed.name), asc(listed.id)),
    tx
      .select({ n: count() })
      .from(events)
      .innerJoin(organizations, eq(organizations.id, events.organizationId))
      .leftJoin(locations, eq(locations.id, events.locationId))
      .where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** Every region, by name, with how many events matching `where` are held at its locations. */
export async function regionsWithEventCounts(tx: Executor, where: SQL) {
  const held = tx
    .select({ regionId: locations.regionId, n: count().as('n') })
    .from(events)
    .innerJoin(organizations, eq(organizations.id, events.organizationId))
    .innerJoin(locations, eq(locations.id, events.locationId))
    .where(where)
    .groupBy(locations.regionId)
    .as('held');
  return tx
    .select({
      id: regions.id,
      name: regions.name,
      eventCount: sql<number>`coalesce("held"."n", 0)::int`,
    })
    .from(regions)
    .leftJoin(held, eq(held.regionId, regions.id))
    .orderBy(sql`lower(${regions.name})`, asc(regions.id));
}
