import { and, count, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { adminLevelRoles, type Role, type Scope } from '@steward/permissions';
import type { Executor } from '../../db/connection.js';
import { preparedStatement } from '../../db/prepared.js';
import { chapters, events, organizations, roleAssignments, users } from '../../db/schema/index.js';

export interface NewRoleAssignment {
  userId: string;
  role: Role;
  scopeType: Scope;
  scopeId: string | null;
  grantedBy: string | null;
  reason?: string | null;
  expiresAt?: Date | null;
}

/** Stores a role assignment in the caller's transaction. */
export async function insertRoleAssignment(tx: Executor, input: NewRoleAssignment) {
  const [row] = await tx
    .insert(roleAssignments)
    .values({ ...input, reason: input.reason ?? null, expiresAt: input.expiresAt ?? null })
    .returning();
  return row!;
}

// An assignment counts until its expiry instant, measured by the database clock.
const active = () =>
  or(isNull(roleAssignments.expiresAt), gt(roleAssignments.expiresAt, sql`now()`));

/** True when anyone holds an active assignment of this system role. */
export async function systemRoleIsHeld(tx: Executor, role: Role): Promise<boolean> {
  const rows = await tx
    .select({ one: sql`1` })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.scopeType, 'system'), eq(roleAssignments.role, role), active()))
    .limit(1);
  return rows.length > 0;
}

/** The system roles a user holds now. */
export async function activeSystemRoles(tx: Executor, userId: string): Promise<Role[]> {
  const rows = await tx
    .select({ role: roleAssignments.role })
    .from(roleAssignments)
    .where(
      and(eq(roleAssignments.userId, userId), eq(roleAssignments.scopeType, 'system'), active()),
    );
  return rows.map((r) => r.role as Role);
}

/**
 * The user's active admin-level assignments (system_admin, org_admin, chapter_leader,
 * event_admin), each with whether its organization requires two-factor for admins (null for
 * system roles, which follow the system setting). One query.
 */
export async function adminAssignmentsWithMfaPolicy(tx: Executor, userId: string) {
  const chapterOrg = alias(organizations, 'chapter_org');
  const eventOrg = alias(organizations, 'event_org');
  const rows = await tx
    .select({
      role: roleAssignments.role,
      scopeType: roleAssignments.scopeType,
      requireMfa: sql<
        boolean | null
      >`coalesce(${organizations.requireMfaForAdmins}, ${chapterOrg.requireMfaForAdmins}, ${eventOrg.requireMfaForAdmins})`,
    })
    .from(roleAssignments)
    .leftJoin(
      organizations,
      and(
        eq(roleAssignments.scopeType, 'organization'),
        eq(organizations.id, roleAssignments.scopeId),
      ),
    )
    .leftJoin(
      chapters,
      and(eq(roleAssignments.scopeType, 'chapter'), eq(chapters.id, roleAssignments.scopeId)),
    )
    .leftJoin(chapterOrg, eq(chapterOrg.id, chapters.organizationId))
    .leftJoin(
      events,
      and(eq(roleAssignments.scopeType, 'event'), eq(events.id, roleAssignments.scopeId)),
    )
    .leftJoin(eventOrg, eq(eventOrg.id, events.organizationId))
    .where(
      and(
        eq(roleAssignments.userId, userId),
        inArray(roleAssignments.role, [...adminLevelRoles]),
        active(),
      ),
    );
  return rows.map((r) => ({
    role: r.role as Role,
    scopeType: r.scopeType as Scope,
    requireMfa: r.requireMfa,
  }));
}

// Changes that can leave Steward without a usable system admin (deactivation, revocation, an
// account deleting itself) take this lock first, so two of them at the same moment are decided
// one after the other. They are rare; serializing them all costs nothing.
const SYSTEM_ADMINS_LOCK_KEY = 7_310_442_003;

/** Takes the system-admins lock until the caller's transaction ends. */
export async function lockSystemAdmins(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${SYSTEM_ADMINS_LOCK_KEY})`);
}

/**
 * How many people hold system_admin now and can still sign in (not deactivated or deleted):
 * the admins Steward can count on.
 */
export async function countUsableSystemAdmins(tx: Executor): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(
      and(
        eq(roleAssignments.scopeType, 'system'),
        eq(roleAssignments.role, 'system_admin'),
        active(),
        isNull(users.deactivatedAt),
        isNull(users.deletedAt),
      ),
    );
  return row?.n ?? 0;
}

/**
 * Gives a role, or renews it when the same (user, role, scope) is already stored (an expired
 * assignment comes back to life, without expiry unless one is given). Returns the row before,
 * if there was one, for the audit entry.
 */
export async function upsertRoleAssignment(tx: Executor, input: NewRoleAssignment) {
  const [before] = await tx
    .select()
    .from(roleAssignments)
    .where(sameAssignment(input))
    .for('update');
  const values = {
    grantedBy: input.grantedBy,
    grantedAt: new Date(),
    reason: input.reason ?? null,
    expiresAt: input.expiresAt ?? null,
  };
  if (before) {
    await tx.update(roleAssignments).set(values).where(eq(roleAssignments.id, before.id));
  } else {
    await tx.insert(roleAssignments).values({ ...input, ...values });
  }
  return before ?? null;
}

const sameAssignment = (a: {
  userId: string;
  role: string;
  scopeType: string;
  scopeId: string | null;
}) =>
  and(
    eq(roleAssignments.userId, a.userId),
    eq(roleAssignments.role, a.role),
    eq(roleAssignments.scopeType, a.scopeType),
    a.scopeId === null ? isNull(roleAssignments.scopeId) : eq(roleAssignments.scopeId, a.scopeId),
  );

/** Removes one assignment; returns what was removed, or null. */
export async function deleteRoleAssignment(
  tx: Executor,
  a: { userId: string; role: Role; scopeType: Scope; scopeId: string },
) {
  const [row] = await tx.delete(roleAssignments).where(sameAssignment(a)).returning();
  return row ?? null;
}

/** The active holders of `role` in one scope (to guard the last admin, to name a team). */
export async function countRoleHolders(
  tx: Executor,
  scopeType: Scope,
  scopeId: string,
  role: Role,
): Promise<number> {
  const [row] = await roleHolders(tx).execute({ scopeType, scopeId, role });
  return row?.n ?? 0;
}

// Every team page counts its admins (who may be removed is guarded by it): built once.
const roleHolders = preparedStatement((db) =>
  db
    .select({ n: count() })
    .from(roleAssignments)
    .where(
      and(
        eq(roleAssignments.scopeType, sql.placeholder('scopeType')),
        eq(roleAssignments.scopeId, sql.placeholder('scopeId')),
        eq(roleAssignments.role, sql.placeholder('role')),
        active(),
      ),
    )
    .prepare('role_holders_count'),
);

/** Active assignments in one scope, with the holder's name (a team, a chapter's leaders). */
export async function scopeAssignments(
  tx: Executor,
  scopeType: Scope,
  scopeId: string,
  roles?: readonly Role[],
) {
  return tx
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      image: users.image,
      role: roleAssignments.role,
      grantedAt: roleAssignments.grantedAt,
      expiresAt: roleAssignments.expiresAt,
    })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(
      and(
        eq(roleAssignments.scopeType, scopeType),
        eq(roleAssignments.scopeId, scopeId),
        roles ? inArray(roleAssignments.role, [...roles]) : undefined,
        isNull(users.deletedAt),
        active(),
      ),
    )
    .orderBy(roleAssignments.role, users.name);
}

/** Every assignment in a scope goes with the scope (an event or chapter being deleted). */
export async function deleteScopeAssignments(tx: Executor, scopeType: Scope, scopeId: string) {
  return tx
    .delete(roleAssignments)
    .where(and(eq(roleAssignments.scopeType, scopeType), eq(roleAssignments.scopeId, scopeId)))
    .returning({ userId: roleAssignments.userId, role: roleAssignments.role });
}

/** The roles `userId` holds now in one scope. */
export async function rolesOf(
  tx: Executor,
  userId: string,
  scopeType: Scope,
  scopeId: string,
): Promise<Role[]> {
  const rows = await tx
    .select({ role: roleAssignments.role })
    .from(roleAssignments)
    .where(
      and(
        eq(roleAssignments.userId, userId),
        eq(roleAssignments.scopeType, scopeType),
        eq(roleAssignments.scopeId, scopeId),
        active(),
      ),
    );
  return rows.map((r) => r.role as Role);
}

/** Ends every assignment `userId` holds in one scope (expired ones too); returns the roles. */
export async function deleteRolesOf(
  tx: Executor,
  userId: string,
  scopeType: Scope,
  scopeId: string,
  roles: readonly Role[],
) {
  if (roles.length === 0) return [];
  const rows = await tx
    .delete(roleAssignments)
    .where(
      and(
        eq(roleAssignments.userId, userId),
        eq(roleAssignments.scopeType, scopeType),
        eq(roleAssignments.scopeId, scopeId),
        inArray(roleAssignments.role, [...roles]),
      ),
    )
    .returning({ role: roleAssignments.role, expiresAt: roleAssignments.expiresAt });
  return rows;
}
