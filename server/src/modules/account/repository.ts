import { and, asc, desc, eq, gt, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/connection.js';
import { deleteUserVerifications } from '../users/repository.js';
import {
  accounts,
  auditEntries,
  checkIns,
  emailOutbox,
  eventSessions,
  events,
  roleAssignments,
  rsvpSessions,
  rsvps,
  sessions,
  twoFactors,
  userAvatars,
  users,
} from '../../db/schema/index.js';

/** The stored password hash of a user's credential account, or null. */
export async function passwordHashOf(tx: Executor, userId: string): Promise<string | null> {
  const [row] = await tx
    .select({ password: accounts.password })
    .from(accounts)
    .where(and(eq(accounts.userId, userId), eq(accounts.providerId, 'credential')));
  return row?.password ?? null;
}

/** Updates name and pronouns; returns the profile as it now is. */
export async function updateProfile(
  tx: Executor,
  userId: string,
  changes: { name?: string; pronouns?: string | null },
) {
  const [row] = await tx
    .update(users)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(users.id, userId))
    .returning({
      id: users.id,
      name: users.name,
      email: users.email,
      pronouns: users.pronouns,
      twoFactorEnabled: users.twoFactorEnabled,
    });
  return row!;
}

/**
 * Event and organization roles the user is the last holder of, where leaving would leave an
 * event or organization without an admin (SPEC §6). System admins are counted apart, by who can
 * still sign in (countUsableSystemAdmins).
 */
export async function lastAdminRoles(tx: Executor, userId: string) {
  const other = alias(roleAssignments, 'other');
  const activeNow = (expiresAt: typeof roleAssignments.expiresAt | typeof other.expiresAt) =>
    or(isNull(expiresAt), gt(expiresAt, sql`now()`));
  return tx
    .select({
      role: roleAssignments.role,
      scopeType: roleAssignments.scopeType,
      scopeId: roleAssignments.scopeId,
    })
    .from(roleAssignments)
    .where(
      and(
        eq(roleAssignments.userId, userId),
        inArray(roleAssignments.role, ['event_admin', 'org_admin']),
        activeNow(roleAssignments.expiresAt),
        sql`not exists (${tx
          .select({ one: sql`1` })
          .from(other)
          .where(
            and(
              eq(other.role, roleAssignments.role),
              eq(other.scopeType, roleAssignments.scopeType),
              sql`${other.scopeId} is not distinct from ${roleAssignments.scopeId}`,
              ne(other.userId, userId),
              activeNow(other.expiresAt),
            ),
          )})`,
      ),
    );
}

/**
 * Erases a user's personal data and everything that lets anyone act as them, keeping the row so
 * that what refers to it (reports, audit entries) stays whole, attributed to "Deleted user".
 */
export async function eraseUser(tx: Executor, userId: string, at: Date): Promise<void> {
  await deleteUserVerifications(tx, userId);
  await tx.delete(sessions).where(eq(sessions.userId, userId));
  await tx.delete(accounts).where(eq(accounts.userId, userId));
  await tx.delete(twoFactors).where(eq(twoFactors.userId, userId));
  await tx.delete(userAvatars).where(eq(userAvatars.userId, userId));
  await tx.delete(roleAssignments).where(eq(roleAssignments.userId, userId));
  await tx
    .update(users)
    .set({
      name: 'Deleted user',
      // Unique and undeliverable (RFC 2606), so the address is free for a new account.
      email: `deleted-${userId}@deleted.invalid`,
      emailVerified: false,
      image: null,
      pronouns: null,
      twoFactorEnabled: false,
      deletedAt: at,
      updatedAt: at,
    })
    .where(eq(users.id, userId));
}

/** Everything Steward holds about one user, for "download my data". */
export async function exportUserData(tx: Executor, userId: string) {
  const [profile] = await tx
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      emailVerified: users.emailVerified,
      pronouns: users.pronouns,
      twoFactorEnabled: users.twoFactorEnabled,
      createdAt: users.createdAt,
      updatedAt: users.updatedAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  const roles = await tx
    .select({
      role: roleAssignments.role,
      scopeType: roleAssignments.scopeType,
      scopeId: roleAssignments.scopeId,
      grantedAt: roleAssignments.grantedAt,
      reason: roleAssignments.reason,
      expiresAt: roleAssignments.expiresAt,
    })
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, userId));
  const activeSessions = await tx
    .select({
      createdAt: sessions.createdAt,
      expiresAt: sessions.expiresAt,
      ipAddress: sessions.ipAddress,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(eq(sessions.userId, userId));
  const activity = await tx
    .select({
      at: auditEntries.occurredAt,
      action: auditEntries.action,
      outcome: auditEntries.outcome,
      scopeType: auditEntries.scopeType,
      scopeId: auditEntries.scopeId,
      ipAddress: auditEntries.ipAddress,
      userAgent: auditEntries.userAgent,
    })
    .from(auditEntries)
    .where(
      or(
        eq(auditEntries.actorId, userId),
        and(eq(auditEntries.targetType, 'user'), eq(auditEntries.targetId, userId)),
      ),
    )
    .orderBy(desc(auditEntries.occurredAt))
    .limit(10_000);
  const emails = await tx
    .select({
      kind: emailOutbox.kind,
      subject: emailOutbox.subject,
      createdAt: emailOutbox.createdAt,
    })
    .from(emailOutbox)
    .where(eq(emailOutbox.userId, userId))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(10_000);
  return {
    profile,
    roles,
    sessions: activeSessions,
    activity,
    emails,
    rsvps: await rsvpsForExport(tx, userId),
  };
}

/**
 * A person's RSVPs for their data export, cancelled ones too: the event, kind, status, the
 * address opt-in, the sessions chosen and their check-ins at the door.
 */
async function rsvpsForExport(tx: Executor, userId: string) {
  const mine = await tx
    .select({
      id: rsvps.id,
      event: { id: events.id, name: events.name, slug: events.slug },
      kind: rsvps.kind,
      status: rsvps.status,
      shareEmail: rsvps.shareEmail,
      createdAt: rsvps.createdAt,
      confirmedAt: rsvps.confirmedAt,
      cancelledAt: rsvps.cancelledAt,
    })
    .from(rsvps)
    .innerJoin(events, eq(events.id, rsvps.eventId))
    .where(eq(rsvps.userId, userId))
    .orderBy(desc(rsvps.createdAt), asc(rsvps.id));
  const [chosen, checkedIn] = await Promise.all([
    tx
      .select({
        rsvpId: rsvpSessions.rsvpId,
        id: eventSessions.id,
        name: eventSessions.name,
        startsAt: eventSessions.startsAt,
      })
      .from(rsvpSessions)
      .innerJoin(rsvps, eq(rsvps.id, rsvpSessions.rsvpId))
      .innerJoin(eventSessions, eq(eventSessions.id, rsvpSessions.sessionId))
      .where(eq(rsvps.userId, userId))
      .orderBy(asc(eventSessions.startsAt), asc(eventSessions.id)),
    tx
      .select({
        rsvpId: checkIns.rsvpId,
        sessionId: checkIns.sessionId,
        sessionName: eventSessions.name,
        checkedInAt: checkIns.checkedInAt,
      })
      .from(checkIns)
      .innerJoin(rsvps, eq(rsvps.id, checkIns.rsvpId))
      .leftJoin(eventSessions, eq(eventSessions.id, checkIns.sessionId))
      .where(eq(rsvps.userId, userId))
      .orderBy(asc(checkIns.checkedInAt), asc(checkIns.id)),
  ]);
  return mine.map((r) => ({
    ...r,
    sessions: chosen
      .filter((c) => c.rsvpId === r.id)
      .map(({ id, name, startsAt }) => ({ id, name, startsAt })),
    // A check-in without a session is to the event itself.
    checkIns: checkedIn
      .filter((c) => c.rsvpId === r.id)
      .map((c) => ({
        session: c.sessionId ? { id: c.sessionId, name: c.sessionName } : null,
        checkedInAt: c.checkedInAt,
      })),
  }));
}

/** Stores (or replaces) a user's avatar. */
export async function saveAvatar(tx: Executor, userId: string, contentType: string, data: Buffer) {
  const updatedAt = new Date();
  await tx
    .insert(userAvatars)
    .values({ userId, contentType, data, updatedAt })
    .onConflictDoUpdate({ target: userAvatars.userId, set: { contentType, data, updatedAt } });
  await tx
    .update(users)
    .set({ image: `/api/users/${userId}/avatar?v=${updatedAt.getTime()}`, updatedAt })
    .where(eq(users.id, userId));
}

/** Removes a user's avatar. */
export async function removeAvatar(tx: Executor, userId: string) {
  await tx.delete(userAvatars).where(eq(userAvatars.userId, userId));
  await tx.update(users).set({ image: null, updatedAt: new Date() }).where(eq(users.id, userId));
}

/** A user's avatar, unless the account is deleted. */
export async function findAvatar(tx: Executor, userId: string) {
  const [row] = await tx
    .select({
      contentType: userAvatars.contentType,
      data: userAvatars.data,
      updatedAt: userAvatars.updatedAt,
    })
    .from(userAvatars)
    .innerJoin(users, eq(users.id, userAvatars.userId))
    .where(and(eq(userAvatars.userId, userId), isNull(users.deletedAt)));
  return row ?? null;
}
