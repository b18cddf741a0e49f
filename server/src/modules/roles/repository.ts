import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Role, Scope } from '@steward/permissions';
import type { Executor } from '../../db/connection.js';
import { roleAssignments } from '../../db/schema/index.js';

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
