import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';

/**
 * `WORKERS` > 1: this process is the primary and serves nothing itself. It starts the app
 * processes, which share one listening socket, starts again one that dies, and on SIGTERM or
 * SIGINT asks each to stop and exits when all have. Everything the app processes share lives in
 * PostgreSQL (README, "Several processes"); the primary opens no database.
 *
 * Each app process accepts connections from the shared socket itself (SCHED_NONE), rather than
 * the primary accepting them and handing each over (node's default on Linux, round-robin): with
 * hand-over, a connection given to a process at the moment it dies is lost, and its client waits
 * until it gives up (seen: a request hanging after a kill -9). Accepting themselves, the live
 * ones take every new connection at once; the kernel spreads them less evenly, which
 * docs/decisions.md weighs.
 */

/** How long a stopping app process has to finish its requests before it is killed. */
const stopGraceMs = 30_000;
/** Waits before starting again an app process that died, doubling while they keep dying. */
const restartDelayMs = { first: 500, max: 30_000 };
/** An app process that served this long resets the wait. */
const healthyAfterMs = 60_000;

export interface PrimaryOptions {
  workers: number;
  log: Logger;
  /** What the ready line says of the database. */
  where: string;
  publicUrl: string;
  /**
   * The module each app process runs: main's own file, not the command that started the primary
   * (`npm start` runs scripts/run.mjs, whose build check each process need not repeat).
   */
  entry: string;
}

export function runPrimary({ workers, log, where, publicUrl, entry }: PrimaryOptions): void {
  let stopping = false;
  let allReadyOnce = false;
  let restartDelay = restartDelayMs.first;
  const listening = new Set<number>();
  const startedAt = new Map<number, number>();

  cluster.schedulingPolicy = cluster.SCHED_NONE;
  cluster.setupPrimary({ exec: entry, args: [] });
  const start = () => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
    worker.on('listening', () => onListening(worker));
  };

  const onListening = (worker: Worker) => {
    listening.add(worker.id);
    if (!allReadyOnce && listening.size === workers) {
      allReadyOnce = true;
      log.info(`Steward is ready at ${publicUrl} (${where}, ${workers} processes)`);
    }
  };

  const stopAll = (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    if (alive.length === 0) process.exit(exitCode);
    for (const worker of alive) worker.process.kill('SIGTERM');
    // A process that does not finish in time is killed; the primary still exits.
    setTimeout(() => {
      for (const worker of alive) if (!worker.isDead()) worker.process.kill('SIGKILL');
    }, stopGraceMs).unref();
    cluster.on('exit', () => {
      if (Object.values(cluster.workers ?? {}).every((w) => !w || w.isDead())) {
        process.exit(exitCode);
      }
    });
  };

  cluster.on('exit', (worker, code, signal) => {
    const served = listening.delete(worker.id);
    const lived = Date.now() - (startedAt.get(worker.id) ?? Date.now());
    startedAt.delete(worker.id);
    if (stopping) return;
    if (!allReadyOnce) {
      // Failing before all were ever ready is a start that failed (the database is unreachable,
      // the port taken): the operator's to fix, so stop with its code rather than loop.
      log.error({ code, signal }, 'An app process failed to start; Steward is stopping');
      stopAll(code || 1);
      return;
    }
    restartDelay = served && lived >= healthyAfterMs ? restartDelayMs.first : restartDelay;
    log.error(
      { code, signal, restartInMs: restartDelay },
      'An app process stopped; starting another in its place',
    );
    setTimeout(() => {
      if (!stopping) start();
    }, restartDelay);
    restartDelay = Math.min(restartDelay * 2, restartDelayMs.max);
  });

  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));
  for (let i = 0; i < workers; i++) start();
}

/** Whether this process is the one that says things said once (the setup link). */
export function isFirstProcess(): boolean {
  return cluster.isPrimary || cluster.worker?.id === 1;
}
