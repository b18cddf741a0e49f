import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import {
  chapters,
  events,
  inviteLinkUses,
  inviteLinks,
  invitations,
  organizations,
  users,
} from '../../db/schema/index.js';

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

export type InviteLinkRow = typeof inviteLinks.$inferSelect;

export async function insertInviteLink(
  tx: Executor,
  values: Omit<typeof inviteLinks.$inferInsert, 'id' | 'createdAt' | 'useCount'>,
) {
  const [row] = await tx.insert(inviteLinks).values(values).returning();
  return row!;
}

/** A scope's invite links, newest first, with their creator's name. */
export async function listInviteLinks(tx: Executor, scopeType: string, scopeId: string) {
  return tx
    .select({ link: inviteLinks, createdByName: users.name })
    .from(inviteLinks)
    .leftJoin(users, eq(users.id, inviteLinks.createdBy))
    .where(and(eq(inviteLinks.scopeType, scopeType), eq(inviteLinks.scopeId, scopeId)))
    .orderBy(sql`${inviteLinks.createdAt} desc`);
}

export async function findInviteLink(tx: Executor, where: { id: string } | { tokenHash: string }) {
  const [row] = await tx
    .select({
      link: inviteLinks,
      createdByName: users.name,
      scopeName: sql<string | null>`coalesce(${organizations.name}, ${events.name})`,
    })
    .from(inviteLinks)
    .leftJoin(users, eq(users.id, inviteLinks.createdBy))
    .leftJoin(
      organizations,
      and(eq(inviteLinks.scopeType, 'organization'), eq(organizations.id, inviteLinks.scopeId)),
    )
    .leftJoin(events, and(eq(inviteLinks.scopeType, 'event'), eq(events.id, inviteLinks.scopeId)))
    .where(
      'id' in where ? eq(inviteLinks.id, where.id) : eq(inviteLinks.tokenHash, where.tokenHash),
    );
  return row ?? null;
}

export async function disableInviteLink(tx: Executor, id: string) {
  await tx
    .update(inviteLinks)
    .set({ disabledAt: new Date() })
    .where(and(eq(inviteLinks.id, id), isNull(inviteLinks.disabledAt)));
}

/**
 * Records that `userId` used the link, once: false when they already had (their second click
 * takes no second use).
 */
export async function recordLinkUse(tx: Executor, linkId: string, userId: string) {
  const rows = await tx
    .insert(inviteLinkUses)
    .values({ linkId, userId })
    .onConflictDoNothing()
    .returning({ linkId: inviteLinkUses.linkId });
  return rows.length > 0;
}

/**
 * Takes one use of a link that still works, in one conditional UPDATE: under concurrent
 * redemptions the row lock orders them, and each one re-checks the count it finds, so the count
 * never passes the limit. Null when the link no longer works.
 */
export async function takeLinkUse(tx: Executor, id: string) {
  const [row] = await tx
    .update(inviteLinks)
    .set({ useCount: sql`${inviteLinks.useCount} + 1` })
    .where(
      and(
        eq(inviteLinks.id, id),
        isNull(inviteLinks.disabledAt),
        gt(inviteLinks.expiresAt, sql`now()`),
        sql`${inviteLinks.useCount} < ${inviteLinks.maxUses}`,
      ),
    )
    .returning();
  return row ?? null;
}

/** A scope's email invitations nobody accepted or revoked, newest first, with the inviter. */
export async function listOpenInvitations(tx: Executor, scopeType: string, scopeId: string) {
  return tx
    .select({ invitation: invitations, invitedByName: users.name })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(
      and(
        eq(invitations.scopeType, scopeType),
        eq(invitations.scopeId, scopeId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .orderBy(sql`${invitations.createdAt} desc`);
}

export async function findInvitation(tx: Executor, id: string) {
  const [row] = await tx
    .select({ invitation: invitations, invitedByName: users.name })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.id, id));
  return row ?? null;
}

/** Revokes one waiting invitation; false when it was no longer waiting. */
export async function revokeInvitation(tx: Executor, id: string) {
  const rows = await tx
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)),
    )
    .returning({ id: invitations.id });
  return rows.length > 0;
}

/** Revokes what still waits for one address in one scope (a new invitation replaces it). */
export async function revokePendingFor(
  tx: Executor,
  scopeType: string,
  scopeId: string,
  email: string,
): Promise<number> {
  const rows = await tx
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(invitations.scopeType, scopeType),
        eq(invitations.scopeId, scopeId),
        eq(invitations.email, email),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning({ id: invitations.id });
  return rows.length;
}
