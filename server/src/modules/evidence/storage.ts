import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { evidenceBlobs } from '../../db/schema/index.js';

// Where the bytes of evidence live. The listing (report_evidence) is always in the database; the
// bytes go to a store reached through this interface, named by a random key (never the file
// name, which is the uploader's to choose).
//
// The default keeps them in the database (report_evidence_blobs), in the caller's transaction:
// an upload that fails leaves nothing behind, and a deletion removes row and bytes together.
//
// Adding a file-system or S3 store later: write another EvidenceStorage (it may ignore `tx`),
// choose it in `evidenceStorage` below (from configuration), keep the keys as they are. Such a
// store cannot join the transaction, so the service's order matters: `put` runs before the row
// is inserted (a failed transaction leaves unreferenced bytes, which a sweep of keys without a
// row may remove; never a row without bytes), and `delete` should then run after the commit.
// Existing data moves by copying each key from one store to the other.

/** One store of evidence bytes, as seen from one transaction. */
export interface EvidenceStore {
  /** Keeps `bytes` under `key` (a key from newStorageKey(), not yet used). */
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes under `key`, or null when there are none. */
  get(key: string): Promise<Buffer | null>;
  /** Removes the bytes under `key`; removing what is not there is no error. */
  delete(key: string): Promise<void>;
}

/** A storage backend: the store to use within a transaction (or the database). */
export type EvidenceStorage = (tx: Executor) => EvidenceStore;

/** A fresh storage key: 128 random bits, safe as a file name or an object key. */
export const newStorageKey = (): string => randomBytes(16).toString('hex');

/** The default: bytes in the database table report_evidence_blobs, in the caller's transaction. */
export const databaseStorage: EvidenceStorage = (tx) => ({
  async put(key, bytes) {
    await tx.insert(evidenceBlobs).values({ key, data: bytes });
  },
  async get(key) {
    const [row] = await tx
      .select({ data: evidenceBlobs.data })
      .from(evidenceBlobs)
      .where(eq(evidenceBlobs.key, key));
    return row?.data ?? null;
  },
  async delete(key) {
    await tx.delete(evidenceBlobs).where(eq(evidenceBlobs.key, key));
  },
});

/** The storage this installation uses. */
export const evidenceStorage: EvidenceStorage = databaseStorage;
