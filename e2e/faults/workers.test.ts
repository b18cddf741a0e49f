import { describe, expect, it } from 'vitest';
import { childrenOf, listensOn, runs } from '../../scripts/lib/proc.js';
import { freePort, runToExit, startServer } from '../support/server.js';
import {
  isRunning,
  newSubmission,
  postReport,
  reportingEvent,
  roomyLimits,
} from './support/crash-fixtures.js';
import { newAuthSecret } from './support/processes.js';
import { postgresServerUrl, scratchDatabase } from './support/postgres.js';

// WORKERS=N: one `npm start` runs N app processes behind one port (node:cluster). Each is an app
// process like those of two-processes.test.ts; what is tested here is the primary's part: all
// of them serve, one that dies is replaced while the others go on, and a stop stops them all.

const serverUrl = postgresServerUrl('e2e/faults/workers.test.ts');

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('WORKERS: several app processes behind one port', () => {
  it('refuses more than one on the embedded database, naming the variable', async () => {
    const { code, output } = await runToExit({ WORKERS: '2', PORT: String(await freePort()) });
    expect(code).toBe(78);
    expect(output).toMatch(/WORKERS: expected 1 with the embedded database/);
  });

  it.skipIf(!serverUrl)('stops with the failing code when they cannot start', async () => {
    const unreachable = `postgres://postgres@127.0.0.1:${await freePort()}/steward`;
    const { code, output } = await runToExit({
      WORKERS: '2',
      PORT: String(await freePort()),
      DATABASE_URL: unreachable,
    });
    expect(code).toBe(69);
    expect(output).toContain('Cannot reach PostgreSQL');
    expect(output).toContain('An app process failed to start; Steward is stopping');
  });

  it.skipIf(!serverUrl)(
    'a second signal while stopping (Ctrl-C twice) kills them at once and exits 130',
    async () => {
      const database = await scratchDatabase(serverUrl!);
      const server = await startServer({
        env: { WORKERS: '2', DATABASE_URL: database.url, AUTH_SECRET: newAuthSecret() },
      });
      try {
        const port = Number(new URL(server.url).port);
        const primary = await waitFor('the ready line', () => {
          const ready = /"pid":(\d+),[^\n]*\(PostgreSQL, 2 processes\)/.exec(server.output());
          return ready ? Number(ready[1]) : undefined;
        });
        const apps = await waitFor('two app processes listening', () => {
          const pids = childrenOf(primary);
          return pids.length === 2 && pids.every((pid) => listensOn(pid, port)) ? pids : undefined;
        });
        // Two different signals, so that neither is merged into the other while pending.
        process.kill(primary, 'SIGINT');
        process.kill(primary, 'SIGTERM');
        await waitFor('the primary gone', () => (isRunning(primary) ? undefined : true));
        expect(await server.stop()).toBe(130);
        // Killed by the primary as it exits, they are no longer its children: an orphan is
        // reaped by whoever adopts it, so one that ended but waits for that counts as gone.
        for (const pid of apps) {
          await waitFor(`app process ${pid} gone`, () => (runs(pid) ? undefined : true), 5_000);
        }
      } finally {
        await server.stop();
        await database.drop();
      }
    },
  );

  it.skipIf(!serverUrl)(
    'all serve one installation; one killed is replaced while the others take every report; a stop stops all',
    async () => {
      const database = await scratchDatabase(serverUrl!);
      const server = await startServer({
        env: {
          WORKERS: '2',
          DATABASE_URL: database.url,
          AUTH_SECRET: newAuthSecret(),
          ...roomyLimits,
        },
      });
      try {
        const port = Number(new URL(server.url).port);
        // The primary's ready line comes once both listen; startServer may return before it.
        const primary = await waitFor('the ready line', () => {
          const ready = /"pid":(\d+),[^\n]*\(PostgreSQL, 2 processes\)/.exec(server.output());
          return ready ? Number(ready[1]) : undefined;
        });
        const twoListening = () => {
          const pids = childrenOf(primary);
          return pids.length === 2 && pids.every((pid) => listensOn(pid, port)) ? pids : undefined;
        };
        const first = await waitFor('two app processes listening', twoListening);

        const { eventId, close } = await reportingEvent(server);
        await close();
        // The setup link is printed once, not once a process (any one of them would work): by now,
        // seconds after both started, a second would have been printed.
        expect(server.output().match(/"setupUrl"/g)).toHaveLength(1);
        // So is the warning that email is not sent.
        expect(server.output().match(/SMTP_URL is not set/g)).toHaveLength(1);

        const acknowledged: { id: string; title: string }[] = [];
        // A client that loses its connection with the process under it sends the same
        // submission again (the idempotency key makes that safe), as the web app does.
        const submit = async (title: string) => {
          const submission = newSubmission(title);
          for (let attempt = 1; ; attempt++) {
            try {
              const res = await postReport(server.url, eventId, submission);
              expect(res.status, title).toBe(201);
              const { report } = (await res.json()) as { report: { id: string } };
              acknowledged.push({ id: report.id, title });
              return;
            } catch (error) {
              if (attempt === 3 || !(error instanceof TypeError)) throw error;
            }
          }
        };
        const submitMany = async (label: string) => {
          for (let i = 1; i <= 10; i++) await submit(`${label} ${i}`);
        };

        await submitMany('before');
        process.kill(first[0]!, 'SIGKILL');
        await submitMany('one killed');
        const replaced = await waitFor('a new app process in place of the killed one', () => {
          const pids = childrenOf(primary);
          return pids.length === 2 && !pids.includes(first[0]!) ? pids : undefined;
        });
        const newcomer = replaced.find((pid) => pid !== first[1])!;
        await waitFor('the new one listening', () => listensOn(newcomer, port) || undefined);
        // Now the other first one goes: the newcomer alone serves, so it serves.
        process.kill(first[1]!, 'SIGKILL');
        await waitFor('the second one gone', () => (isRunning(first[1]!) ? undefined : true));
        await submitMany('other killed');
        expect(isRunning(newcomer)).toBe(true);

        const stored = await database.query<{ id: string; title: string; number: number }>(
          `select r.id, r.title, r.number from reports r where r.event_id = $1 order by r.number`,
          [eventId],
        );
        expect(stored.map((r) => r.id).sort()).toEqual(acknowledged.map((r) => r.id).sort());
        // Report numbers are per event and given under its lock: no gap, no repeat.
        expect(stored.map((r) => r.number)).toEqual(stored.map((_, i) => i + 1));

        // The other killed one replaced too, so the stop has two app processes to end.
        const all = [primary, ...(await waitFor('two app processes again', twoListening))];
        expect(await server.stop()).toBe(0);
        for (const pid of all) expect(isRunning(pid), `process ${pid} after the stop`).toBe(false);
        // Each replacement waited twice as long as the one before: both died within a minute of
        // starting to listen, so neither reset the wait.
        const waits = [
          ...server.output().matchAll(/"restartInMs":(\d+)[^\n]*starting another in its place/g),
        ].map((m) => Number(m[1]));
        expect(waits).toEqual([500, 1000]);
      } finally {
        await server.stop();
        await database.drop();
      }
    },
  );
});
