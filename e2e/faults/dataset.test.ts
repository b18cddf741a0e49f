import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOADING_MARKER } from '../../scripts/dataset/postgres-load.js';
import { sizesFor } from '../../scripts/dataset/sizes.js';
import { runs } from '../../scripts/lib/proc.js';
import { postgresServerUrl, scratchDatabase, type ScratchDatabase } from './support/postgres.js';

// On PostgreSQL `npm run db:generate` loads in two sessions, each statement committing, so a load
// killed half way leaves rows and a schema without its indexes; its marker says so, and the next
// run undoes it before loading (scripts/dataset/postgres-load.ts). Killed for real here, with
// SIGKILL, after the reports are in and before the indexes are back.

const serverUrl = postgresServerUrl('the dataset generator killed half way');

/** `npm run db:generate -- --scale <scale>` into `url`, its output collected. */
function generate(url: string, scale: number) {
  let output = '';
  const child = spawn('npx', ['tsx', 'scripts/generate-dataset.ts', '--scale', String(scale)], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that the test can kill npx, tsx and the generator at once.
    detached: true,
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe.skipIf(!serverUrl)('the dataset generator killed half way', () => {
  let scratch: ScratchDatabase;

  beforeAll(async () => {
    scratch = await scratchDatabase(serverUrl!);
  });
  afterAll(async () => {
    await scratch?.drop();
  });

  const count = async (table: string) =>
    Number((await scratch.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
  const marked = async () =>
    (
      await scratch.query<{ m: boolean }>(
        `SELECT to_regclass('public.${LOADING_MARKER}') IS NOT NULL AS m`,
      )
    )[0]!.m;

  it('is undone by the next run, which then loads the whole dataset with its schema', async () => {
    // Big enough that the load is still running well after its reports are in.
    const first = generate(scratch.url, 0.2);
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (Date.now() > deadline) throw new Error(`no reports loaded:\n${first.output()}`);
      const tables = await scratch.query<{ t: string | null }>(
        `SELECT to_regclass('public.reports')::text AS t`,
      );
      if (tables[0]!.t && (await marked()) && (await count('reports')) > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    // The whole process group (npx, tsx and the generator), as a machine losing power would.
    process.kill(-first.child.pid!, 'SIGKILL');
    await first.exited;
    expect(runs(first.child.pid!)).toBe(false);
    // Killed before it was complete: the marker is still there, with rows and without indexes.
    expect(await marked()).toBe(true);
    const deferred = (
      await scratch.query<{ deferred: { name: string }[] }>(
        `SELECT deferred FROM ${LOADING_MARKER}`,
      )
    )[0]!.deferred;
    expect(deferred.map((d) => d.name)).toContain('reports_search_idx');

    const second = generate(scratch.url, 0.01);
    expect({ code: await second.exited, output: second.output() }).toMatchObject({
      code: 0,
      output: expect.stringContaining('an earlier load was interrupted: undoing it first'),
    });
    expect(await marked()).toBe(false);
    // What the first run loaded is gone: the counts are the second run's scale.
    const sizes = sizesFor(0.01);
    expect(await count('users')).toBe(sizes.users);
    expect(await count('events')).toBe(sizes.events);
    // Every index and constraint the first run dropped is back, and checked.
    const present = await scratch.query<{ name: string }>(`
      SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public'
      UNION SELECT conname FROM pg_constraint
      WHERE connamespace = 'public'::regnamespace AND convalidated`);
    const names = new Set(present.map((p) => p.name));
    expect(deferred.filter((d) => !names.has(d.name))).toEqual([]);
    // Undoing it emptied the audit log past its guard against TRUNCATE, which is on again.
    const guards = await scratch.query<{ tgname: string; tgenabled: string }>(`
      SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'audit_entries'::regclass
        AND NOT tgisinternal ORDER BY tgname`);
    expect(guards).toEqual([
      { tgname: 'audit_entries_append_only', tgenabled: 'O' },
      { tgname: 'audit_entries_no_truncate', tgenabled: 'O' },
    ]);
  });
});
