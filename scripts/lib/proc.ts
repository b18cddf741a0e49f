import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

// What Linux's /proc says about a process and the ones it started: the benchmarks count the CPU
// and memory of Steward's processes with them, and the failure tests find its app processes.
// A process that is gone meanwhile reads as nothing.

/** The fields of /proc/<pid>/stat after the command (which may hold spaces and parentheses). */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** Whether `pid` still runs: a process that ended but was not reaped yet (a zombie) does not. */
export function runs(pid: number): boolean {
  const state = statFields(pid)?.[0];
  return state !== undefined && state !== 'Z' && state !== 'X';
}

/** The processes whose parent is `pid`. */
export function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    if (Number(statFields(Number(entry))?.[1]) === pid) children.push(Number(entry));
  }
  return children.sort((a, b) => a - b);
}

/** `pid` and every process below it. */
export function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...childrenOf(tree[i]!));
  return tree;
}

/** User + system CPU of a process so far, in milliseconds (0 once it is gone). */
export function cpuMs(pid: number): number {
  const fields = statFields(pid);
  if (!fields) return 0;
  return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
}

/**
 * The host's CPU time so far, every core together, in clock ticks: `busy` running anything, and
 * `all` of it (busy, idle, waiting on the disk, or taken by the hypervisor: steal).
 */
export function hostCpuTicks(): { busy: number; all: number } {
  const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .slice(1, 9)
    .map(Number) as [number, number, number, number, number, number, number, number];
  const busy = user + nice + system + irq + softirq;
  return { busy, all: busy + idle + iowait + steal };
}

/** Resident memory of the processes together, in MB. */
export function rssMb(pids: number[]): number {
  let kb = 0;
  for (const pid of pids) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return Math.round(kb / 1024);
}

/** The socket inodes a process holds open. */
function socketsOf(pid: number): Set<string> {
  const sockets = new Set<string>();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        if (target.startsWith('socket:[')) sockets.add(target.slice(8, -1));
      } catch {
        // closed meanwhile
      }
    }
  } catch {
    // gone
  }
  return sockets;
}

/**
 * Whether `pid` holds a TCP socket listening on `port` (IPv4 or IPv6). The app processes of
 * WORKERS share one such socket, which each holds once it has started listening.
 */
export function listensOn(pid: number, port: number): boolean {
  const held = socketsOf(pid);
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let lines: string[];
    try {
      lines = readFileSync(table, 'utf8').split('\n').slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      const f = line.trim().split(/\s+/);
      // local address "ADDR:PORT", state 0A is LISTEN, the inode is the tenth field
      if (f[3] === '0A' && f[1]?.endsWith(`:${hexPort}`) && held.has(f[9]!)) return true;
    }
  }
  return false;
}
