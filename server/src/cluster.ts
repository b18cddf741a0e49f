import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';

/**
 * `WORKERS` > 1: this process is the primary and serves nothing itself. It starts the app
 * processes, which share one listening socket, starts again one that dies, and on SIGTERM or
 * SIGINT asks each to stop and exits when all have. Everything the app processes share lives in
 * PostgreSQL (README, "Run several processes behind a load balancer"); the primary opens no
 * database.
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
  /** When each app process started listening, by worker id: while listening only. */
  const listeningSince = new Map<number, number>();

  cluster.schedulingPolicy = cluster.SCHED_NONE;
  cluster.setupPrimary({ exec: entry, args: [] });
  const start = () => {
    const worker = cluster.fork();
    worker.on('listening', () => onListening(worker));
  };

  const onListening = (worker: Worker) => {
    listeningSince.set(worker.id, Date.now());
    if (!allReadyOnce && listeningSince.size === workers) {
      allReadyOnce = true;
      log.info(`Steward is ready at ${publicUrl} (${where}, ${workers} processes)`);
    }
  };

  const alive = () =>
    Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());

  const stopAll = (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    if (alive().length === 0) process.exit(exitCode);
    for (const worker of alive()) worker.process.kill('SIGTERM');
    // A process that does not finish in time is killed; the primary still exits.
    setTimeout(() => {
      const late = alive();
      if (late.length) log.warn({ processes: late.length }, 'Killing app processes still busy');
      for (const worker of late) worker.process.kill('SIGKILL');
    }, stopGraceMs).unref();
    cluster.on('exit', () => {
      if (alive().length === 0) process.exit(exitCode);
    });
  };

  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      // Asked a second time (Ctrl-C twice): stop now.
      for (const worker of alive()) worker.process.kill('SIGKILL');
      process.exit(130);
    }
    signalled = true;
    if (!stopping) log.info({ signal }, 'Steward is stopping');
    stopAll(0);
  };

  cluster.on('exit', (worker, code, signal) => {
    const since = listeningSince.get(worker.id);
    listeningSince.delete(worker.id);
    if (stopping) return;
    if (!allReadyOnce) {
      // Ctrl-C reaches every process of the terminal's group: one that dies of it before its
      // own handler is set is a stop, not a failed start.
      if (signal === 'SIGINT' || signal === 'SIGTERM') return stopAll(0);
      // Failing before all were ever ready is a start that failed (the database is unreachable,
      // the port taken): the operator's to fix, so stop with its code rather than loop.
      log.error({ code, signal }, 'An app process failed to start; Steward is stopping');
      stopAll(code || 1);
      return;
    }
    if (since !== undefined && Date.now() - since >= healthyAfterMs) {
      restartDelay = restartDelayMs.first;
    }
    log.error(
      { code, signal, restartInMs: restartDelay },
      'An app process stopped; starting another in its place',
    );
    setTimeout(() => {
      if (!stopping) start();
    }, restartDelay);
    restartDelay = Math.min(restartDelay * 2, restartDelayMs.max);
  });

  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  for (let i = 0; i < workers; i++) start();
}

/**
 * Whether this process is the one that says what is said once per start (the setup link, the
 * warning that email is not sent): the only process, or the first app process under a primary.
 */
export function isFirstProcess(): boolean {
  return cluster.isPrimary || cluster.worker?.id === 1;
}
