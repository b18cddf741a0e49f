import { readFileSync } from 'node:fs';
import pg from 'pg';

// CPU time spent per request, by the server process and the PostgreSQL backends serving its
// database: on a shared machine, throughput and latency move with the neighbours, but the work a
// request costs does not, so its ratio to the baseline's is the steadier figure.

/** User + system CPU of a process so far, in milliseconds (Linux /proc; 0 once it is gone). */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
  } catch {
    return 0;
  }
}

/** Measures the CPU a server and its database connections spend while `run` runs. */
export async function withCpu<T>(
  databaseUrl: string,
  serverPid: number,
  run: () => Promise<T>,
): Promise<{ result: T; serverMs: number; databaseMs: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const backends = async () =>
      (
        await client.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> pg_backend_pid()`,
        )
      ).rows.map((r) => r.pid);
    const sum = (pids: number[]) => pids.reduce((total, pid) => total + cpuMs(pid), 0);
    // Backends may come and go during the run; those present at either end are counted.
    const before = new Map((await backends()).map((pid) => [pid, cpuMs(pid)]));
    const serverBefore = cpuMs(serverPid);
    const result = await run();
    const serverMs = cpuMs(serverPid) - serverBefore;
    const after = await backends();
    const databaseMs = sum(after) - after.reduce((t, pid) => t + (before.get(pid) ?? 0), 0);
    return { result, serverMs, databaseMs };
  } finally {
    await client.end();
  }
}
