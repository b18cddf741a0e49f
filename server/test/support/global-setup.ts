import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/connection.js';
import { migrateDatabase } from '../../src/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: a tarball of a migrated data folder; each test database starts from it. */
    pgliteTemplate: string;
    /** PostgreSQL (TEST_DATABASE_URL set): the migrated template database's name. */
    postgresTemplate: string;
  }
}

/**
 * Migrates one template database for the whole run (initdb and migrations cost seconds), so each
 * test file can start from a copy of it in milliseconds.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) return setupPostgres(project, serverUrl);

  const dir = mkdtempSync(join(tmpdir(), 'steward-test-'));
  const handle = await openDatabase({ kind: 'pglite-memory' });
  await migrateDatabase(handle);
  const tarball = await (
    (handle.db as unknown as { $client: unknown }).$client as {
      dumpDataDir(c: 'none'): Promise<Blob>;
    }
  ).dumpDataDir('none');
  await handle.close();
  const file = join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await tarball.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  project.provide('postgresTemplate', '');
  return () => rmSync(dir, { recursive: true, force: true });
}

async function setupPostgres(project: TestProject, serverUrl: string) {
  const prefix = `steward_test_${randomBytes(4).toString('hex')}`;
  const template = `${prefix}_template`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  const handle = await openDatabase({
    kind: 'postgres',
    url: withDatabase(serverUrl, template),
    poolSize: 1,
  });
  await migrateDatabase(handle);
  await handle.close();
  project.provide('pgliteTemplate', '');
  project.provide('postgresTemplate', template);

  return async () => {
    // Drop the template and every per-file copy made from it.
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`${prefix}%`],
    );
    for (const { datname } of rows.filter((r) => r.datname !== template)) {
      await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
  };
}

/** The same server URL pointing at another database. */
export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
