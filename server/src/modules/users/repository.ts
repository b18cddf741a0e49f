import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { accounts, sessions, users, verifications } from '../../db/schema/index.js';

export interface NewUser {
  name: string;
  email: string;
  passwordHash: string;
  /** Whether the address is known to be the person's (the operator at setup). */
  emailVerified?: boolean;
}

/** Normalizes an email address for storage and lookup. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/**
 * Creates a user who signs in with a password, in the caller's transaction. The account row has
 * the shape better-auth reads ("credential" provider), so sign-in works straight away.
 */
export async function insertPasswordUser(tx: Executor, input: NewUser) {
  const id = randomUUID();
  const [user] = await tx
    .insert(users)
    .values({
      id,
      name: input.name,
      email: normalizeEmail(input.email),
      emailVerified: input.emailVerified ?? false,
    })
    .returning({ id: users.id, name: users.name, email: users.email });
  await tx.insert(accounts).values({
    userId: id,
    accountId: id,
    providerId: 'credential',
    password: input.passwordHash,
  });
  return user!;
}

/** True when an account already uses this email address. */
export async function emailExists(tx: Executor, email: string): Promise<boolean> {
  const rows = await tx
    .select({ one: sql`1` })
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .limit(1);
  return rows.length > 0;
}

/** Ends one session (an expired or refused one), in the caller's transaction. */
export async function deleteSession(tx: Executor, sessionId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user at once: deactivation, reset, "sign out everywhere". */
export async function deleteUserSessions(tx: Executor, userId: string): Promise<number> {
  const rows = await tx
    .delete(sessions)
    .where(eq(sessions.userId, userId))
    .returning({ id: sessions.id });
  return rows.length;
}

/** The ids of a user's sessions now. */
export async function sessionIdsOf(tx: Executor, userId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: sessions.id })
    .from(sessions)
    .where(eq(sessions.userId, userId));
  return rows.map((r) => r.id);
}

/** Ends these sessions (some may be gone already). */
export async function deleteSessions(tx: Executor, ids: readonly string[]): Promise<void> {
  if (ids.length) await tx.delete(sessions).where(inArray(sessions.id, [...ids]));
}

/**
 * Drops every pending token and remembered device of a user (reset links, "trust this device",
 * half-finished two-factor sign-ins): better-auth keeps the user's id as their value.
 */
export async function deleteUserVerifications(tx: Executor, userId: string): Promise<void> {
  await tx.delete(verifications).where(eq(verifications.value, userId));
}

/** The account using an email address, unless it was deleted. */
export async function findUserByEmail(tx: Executor, email: string) {
  const [row] = await tx
    .select({ id: users.id, name: users.name, email: users.email, deletedAt: users.deletedAt })
    .from(users)
    .where(eq(users.email, email));
  return row && !row.deletedAt ? row : null;
}

/** An account by id, unless it was deleted. */
export async function findLiveUser(tx: Executor, id: string) {
  const [row] = await tx
    .select({ id: users.id, name: users.name, email: users.email, deletedAt: users.deletedAt })
    .from(users)
    .where(eq(users.id, id));
  return row && !row.deletedAt ? row : null;
}
