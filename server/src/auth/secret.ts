import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database, Executor } from '../db/connection.js';
import { instanceSecrets } from '../db/schema/index.js';

/**
 * A secret the installation makes for itself on first use and keeps in the database, so every
 * process of an installation agrees on it without configuration.
 */
export async function instanceSecret(db: Executor, name: string): Promise<string> {
  await db
    .insert(instanceSecrets)
    .values({ name, value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db.select().from(instanceSecrets).where(eq(instanceSecrets.name, name));
  if (!row) throw new Error(`instance secret ${name} missing after insert`);
  return row.value;
}

/** The secret that signs session cookies: AUTH_SECRET when the operator sets one. */
export async function resolveAuthSecret(
  db: Database,
  configured: string | undefined,
): Promise<string> {
  return configured ?? instanceSecret(db, 'auth_secret');
}
