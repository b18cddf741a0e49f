import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  newDataDir,
  runToExit,
  startServer,
  type RunningServer,
  freePort,
} from './support/server.js';

// The built server as `npm start` runs it: first start, restart, the data-folder lock, and
// configuration errors. No browser needed.
describe('starting Steward', () => {
  const dataDir = newDataDir();
  const running: RunningServer[] = [];
  afterAll(async () => {
    for (const s of running) await s.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates and migrates the embedded database on first start, and prints a setup link', async () => {
    const server = await startServer({ dataDir });
    running.push(server);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', migrations: 'current' },
    });
    expect(server.setupUrl).toMatch(new RegExp(`^${server.url}/setup#token=[\\w-]{43}$`));
    // JSON logs in production, one object per line.
    const lines = server.output().trim().split('\n');
    expect(lines.every((l) => l.startsWith('{'))).toBe(true);
  });

  it('refuses a second process on the same data folder with a clear message', async () => {
    const second = await runToExit({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(second.code).not.toBe(0);
    expect(second.output).toMatch(/Another Steward process \(pid \d+/);
    expect(second.output).toContain(dataDir);
    // The first one is untouched.
    expect((await fetch(`${running[0]!.url}/healthz`)).status).toBe(200);
  });

  it('reopens the database on restart, and the earlier setup link still works', async () => {
    const first = running.pop()!;
    const link = first.setupUrl!;
    expect(await first.stop()).toBe(0);

    const again = await startServer({ dataDir });
    running.push(again);
    console.log(`second start: /healthz answered after ${again.readyAfterMs} ms`);
    const token = new URL(link).hash.replace('#token=', '');
    const check = await fetch(`${again.url}/api/setup/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expect(check.status).toBe(200);
  });

  it('stops at start with a message naming a wrong variable', async () => {
    const result = await runToExit({ DATA_DIR: join(dataDir, 'unused'), PORT: 'eighty' });
    expect(result.code).toBe(78);
    expect(result.output).toContain('PORT: expected a number');
    expect(result.output).toContain('"eighty"');
  });

  it('says plainly when PostgreSQL cannot be reached', async () => {
    const result = await runToExit({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/steward',
      PORT: '0',
    });
    expect(result.code).toBe(69);
    expect(result.output).toContain(
      'Cannot reach PostgreSQL at 127.0.0.1:1/steward (DATABASE_URL)',
    );
  });

  it('runs the same build on PostgreSQL when DATABASE_URL is set', async (ctx) => {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) ctx.skip();
    const pg = await import('pg');
    const name = `steward_e2e_${Date.now()}`;
    const admin = new pg.default.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    try {
      const url = new URL(serverUrl!);
      url.pathname = `/${name}`;
      const server = await startServer({ env: { DATABASE_URL: url.toString() } });
      try {
        expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
        expect(server.setupUrl).toBeDefined();
        expect(server.output()).toContain('(PostgreSQL)');
      } finally {
        await server.stop();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
