import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(dataDir: string, holder: LockInfo) {
    super(
      `Another Steward process (pid ${holder.pid} on ${holder.host}, started ${holder.startedAt}) ` +
        `is using the data folder ${dataDir}. Stop it first, or give this process its own ` +
        `DATA_DIR. Two processes on one embedded database would corrupt it; to run several ` +
        `processes, use PostgreSQL (DATABASE_URL).`,
    );
    this.name = 'DataDirLockedError';
  }
}

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

export interface DataDirLock {
  release(): void;
}

/**
 * Takes an exclusive lock on the embedded database's folder. PGlite has no lock of its own.
 *
 * The lock file names the holder's pid. A lock left by a process that no longer runs (a crash,
 * a kill -9) is taken over at once, so a restart never waits; a heartbeat-based lock would make
 * the operator wait out its staleness window and could be declared stale while a long query
 * blocks the event loop.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'steward.lock');
  const mine: LockInfo = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
  };

  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify(mine));
      closeSync(fd);
      return {
        release() {
          const holder = readLock(file);
          if (holder?.pid === mine.pid && holder.host === mine.host) rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readLock(file);
      if (holder && isAlive(holder)) throw new DataDirLockedError(dataDir, holder);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  const holder = readLock(file);
  throw new DataDirLockedError(
    dataDir,
    holder ?? { pid: -1, host: 'unknown', startedAt: 'unknown' },
  );
}

function readLock(file: string): LockInfo | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
  } catch {
    return undefined; // missing, or half-written by a process that died while writing it
  }
}

function isAlive(holder: LockInfo): boolean {
  // A lock written on another host (a shared volume) cannot be checked: assume it is held.
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
