import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { chapters, events, invitations, organizations, users } from '../../db/schema/index.js';

export type InvitationRow = typeof invitations.$inferSelect;

/** Stores a new invitation (only the token's hash). */
export async function insertInvitation(
  tx: Executor,
  values: Omit<typeof invitations.$inferInsert, 'id' | 'createdAt'>,
) {
  const [row] = await tx.insert(invitations).values(values).returning();
  return row!;
}

const pending = () =>
  and(
    isNull(invitations.acceptedAt),
    isNull(invitations.revokedAt),
    gt(invitations.expiresAt, sql`now()`),
  );

/** Invitations of one role in one scope that nobody accepted or revoked (expired ones too). */
const openFor = (scopeType: string, scopeId: string, role: string) =>
  and(
    eq(invitations.scopeType, scopeType),
    eq(invitations.scopeId, scopeId),
    eq(invitations.role, role),
    isNull(invitations.acceptedAt),
    isNull(invitations.revokedAt),
  );

/** Revokes the invitations of one role in one scope that still wait; returns how many. */
export async function revokePending(
  tx: Executor,
  scopeType: string,
  scopeId: string,
  role: string,
): Promise<number> {
  const rows = await tx
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(openFor(scopeType, scopeId, role))
    .returning({ id: invitations.id });
  return rows.length;
}

/** The latest invitation of one role in one scope that nobody accepted or revoked. */
export async function latestOpenInvitation(
  tx: Executor,
  scopeType: string,
  scopeId: string,
  role: string,
) {
  const [row] = await tx
    .select()
    .from(invitations)
    .where(openFor(scopeType, scopeId, role))
    .orderBy(sql`${invitations.createdAt} desc`)
    .limit(1);
  return row ?? null;
}

/** An invitation by its token's hash, with the name of its scope and of who sent it. */
export async function findByTokenHash(tx: Executor, tokenHash: string) {
  const [row] = await tx
    .select({
      invitation: invitations,
      scopeName: sql<
        string | null
      >`coalesce(${organizations.name}, ${chapters.name}, ${events.name})`,
      invitedByName: users.name,
    })
    .from(invitations)
    .leftJoin(
      organizations,
      and(eq(invitations.scopeType, 'organization'), eq(organizations.id, invitations.scopeId)),
    )
    .leftJoin(
      chapters,
      and(eq(invitations.scopeType, 'chapter'), eq(chapters.id, invitations.scopeId)),
    )
    .leftJoin(events, and(eq(invitations.scopeType, 'event'), eq(events.id, invitations.scopeId)))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.tokenHash, tokenHash));
  return row ?? null;
}

/**
 * Marks a pending invitation accepted by `userId`, atomically: of two acceptances at the same
 * moment, one wins. Returns the row, or null when it was no longer pending.
 */
export async function markAccepted(tx: Executor, id: string, userId: string) {
  const [row] = await tx
    .update(invitations)
    .set({ acceptedAt: new Date(), acceptedBy: userId })
    .where(and(eq(invitations.id, id), pending()))
    .returning();
  return row ?? null;
}

/** Invitations of a scope go with it (an event or chapter being deleted). */
export async function deleteScopeInvitations(tx: Executor, scopeType: string, scopeId: string) {
  await tx
    .delete(invitations)
    .where(and(eq(invitations.scopeType, scopeType), eq(invitations.scopeId, scopeId)));
}
