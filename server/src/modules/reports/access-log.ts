import type { Decision } from '@steward/permissions';
import type { Executor } from '../../db/connection.js';
import { reportAccessLog } from '../../db/schema/index.js';
import type { RequestOrigin } from '../../context.js';

export type AccessKind = 'report' | 'evidence' | 'export';

export interface AccessRecord {
  reportId: string;
  /** The viewer's account; null for the anonymous follow-up link. */
  userId: string | null;
  what: AccessKind;
  /** The evidence seen, when `what` is evidence. */
  targetId?: string | null;
  /** The decision that let them see it: its reason says through which role or relationship. */
  decision: Decision;
  origin: RequestOrigin;
}

/**
 * Writes views of reports to their access log (SPEC §10), several at once for an export. Called
 * after the engine allowed the view and before the data leaves the server.
 */
export async function recordAccess(tx: Executor, records: readonly AccessRecord[]) {
  if (records.length === 0) return;
  await tx.insert(reportAccessLog).values(
    records.map((r) => ({
      reportId: r.reportId,
      userId: r.userId,
      what: r.what,
      targetId: r.targetId ?? null,
      via: r.decision.reason,
      ipAddress: r.origin.ipAddress,
    })),
  );
}
