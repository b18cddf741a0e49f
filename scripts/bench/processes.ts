import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childrenOf, listensOn, processTree, rssMb } from '../lib/proc.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds Steward as `npm start` would (dist/), so the benchmark runs what production runs.
 * `at` is the checkout to build (another worktree, for bench:compare); this one by default.
 */
export function buildSteward(at = root) {
  const result = spawnSync(process.execPath, ['scripts/build.mjs'], {
    cwd: at,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('the build failed');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface Served {
  url: string;
  pid: number;
  /** Resident memory now of the process and those it started (WORKERS), in MB. */
  rssMb(): number;
  stop(): Promise<void>;
}

/**
 * Starts a server and waits until it answers `readyPath`, and, when it runs `workers` processes
 * under a primary, until each of them is listening: none is measured while still starting.
 */
async function serve(
  args: string[],
  env: Record<string, string>,
  readyPath: string,
  workers: number,
) {
  const port = await freePort();
  // For looking inside: BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=prof" (docs/PERFORMANCE.md).
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // BENCH_SERVER_LOG=file keeps the servers' whole output (with BENCH_NODE_ARGS=--trace-gc, say).
  if (process.env.BENCH_SERVER_LOG) {
    const log = createWriteStream(process.env.BENCH_SERVER_LOG, { flags: 'a' });
    // Two streams into one file: neither may end it under the other (it is closed once both have).
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    child.on('close', () => log.end());
  }
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  child.stderr!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  const listening = (pid: number) => listensOn(pid, port);
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${args.join(' ')} did not become ready:\n${output}`);
    }
    const ok = await fetch(url + readyPath).then(
      (r) => r.status < 500,
      () => false,
    );
    const children = workers > 1 ? childrenOf(child.pid!) : [];
    if (ok && (workers === 1 || (children.length === workers && children.every(listening)))) {
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const pid = child.pid!;
  return {
    url,
    pid,
    rssMb: () => rssMb(processTree(pid)),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.on('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  } satisfies Served;
}

/**
 * The built Steward on a database, in production mode. Request logs are off (LOG_LEVEL=warn): the
 * benchmark measures Steward, not the terminal. Rate limits on submissions and sign-ins are
 * raised, since one machine plays thousands of people; every other limit stays as shipped.
 */
export function startSteward(databaseUrl: string, poolSize: number, workers = 1, at = root) {
  return serve(
    [join(at, 'dist', 'server', 'main.js')],
    {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: String(poolSize),
      AUTH_SECRET: 'benchmark-secret-that-is-at-least-32-characters',
      LOG_LEVEL: 'warn',
      RETENTION_PURGE_INTERVAL_HOURS: '0',
      RATE_LIMIT_REPORT_SUBMISSION_PER_IP: '1000000/1m',
      RATE_LIMIT_SIGN_IN_PER_IP: '100000/1m',
      RATE_LIMIT_SIGN_IN_PER_ACCOUNT: '100000/1m',
      WORKERS: String(workers),
    },
    '/healthz',
    workers,
  );
}

/**
 * The bare Fastify baseline (baseline-server.mjs) on the same database, pool size and number of
 * processes.
 */
export function startBaseline(databaseUrl: string, poolSize: number, workers = 1) {
  return serve(
    [join(root, 'scripts', 'bench', 'baseline-server.mjs')],
    { DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: String(poolSize), WORKERS: String(workers) },
    '/baseline/reports/00000000-0000-0000-0000-000000000000',
    workers,
  );
}
