import { asc, count, eq, ilike, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { isUuid, likePattern } from '../../db/inputs.js';
import { regions } from '../../db/schema/index.js';

export type RegionRow = typeof regions.$inferSelect;

// Written out: Drizzle leaves columns unqualified in a select list.
const locationCount = sql<number>`(select count(*)::int from locations l where l.region_id = "regions"."id")`;

/** A page of regions by name (case-insensitive part of it), each with its location count. */
export async function searchRegions(
  db: Executor,
  query: { q?: string | undefined; page: number; pageSize: number },
) {
  const where = query.q ? ilike(regions.name, likePattern(query.q)) : undefined;
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: regions.id,
        name: regions.name,
        description: regions.description,
        locationCount,
      })
      .from(regions)
      .where(where)
      .orderBy(asc(sql`lower(${regions.name})`), asc(regions.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(regions).where(where),
  ]);
  return {
    items: items.map((r) => ({ ...r, locationCount: Number(r.locationCount) })),
    total: total?.n ?? 0,
  };
}

export async function insertRegion(
  tx: Executor,
  values: { name: string; description: string; createdBy: string },
) {
  const [row] = await tx.insert(regions).values(values).returning();
  return row!;
}

export async function updateRegion(
  tx: Executor,
  id: string,
  values: Partial<Pick<RegionRow, 'name' | 'description'>>,
) {
  await tx
    .update(regions)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(regions.id, id));
}

export async function deleteRegion(tx: Executor, id: string) {
  await tx.delete(regions).where(eq(regions.id, id));
}

/**
 * Locks a region for a change of its own (update, leaders, deletion). A location joining it
 * takes the weaker lock below, so a deletion and a new location are decided one after the other.
 */
export async function lockRegion(tx: Executor, id: string) {
  if (!isUuid(id)) return;
  await tx.select({ id: regions.id }).from(regions).where(eq(regions.id, id)).for('update');
}

/** Whether the region exists, holding it until the transaction ends (a location joins it). */
export async function holdRegion(tx: Executor, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const rows = await tx
    .select({ id: regions.id })
    .from(regions)
    .where(eq(regions.id, id))
    .for('key share');
  return rows.length > 0;
}
