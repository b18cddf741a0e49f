import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const mainScript = join(root, 'dist', 'server', 'main.js');

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export const newDataDir = () => mkdtempSync(join(tmpdir(), 'steward-e2e-'));

export interface RunningServer {
  url: string;
  dataDir: string;
  /** The setup link the server printed, if it printed one. */
  setupUrl: string | undefined;
  /** Milliseconds from spawn until /healthz answered 200. */
  readyAfterMs: number;
  output(): string;
  stop(): Promise<number | null>;
}

/** Starts the built Steward (as `npm start` runs it) and waits until /healthz answers. */
export async function startServer(opts: { dataDir?: string; env?: Record<string, string> } = {}) {
  const port = await freePort();
  const dataDir = opts.dataDir ?? newDataDir();
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  const { child, output } = spawnSteward({
    LOG_LEVEL: 'info',
    PORT: String(port),
    PUBLIC_URL: url,
    DATA_DIR: dataDir,
    ...opts.env,
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`Steward exited with ${child.exitCode}:\n${output()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Steward did not become healthy in time:\n${output()}`);
    }
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const readyAfterMs = Date.now() - started;
  // The setup link is logged just after the server starts listening.
  const linkDeadline = Date.now() + 5_000;
  while (!/"setupUrl"|Steward is ready/.test(output()) && Date.now() < linkDeadline) {
    await new Promise((r) => setTimeout(r, 20));
  }
  await new Promise((r) => setTimeout(r, 100));
  const setupUrl = /"setupUrl":"([^"]+)"/.exec(output())?.[1];

  return {
    url,
    dataDir,
    setupUrl,
    readyAfterMs,
    output,
    stop: async () => {
      const code = await stopChild(child, exited);
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  } satisfies RunningServer;
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>) {
  if (child.exitCode !== null) return child.exitCode;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

/** Runs the built server to completion (for starts that must fail) and returns its output. */
export async function runToExit(env: Record<string, string>, timeoutMs = 30_000) {
  const { child, output } = spawnSteward(env);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, output: output() };
}

/** The built server as a child process, in production mode, with only the given environment. */
function spawnSteward(env: Record<string, string>) {
  const child = spawn(process.execPath, [mainScript], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { child, output: () => out };
}
