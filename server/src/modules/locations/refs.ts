import { inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { isUuid } from '../../db/inputs.js';
import { locations, regions } from '../../db/schema/index.js';

/** A location as events and sessions show it: basic details only, never the private ones. */
export interface LocationRef {
  id: string;
  name: string;
  address: string;
  region: { id: string; name: string } | null;
  archived: boolean;
}

/** The basic details of locations, by id, in one query. */
export async function locationRefs(
  db: Executor,
  ids: readonly (string | null)[],
): Promise<Map<string, LocationRef>> {
  const valid = [...new Set(ids.filter((id): id is string => !!id && isUuid(id)))];
  if (valid.length === 0) return new Map();
  const rows = await db
    .select({
      id: locations.id,
      name: locations.name,
      address: locations.address,
      archivedAt: locations.archivedAt,
      regionId: regions.id,
      regionName: regions.name,
    })
    .from(locations)
    .leftJoin(regions, sql`${regions.id} = ${locations.regionId}`)
    .where(inArray(locations.id, valid));
  return new Map(rows.map((r) => [r.id, toLocationRef(r)]));
}

/** A location row (with its region's id and name) as a LocationRef. */
export function toLocationRef(r: {
  id: string;
  name: string;
  address: string;
  archivedAt: Date | null;
  regionId: string | null;
  regionName: string | null;
}): LocationRef {
  return {
    id: r.id,
    name: r.name,
    address: r.address,
    region: r.regionId ? { id: r.regionId, name: r.regionName ?? '' } : null,
    archived: r.archivedAt !== null,
  };
}

/** One location's basic details; null when there is none. */
export async function locationRef(db: Executor, id: string | null): Promise<LocationRef | null> {
  if (!id) return null;
  return (await locationRefs(db, [id])).get(id) ?? null;
}
