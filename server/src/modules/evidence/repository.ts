import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { evidence, reports, users } from '../../db/schema/index.js';

// The SQL of evidence listings. The bytes are elsewhere (storage.ts).

export type EvidenceRow = typeof evidence.$inferSelect;

/** A listing row with its uploader's name (null for the anonymous reporter). */
export interface EvidenceWithUploader {
  evidence: EvidenceRow;
  uploaderName: string | null;
}

const withUploader = { evidence, uploaderName: users.name };

/** A report's evidence, oldest first. */
export async function listForReport(
  tx: Executor,
  reportId: string,
): Promise<EvidenceWithUploader[]> {
  return tx
    .select(withUploader)
    .from(evidence)
    .leftJoin(users, eq(evidence.uploaderId, users.id))
    .where(eq(evidence.reportId, reportId))
    .orderBy(asc(evidence.createdAt), asc(evidence.id));
}

/** One piece of evidence (locked for a change when `lock`), or null. */
export async function findEvidence(
  tx: Executor,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<EvidenceRow | null> {
  const query = tx.select().from(evidence).where(eq(evidence.id, id));
  const [row] = opts.lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function uploaderName(tx: Executor, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const [row] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return row?.name ?? null;
}

export async function insertEvidence(
  tx: Executor,
  values: typeof evidence.$inferInsert,
): Promise<EvidenceRow> {
  const [row] = await tx.insert(evidence).values(values).returning();
  return row!;
}

export async function deleteEvidenceRow(tx: Executor, id: string): Promise<void> {
  await tx.delete(evidence).where(eq(evidence.id, id));
}

/**
 * Marks the report as changed, holding its row until the transaction ends; false when it is
 * gone (deleted since it was loaded).
 */
export async function touchReport(tx: Executor, reportId: string): Promise<boolean> {
  const rows = await tx
    .update(reports)
    .set({ updatedAt: sql`now()` })
    .where(and(eq(reports.id, reportId), isNull(reports.deletedAt)))
    .returning({ id: reports.id });
  return rows.length > 0;
}
