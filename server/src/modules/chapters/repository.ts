import { and, asc, count, eq, ilike, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { chapters } from '../../db/schema/index.js';
import { isUuid, likePattern } from '../../db/inputs.js';

export type ChapterRow = typeof chapters.$inferSelect;

/** A page of an organization's chapters by name (only `ids`, unless null: all of them). */
export async function searchChapters(
  tx: Executor,
  organizationId: string,
  ids: readonly string[] | null,
  query: { q?: string | undefined; page: number; pageSize: number },
) {
  if (ids !== null && ids.length === 0) return { ids: [], total: 0 };
  const where = and(
    eq(chapters.organizationId, organizationId),
    ids === null ? undefined : inArray(chapters.id, [...ids]),
    query.q ? ilike(chapters.name, likePattern(query.q)) : undefined,
  );
  const [items, [total]] = await Promise.all([
    tx
      .select({ id: chapters.id })
      .from(chapters)
      .where(where)
      .orderBy(asc(chapters.name), asc(chapters.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    tx.select({ n: count() }).from(chapters).where(where),
  ]);
  return { ids: items.map((i) => i.id), total: total?.n ?? 0 };
}

export async function slugTaken(
  tx: Executor,
  organizationId: string,
  slug: string,
  exceptId?: string,
) {
  const rows = await tx
    .select({ id: chapters.id })
    .from(chapters)
    .where(
      and(
        eq(chapters.organizationId, organizationId),
        eq(chapters.slug, slug),
        exceptId ? sql`${chapters.id} <> ${exceptId}` : undefined,
      ),
    );
  return rows.length > 0;
}

export async function insertChapter(
  tx: Executor,
  values: { organizationId: string; name: string; slug: string },
) {
  const [row] = await tx.insert(chapters).values(values).returning();
  return row!;
}

export async function updateChapter(
  tx: Executor,
  id: string,
  values: Partial<Pick<ChapterRow, 'name' | 'slug'>>,
) {
  await tx
    .update(chapters)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(chapters.id, id));
}

export async function deleteChapter(tx: Executor, id: string) {
  await tx.delete(chapters).where(eq(chapters.id, id));
}

export async function lockChapter(tx: Executor, id: string) {
  if (!isUuid(id)) return;
  await tx.select({ id: chapters.id }).from(chapters).where(eq(chapters.id, id)).for('update');
}
