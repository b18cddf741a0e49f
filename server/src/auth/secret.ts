import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/connection.js';
import { instanceSecrets } from '../db/schema/index.js';

/**
 * The secret that signs session cookies: AUTH_SECRET when the operator sets one, otherwise one
 * generated on first start and kept in the database, so every process of an installation agrees
 * on it without configuration.
 */
export async function resolveAuthSecret(
  db: Database,
  configured: string | undefined,
): Promise<string> {
  if (configured) return configured;
  await db
    .insert(instanceSecrets)
    .values({ name: 'auth_secret', value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db
    .select()
    .from(instanceSecrets)
    .where(eq(instanceSecrets.name, 'auth_secret'));
  if (!row) throw new Error('auth secret missing after insert');
  return row.value;
}
