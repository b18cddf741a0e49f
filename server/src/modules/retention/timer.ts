import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/connection.js';
import { purge, retentionConfigured } from './service.js';

export interface RetentionTimer {
  /** Stops the timer, waiting for a purge in progress (call before closing the database). */
  stop(): Promise<void>;
}

/**
 * Runs the retention purge every `intervalMs` (once a day by default), first one interval after
 * start: a restart loop never purges over and over. Where no retention is set it does nothing and
 * records nothing. Several processes may each run it: a second purge finds nothing left.
 */
export function startRetentionTimer(
  db: Database,
  { intervalMs, log }: { intervalMs: number; log?: FastifyBaseLogger },
): RetentionTimer {
  let running: Promise<void> | null = null;
  let stopped = false;
  const origin = { requestId: null, ipAddress: null, userAgent: null };

  const run = async () => {
    try {
      if (!(await retentionConfigured(db))) return;
      const result = await purge(db, { actor: null, origin }, { dryRun: false });
      log?.info(
        { auditEntries: result.audit.entries, reports: result.incidents.reports },
        'retention purge done',
      );
    } catch (error) {
      log?.error({ err: error }, 'retention purge failed; it runs again at the next interval');
    }
  };

  const timer = setInterval(() => {
    if (stopped || running) return;
    running = run().finally(() => {
      running = null;
    });
  }, intervalMs);
  // The timer alone never keeps the process alive.
  timer.unref();

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
