import { randomBytes } from 'node:crypto';
import pg from 'pg';

// The PostgreSQL side of the failure tests: the server to use, and a database of their own on it.

/**
 * The PostgreSQL server the failure tests may use (TEST_DATABASE_URL), or undefined when there is
 * none. Under CI a missing one is an error: the tests that need it must not pass by skipping.
 */
export function postgresServerUrl(what: string): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return url;
  if (process.env.CI === 'true') {
    throw new Error(`${what} needs PostgreSQL: set TEST_DATABASE_URL (CI must not skip it)`);
  }
  console.warn(
    `\n*** SKIPPED: ${what} needs PostgreSQL. Set TEST_DATABASE_URL, for example ` +
      `postgres://postgres@127.0.0.1:5432/postgres ***\n`,
  );
  return undefined;
}

export interface ScratchDatabase {
  /** The URL of the new, empty database. */
  url: string;
  name: string;
  /** A connection straight to it (not through any proxy), for checks. */
  query<T extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/** A new, empty database with a random name on the server at `serverUrl`. */
export async function scratchDatabase(serverUrl: string): Promise<ScratchDatabase> {
  const name = `steward_faults_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let direct: pg.Client | undefined;
  return {
    url: url.toString(),
    name,
    async query(text, values) {
      if (!direct) {
        direct = new pg.Client({ connectionString: url.toString() });
        await direct.connect();
      }
      return (await direct.query(text, values)).rows;
    },
    async drop() {
      await direct?.end().catch(() => undefined);
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
