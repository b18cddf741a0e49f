import pg from 'pg';
import { cpuMs, hostCpuTicks, processTree } from '../lib/proc.js';

// CPU time spent per request, by the server process and the PostgreSQL backends serving its
// database: on a shared machine, throughput and latency move with the neighbours, but the work a
// request costs does not, so its ratio to the baseline's is the steadier figure.

/** How busy the host's cores were (0–1) while `run` ran, with what it answered. */
export async function hostBusyDuring<T>(run: () => Promise<T>) {
  const before = hostCpuTicks();
  const result = await run();
  const after = hostCpuTicks();
  return { result, hostBusy: (after.busy - before.busy) / Math.max(1, after.all - before.all) };
}

/**
 * Measures the CPU a server (with the processes it started: WORKERS) and its database connections
 * spend while `run` runs, and how busy the host's cores were meanwhile (`hostBusy`, 0–1: the
 * server, the database, the load generator and anything else), which tells at what load of the
 * host a latency was read.
 */
export async function withCpu<T>(
  databaseUrl: string,
  serverPid: number,
  run: () => Promise<T>,
): Promise<{
  result: T;
  serverMs: number;
  databaseMs: number;
  serverSplit: number[];
  hostBusy: number;
}> {
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
    // Processes may come and go during the run (backends, an app process started again): what
    // those present at the end spent since the start, or since they began.
    const readings = (pids: number[]) => new Map(pids.map((pid) => [pid, cpuMs(pid)]));
    const spentSince = (before: Map<number, number>, now: number[]) =>
      now.reduce((total, pid) => total + cpuMs(pid) - (before.get(pid) ?? 0), 0);
    const databaseBefore = readings(await backends());
    const serverBefore = readings(processTree(serverPid));
    const { result, hostBusy } = await hostBusyDuring(run);
    const servers = processTree(serverPid);
    const serverMs = spentSince(serverBefore, servers);
    const databaseMs = spentSince(databaseBefore, await backends());
    // Under a primary (WORKERS), how the app processes shared the work, in percent: the kernel,
    // not a rotation, spreads their connections (docs/decisions.md).
    const appProcesses = servers.length > 1 ? servers.slice(1) : servers;
    const spent = appProcesses.map((pid) => spentSince(serverBefore, [pid]));
    const total = spent.reduce((a, b) => a + b, 0);
    const serverSplit = spent.map((ms) => Math.round((100 * ms) / Math.max(1, total)));
    return { result, serverMs, databaseMs, serverSplit, hostBusy };
  } finally {
    await client.end();
  }
}
