import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Role, Scope } from '@steward/permissions';
import type { Executor } from '../../db/connection.js';
import { preparedStatement } from '../../db/prepared.js';
import { roleAssignments, users } from '../../db/schema/index.js';

const granter = alias(users, 'granter');

const live = () => or(isNull(roleAssignments.expiresAt), gt(roleAssignments.expiresAt, sql`now()`));

export interface MemberRow {
  userId: string;
  name: string;
  email: string;
  image: string | null;
  role: Role;
  scopeType: Scope;
  scopeId: string;
  grantedAt: Date;
  expiresAt: Date | null;
  grantedById: string | null;
  grantedByName: string | null;
  lastActiveAt: Date | null;
}

/**
 * The live assignments of `roles` in the given scopes, with the holder, who granted it and when
 * the holder was last active (their newest session). A team is small: one query, no paging here.
 */
export async function membersIn(
  tx: Executor,
  scopes: readonly { type: Scope; id: string; roles: readonly Role[] }[],
): Promise<MemberRow[]> {
  // One row per scope and role: (type, id, role) triples the statement unnests.
  const wanted = scopes.flatMap((s) => s.roles.map((role) => ({ type: s.type, id: s.id, role })));
  if (wanted.length === 0) return [];
  const rows = await membersStatement(tx).execute({
    types: wanted.map((w) => w.type),
    ids: wanted.map((w) => w.id),
    roles: wanted.map((w) => w.role),
  });
  return rows.map((r) => ({
    ...r,
    role: r.role as Role,
    scopeType: r.scopeType as Scope,
    scopeId: r.scopeId!,
    lastActiveAt: r.lastActiveAt ? new Date(r.lastActiveAt) : null,
  }));
}

// Every team page reads its members: built once, whatever scopes and roles it asks for.
const membersStatement = preparedStatement((db) =>
  db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      image: users.image,
      role: roleAssignments.role,
      scopeType: roleAssignments.scopeType,
      scopeId: roleAssignments.scopeId,
      grantedAt: roleAssignments.grantedAt,
      expiresAt: roleAssignments.expiresAt,
      grantedById: granter.id,
      grantedByName: granter.name,
      // Written out: Drizzle leaves columns unqualified in a select list.
      lastActiveAt: sql<Date | string | null>`(
        select max(s.updated_at) from sessions s where s.user_id = "users"."id"
      )`,
    })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .leftJoin(granter, eq(granter.id, roleAssignments.grantedBy))
    .where(
      and(
        sql`(${roleAssignments.scopeType}, ${roleAssignments.scopeId}, ${roleAssignments.role}) in (
          select * from unnest(${sql.placeholder('types')}::text[],
            ${sql.placeholder('ids')}::uuid[], ${sql.placeholder('roles')}::text[]))`,
        isNull(users.deletedAt),
        live(),
      ),
    )
    .prepare('team_members'),
);
