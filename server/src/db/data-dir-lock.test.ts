import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.js';

describe('data folder lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'steward-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second holder while the first holds it', () => {
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(/Another Steward process \(pid \d+/);
    lock.release();
    lockDataDir(dir).release();
  });

  it('refuses when another live process holds it', () => {
    // The parent of this test process is alive for the whole test.
    writeFileSync(
      join(dir, 'steward.lock'),
      JSON.stringify({ pid: process.ppid, host: hostname(), startedAt: 'earlier' }),
    );
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
  });

  it('takes over at once from a process that died', () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const pid = Number(dead.stdout.toString());
    writeFileSync(
      join(dir, 'steward.lock'),
      JSON.stringify({ pid, host: hostname(), startedAt: 'earlier' }),
    );
    const lock = lockDataDir(dir);
    lock.release();
    expect(existsSync(join(dir, 'steward.lock'))).toBe(false);
  });

  it('assumes a lock written on another host is held', () => {
    writeFileSync(
      join(dir, 'steward.lock'),
      JSON.stringify({ pid: 1, host: 'elsewhere', startedAt: 'x' }),
    );
    expect(() => lockDataDir(dir)).toThrow(/on elsewhere/);
  });
});
