#!/usr/bin/env node
// `npm run bench:startup`: how long until /healthz answers 200 on a first start (creates and
// migrates the embedded database) and on later starts (reopens it), against a baseline measured
// in the same run: a bare Node HTTP server on this machine. Prints figures; asserts nothing.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, root } from './lib/build.mjs';

const runs = Number(process.env.RUNS ?? 3);

async function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function timeToHealthy(args, env) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...env,
    },
    stdio: 'ignore',
  });
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  const ms = performance.now() - started;
  const exited = new Promise((r) => child.on('exit', r));
  child.kill('SIGTERM');
  await exited;
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

await build({ quiet: true });
const baselineScript = `require('http').createServer((q,s)=>s.end('{"status":"ok"}')).listen(process.env.PORT,'127.0.0.1')`;
const baseline = [],
  first = [],
  second = [];
for (let i = 0; i < runs; i++) {
  baseline.push(await timeToHealthy(['-e', baselineScript], {}));
  const dataDir = mkdtempSync(join(tmpdir(), 'steward-bench-'));
  first.push(await timeToHealthy([join(root, 'dist/server/main.js')], { DATA_DIR: dataDir }));
  second.push(await timeToHealthy([join(root, 'dist/server/main.js')], { DATA_DIR: dataDir }));
  rmSync(dataDir, { recursive: true, force: true });
}
const b = median(baseline);
const row = (name, xs) =>
  `${name.padEnd(34)} ${median(xs).toFixed(0).padStart(6)} ms  (${(median(xs) / b).toFixed(1)}× baseline)`;
console.log(`startup to /healthz 200, median of ${runs} runs`);
console.log(row('baseline: bare Node HTTP server', baseline));
console.log(row('Steward, first start (initdb)', first));
console.log(row('Steward, second start (reopen)', second));
