import { and, asc, count, eq, gt, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { isActive, type ActorFacts } from '@steward/permissions';
import type { Executor } from '../../db/connection.js';
import {
  chapters,
  organizationLogos,
  organizations,
  roleAssignments,
  users,
} from '../../db/schema/index.js';
import { isUuid, likePattern } from '../../db/inputs.js';

export type OrganizationRow = typeof organizations.$inferSelect & { logoUpdatedAt: Date | null };

/** Organizations by id, with when their logo last changed (null: none). */
export async function findOrganizations(
  tx: Executor,
  where: SQL | undefined,
  opts: { limit?: number; offset?: number; lock?: boolean } = {},
): Promise<OrganizationRow[]> {
  let query = tx
    .select({ organization: organizations, logoUpdatedAt: organizationLogos.updatedAt })
    .from(organizations)
    .leftJoin(organizationLogos, eq(organizationLogos.organizationId, organizations.id))
    .where(where)
    .orderBy(asc(organizations.name), asc(organizations.id))
    .$dynamic();
  if (opts.limit !== undefined) query = query.limit(opts.limit).offset(opts.offset ?? 0);
  const rows = await query;
  return rows.map((r) => ({ ...r.organization, logoUpdatedAt: r.logoUpdatedAt }));
}

export async function findOrganization(tx: Executor, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await findOrganizations(tx, eq(organizations.id, id));
  return row ?? null;
}

/** Locks an organization's row until the transaction ends (changes to it go one at a time). */
export async function lockOrganization(tx: Executor, id: string) {
  await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.id, id))
    .for('update');
}

/** A page of organizations matching a name fragment (within `ids`, unless null: all). */
export async function searchOrganizations(
  tx: Executor,
  ids: readonly string[] | null,
  query: { q?: string | undefined; page: number; pageSize: number },
) {
  if (ids !== null && ids.length === 0) return { items: [], total: 0 };
  const where = and(
    ids === null ? undefined : inArray(organizations.id, [...ids]),
    query.q ? ilike(organizations.name, likePattern(query.q)) : undefined,
  );
  const [items, [total]] = await Promise.all([
    findOrganizations(tx, where, {
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    }),
    tx.select({ n: count() }).from(organizations).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function slugTaken(tx: Executor, slug: string, exceptId?: string) {
  const rows = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(
      and(
        eq(organizations.slug, slug),
        exceptId ? sql`${organizations.id} <> ${exceptId}` : undefined,
      ),
    );
  return rows.length > 0;
}

export async function insertOrganization(
  tx: Executor,
  values: Pick<typeof organizations.$inferInsert, 'name' | 'slug' | 'description' | 'website'>,
) {
  const [row] = await tx.insert(organizations).values(values).returning();
  return row!;
}

export async function updateOrganization(
  tx: Executor,
  id: string,
  values: Partial<typeof organizations.$inferInsert>,
) {
  await tx
    .update(organizations)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(organizations.id, id));
}

export async function setLogo(
  tx: Executor,
  organizationId: string,
  logo: { contentType: string; data: Buffer },
) {
  await tx
    .insert(organizationLogos)
    .values({ organizationId, ...logo, updatedAt: new Date() })
    .onConflictDoUpdate({
      target: organizationLogos.organizationId,
      set: { ...logo, updatedAt: new Date() },
    });
}

export async function deleteLogo(tx: Executor, organizationId: string) {
  const rows = await tx
    .delete(organizationLogos)
    .where(eq(organizationLogos.organizationId, organizationId))
    .returning({ id: organizationLogos.organizationId });
  return rows.length > 0;
}

export async function getLogo(tx: Executor, organizationId: string) {
  if (!isUuid(organizationId)) return null;
  const [row] = await tx
    .select({ contentType: organizationLogos.contentType, data: organizationLogos.data })
    .from(organizationLogos)
    .where(eq(organizationLogos.organizationId, organizationId));
  return row ?? null;
}

const activeAssignment = () =>
  or(isNull(roleAssignments.expiresAt), gt(roleAssignments.expiresAt, sql`now()`));

/** The ids of an organization's chapters that `userId` leads now. */
export async function chaptersLedIn(tx: Executor, organizationId: string, userId: string) {
  const rows = await tx
    .select({ id: chapters.id })
    .from(roleAssignments)
    .innerJoin(chapters, eq(chapters.id, roleAssignments.scopeId))
    .where(
      and(
        eq(roleAssignments.userId, userId),
        eq(roleAssignments.scopeType, 'chapter'),
        eq(roleAssignments.role, 'chapter_leader'),
        eq(chapters.organizationId, organizationId),
        activeAssignment(),
      ),
    );
  return rows.map((r) => r.id);
}

/**
 * A page of an organization's members: its org_admins and org_viewers, then its chapter
 * leaders, by name. Names and roles only (SPEC §4).
 */
export async function searchMembers(
  tx: Executor,
  organizationId: string,
  query: { q?: string | undefined; page: number; pageSize: number },
) {
  const inOrganization = or(
    and(eq(roleAssignments.scopeType, 'organization'), eq(roleAssignments.scopeId, organizationId)),
    and(eq(roleAssignments.scopeType, 'chapter'), eq(chapters.organizationId, organizationId)),
  );
  const where = and(
    inOrganization,
    activeAssignment(),
    isNull(users.deletedAt),
    query.q ? ilike(users.name, likePattern(query.q)) : undefined,
  );
  const base = () =>
    tx
      .select({
        userId: users.id,
        name: users.name,
        image: users.image,
        role: roleAssignments.role,
        scopeType: roleAssignments.scopeType,
        scopeId: roleAssignments.scopeId,
        chapterName: chapters.name,
        grantedAt: roleAssignments.grantedAt,
        expiresAt: roleAssignments.expiresAt,
      })
      .from(roleAssignments)
      .innerJoin(users, eq(users.id, roleAssignments.userId))
      .leftJoin(
        chapters,
        and(eq(roleAssignments.scopeType, 'chapter'), eq(chapters.id, roleAssignments.scopeId)),
      );
  const [items, [total]] = await Promise.all([
    base()
      .where(where)
      .orderBy(
        sql`case ${roleAssignments.role} when 'org_admin' then 0 when 'org_viewer' then 1 else 2 end`,
        asc(users.name),
        asc(users.id),
      )
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    tx
      .select({ n: count() })
      .from(roleAssignments)
      .innerJoin(users, eq(users.id, roleAssignments.userId))
      .leftJoin(
        chapters,
        and(eq(roleAssignments.scopeType, 'chapter'), eq(chapters.id, roleAssignments.scopeId)),
      )
      .where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/**
 * The organizations where the actor holds an organization role, or leads a chapter: the
 * candidates of their organization list (the engine decides each).
 */
export async function organizationsOfMember(tx: Executor, actor: ActorFacts) {
  const now = Date.now();
  const live = actor.assignments.filter((a) => isActive(a, now));
  const direct = live
    .filter((a) => a.scopeType === 'organization' && a.scopeId)
    .map((a) => a.scopeId!);
  const led = live.filter((a) => a.role === 'chapter_leader' && a.scopeId).map((a) => a.scopeId!);
  const viaChapters = led.length
    ? (
        await tx
          .select({ id: chapters.organizationId })
          .from(chapters)
          .where(inArray(chapters.id, led))
      ).map((r) => r.id)
    : [];
  return [...new Set([...direct, ...viaChapters])];
}
