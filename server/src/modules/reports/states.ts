import type { reportStates } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';

export type ReportState = (typeof reportStates)[number];

export interface Move {
  to: ReportState;
  /** Resolving and reopening need a note (SPEC §9). */
  needsNote: boolean;
  /** Investigating needs someone assigned (SPEC §9). */
  needsAssignee: boolean;
}

const order: readonly ReportState[] = [
  'submitted',
  'acknowledged',
  'investigating',
  'resolved',
  'closed',
];

const finished = (s: ReportState) => s === 'resolved' || s === 'closed';

/**
 * The moves of SPEC §9 from a state. Forward along submitted → acknowledged → investigating →
 * resolved → closed, skipping steps where that makes sense (a report can be resolved straight
 * after it is read), but closing only what was resolved. Reopening takes a finished report back
 * to acknowledged or investigating.
 */
export function movesFrom(from: ReportState): Move[] {
  const targets: ReportState[] = finished(from)
    ? [...(from === 'resolved' ? (['closed'] as const) : []), 'acknowledged', 'investigating']
    : order.slice(order.indexOf(from) + 1).filter((s) => s !== 'closed');
  return targets.map((to) => ({
    to,
    needsNote: to === 'resolved' || (finished(from) && !finished(to)),
    needsAssignee: to === 'investigating',
  }));
}

/** The move from → to, or the error that explains why it cannot be made. */
export function checkMove(
  from: ReportState,
  to: ReportState,
  facts: { note: string | null; assignees: number },
): Move {
  const move = movesFrom(from).find((m) => m.to === to);
  if (!move) {
    throw new AppError(
      'invalid_state',
      from === to
        ? `The report is already ${to}.`
        : `A report that is ${from} cannot be moved to ${to}.`,
    );
  }
  if (move.needsAssignee && facts.assignees === 0) {
    throw new AppError('invalid_state', 'Assign someone to the report before investigating it.');
  }
  if (move.needsNote && !facts.note) {
    throw new AppError('validation_failed', 'Add a note saying why.', [
      {
        field: 'body.note',
        message: to === 'resolved' ? 'Say how it was resolved' : 'Say why it is reopened',
      },
    ]);
  }
  return move;
}
