import { eq, isNull, and } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { setupTokens } from '../../db/schema/index.js';

/** Stores the hash of a new setup token. */
export async function insertSetupToken(tx: Executor, tokenHash: string): Promise<void> {
  await tx.insert(setupTokens).values({ tokenHash });
}

/** Finds an unused setup token by hash, locking it for the rest of the transaction. */
export async function findUnusedTokenForUpdate(tx: Executor, tokenHash: string) {
  const [row] = await tx
    .select()
    .from(setupTokens)
    .where(and(eq(setupTokens.tokenHash, tokenHash), isNull(setupTokens.usedAt)))
    .for('update');
  return row;
}

/** Finds an unused setup token by hash, without locking. */
export async function findUnusedToken(tx: Executor, tokenHash: string) {
  const [row] = await tx
    .select({ id: setupTokens.id })
    .from(setupTokens)
    .where(and(eq(setupTokens.tokenHash, tokenHash), isNull(setupTokens.usedAt)));
  return row;
}

/** Marks every unused setup token used: once setup is done, no link may work again. */
export async function useAllTokens(tx: Executor, usedAt: Date): Promise<void> {
  await tx.update(setupTokens).set({ usedAt }).where(isNull(setupTokens.usedAt));
}
