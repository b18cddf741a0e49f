import type { Executor } from '../../db/connection.js';
import type { ServiceContext } from '../../context.js';

/**
 * Moves each kind's waitlist up while confirmed places are free, first come first served, in the
 * caller's transaction (which holds the event's row lock); each promoted person is emailed.
 * Called after a cancellation and after an event's capacity grows.
 */
export async function promoteWaitlists(
  tx: Executor,
  ctx: ServiceContext,
  eventId: string,
): Promise<void> {
  // Implemented with RSVPs (issue 9, in progress).
  void tx;
  void ctx;
  void eventId;
}
