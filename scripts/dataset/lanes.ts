import { sql } from 'drizzle-orm';
import type { Executor } from '../../server/src/db/connection.js';

// The generator's statements run in lanes: sessions of their own, each one statement after
// another. On PostgreSQL there are two, side by side, one on each core: PostgreSQL runs an
// INSERT … SELECT in one process however big it is, so one session left a core idle for the whole
// load (scale 10 took 772 s on a slow host, its load average 1). PGlite has one.

export type Lane = Executor;

const affected = (result: unknown): number => {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
};

/** Runs `statement` in `lane`; answers how many rows it wrote. */
export async function run(lane: Lane, statement: string): Promise<number> {
  return affected(await lane.execute(sql.raw(statement)));
}

/**
 * Runs the lists of statements, list i in lane i modulo the number of lanes: the lanes side by
 * side, each its lists one after another. Answers the rows written. Every lane is waited for
 * before a failure is passed on, so that nothing still runs while it is undone.
 */
export async function sideBySide(lanes: readonly Lane[], lists: readonly string[][]) {
  const rows = await allOf(
    lanes.map(async (lane, i) => {
      let written = 0;
      for (let j = i; j < lists.length; j += lanes.length) {
        for (const statement of lists[j]!) written += await run(lane, statement);
      }
      return written;
    }),
  );
  return rows.reduce((sum, n) => sum + n, 0);
}

/**
 * Takes `jobs` in turn from one queue in every lane, side by side, until none is left (the
 * deferred indexes: each lane builds the next one not yet taken). Waits for every lane.
 */
export async function fromOneQueue<T>(
  lanes: readonly Lane[],
  jobs: readonly T[],
  work: (lane: Lane, job: T) => Promise<void>,
) {
  let next = 0;
  let failing = false;
  await allOf(
    lanes.map(async (lane) => {
      try {
        while (next < jobs.length && !failing) await work(lane, jobs[next++]!);
      } catch (error) {
        failing = true;
        throw error;
      }
    }),
  );
}

/** The lanes' results once every lane is done; the first failure, if any, after all are. */
async function allOf<T>(running: Promise<T>[]): Promise<T[]> {
  const done = await Promise.allSettled(running);
  const failed = done.find((d): d is PromiseRejectedResult => d.status === 'rejected');
  if (failed) throw failed.reason;
  return done.map((d) => (d as PromiseFulfilledResult<T>).value);
}

/** Seconds since `t0` (performance.now()), for the progress lines. */
export const secondsSince = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);
