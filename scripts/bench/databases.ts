import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { root } from './processes.js';
import { LOADING_MARKER } from '../dataset/postgres-load.js';

/** The database a scale's dataset lives in, on the benchmark's server. */
export const databaseName = (scale: number) =>
  `steward_bench_scale_${String(scale).replace('.', '_')}`;

/** `postgres://…/postgres` with another database name. */
export function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

/**
 * The URL of a database holding the scale's dataset. A database left by an earlier run is used
 * again (generating scale 10 takes minutes); a missing or empty one is generated here, with the
 * project's own generator (`npm run db:generate`).
 */
export async function datasetDatabase(serverUrl: string, scale: number): Promise<string> {
  const name = databaseName(scale);
  const url = withDatabase(serverUrl, name);
  const exists = await query(serverUrl, `SELECT 1 FROM pg_database WHERE datname = '${name}'`);
  if (exists.length > 0) {
    const [row] = await query<{ n: string }>(
      url,
      // A load that was killed leaves its marker (dataset/postgres-load.ts): not a dataset.
      `SELECT CASE WHEN to_regclass('public.reports') IS NULL
                     OR to_regclass('public.${LOADING_MARKER}') IS NOT NULL THEN 0
                   ELSE (SELECT count(*) FROM organizations) END AS n`,
    );
    if (Number(row?.n) > 0) {
      console.log(`Scale ${scale}: using the dataset already in ${name}.`);
      return url;
    }
    await query(serverUrl, `DROP DATABASE ${name} WITH (FORCE)`);
  }
  await query(serverUrl, `CREATE DATABASE ${name}`);
  console.log(`Scale ${scale}: generating the dataset into ${name} (npm run db:generate)…`);
  const result = spawnSync(
    'npx',
    ['tsx', 'scripts/generate-dataset.ts', '--scale', String(scale)],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, DATABASE_URL: url },
    },
  );
  if (result.status !== 0) throw new Error(`generating scale ${scale} failed`);
  return url;
}

/** How much data a database holds, for the benchmark's heading. */
export async function datasetSize(url: string) {
  const [row] = await query<{ users: string; events: string; reports: string }>(
    url,
    `SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM events) AS events,
            (SELECT count(*) FROM reports) AS reports`,
  );
  return { users: Number(row!.users), events: Number(row!.events), reports: Number(row!.reports) };
}

/**
 * Waits until Steward's email outbox is drained (at most `maxSeconds`), and answers how many
 * seconds that took. Every submission queues an email per member of the response team, and the
 * delivery worker sends them in the background: a backlog left by one run would otherwise be paid
 * for by whichever endpoint is measured next.
 */
export async function waitForOutbox(url: string, maxSeconds = 180): Promise<number> {
  const start = Date.now();
  for (;;) {
    const [row] = await query<{ n: string }>(
      url,
      `SELECT count(*) AS n FROM email_outbox WHERE status IN ('pending', 'sending')`,
    );
    const waited = (Date.now() - start) / 1000;
    if (Number(row?.n) === 0 || waited > maxSeconds) return waited;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Vacuums the tables the runs have churned (more than `minDead` dead rows), as autovacuum would
 * between bursts on a server with its defaults. Some servers run without it:
 * the PostgreSQL of the machines these figures come from has `autovacuum = off` (a CI setting),
 * and there a run's figures would pay for every earlier run's dead rows (an email outbox claim
 * stepping over hundreds of thousands of dead index entries took 250 ms, not 0.5).
 */
export async function vacuumChurned(url: string, minDead = 1000): Promise<void> {
  const tables = await query<{ name: string }>(
    url,
    `SELECT quote_ident(relname) AS name FROM pg_stat_user_tables
      WHERE n_dead_tup > ${Number(minDead)} ORDER BY relname`,
  );
  for (const { name } of tables) await query(url, `VACUUM (ANALYZE) ${name}`);
}
