import { and, count, desc, eq, ilike, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { likePattern } from '../../db/inputs.js';
import { deleteUserVerifications } from '../users/repository.js';
import { roleAssignments, twoFactors, users } from '../../db/schema/index.js';
import type { SystemRole, UserStatus } from './schema.js';

const userColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  emailVerified: users.emailVerified,
  twoFactorEnabled: users.twoFactorEnabled,
  createdAt: users.createdAt,
  deactivatedAt: users.deactivatedAt,
  deletedAt: users.deletedAt,
  // The system roles held now, as JSON so PGlite and pg return the same array. Written out in
  // full: Drizzle leaves columns unqualified in a select list, which a subquery would misread.
  systemRoles: sql<SystemRole[]>`coalesce((
    select jsonb_agg(ra.role order by ra.role)
    from role_assignments ra
    where ra.user_id = "users"."id"
      and ra.scope_type = 'system'
      and (ra.expires_at is null or ra.expires_at > now())
  ), '[]'::jsonb)`,
};

export type UserRow = {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  twoFactorEnabled: boolean;
  createdAt: Date;
  deactivatedAt: Date | null;
  deletedAt: Date | null;
  systemRoles: SystemRole[];
};

const statusCondition: Record<UserStatus, SQL> = {
  deleted: isNotNull(users.deletedAt),
  deactivated: and(isNull(users.deletedAt), isNotNull(users.deactivatedAt))!,
  unverified: and(
    isNull(users.deletedAt),
    isNull(users.deactivatedAt),
    eq(users.emailVerified, false),
  )!,
  active: and(isNull(users.deletedAt), isNull(users.deactivatedAt), eq(users.emailVerified, true))!,
};

export interface UserQuery {
  q?: string;
  status?: UserStatus;
  page: number;
  pageSize: number;
}

/** One page of users matching a name or email fragment, newest first, and the total. */
export async function searchUsers(tx: Executor, query: UserQuery) {
  const pattern = query.q ? likePattern(query.q) : null;
  const where = and(
    pattern ? or(ilike(users.name, pattern), ilike(users.email, pattern)) : undefined,
    query.status ? statusCondition[query.status] : undefined,
  );
  const items = (await tx
    .select(userColumns)
    .from(users)
    .where(where)
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)) as UserRow[];
  const [total] = await tx.select({ n: count() }).from(users).where(where);
  return { items, total: total?.n ?? 0 };
}

/** One user, or null; `lock` holds their row until the transaction ends. */
export async function findUser(
  tx: Executor,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<UserRow | null> {
  const base = tx.select(userColumns).from(users).where(eq(users.id, id));
  const [row] = (await (opts.lock ? base.for('update') : base)) as UserRow[];
  return row ?? null;
}

/** Sets or clears a user's deactivation. */
export async function setDeactivatedAt(tx: Executor, id: string, at: Date | null) {
  await tx.update(users).set({ deactivatedAt: at, updatedAt: new Date() }).where(eq(users.id, id));
}

/** Removes the user's two-factor secret and backup codes, and marks two-factor off. */
export async function clearTwoFactor(tx: Executor, id: string) {
  // Devices trusted before the reset must not skip two-factor once it is set up again.
  await deleteUserVerifications(tx, id);
  await tx.delete(twoFactors).where(eq(twoFactors.userId, id));
  await tx
    .update(users)
    .set({ twoFactorEnabled: false, updatedAt: new Date() })
    .where(eq(users.id, id));
}

/** Removes a system role from a user (expired assignments too); returns whether one was held. */
export async function deleteSystemRole(tx: Executor, userId: string, role: SystemRole) {
  const rows = await tx
    .delete(roleAssignments)
    .where(
      and(
        eq(roleAssignments.userId, userId),
        eq(roleAssignments.scopeType, 'system'),
        eq(roleAssignments.role, role),
      ),
    )
    .returning({ id: roleAssignments.id, reason: roleAssignments.reason });
  return rows[0] ?? null;
}
