import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '../../src/config.js';
import { buildApp, type App, type BuildOptions } from '../../src/app.js';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { checkAuditOnInject } from './audit-check.js';
import { createTestDatabase } from './database.js';

// A tiny stand-in for the built web app, so API tests do not depend on a Vite build.
const webRoot = fileURLToPath(new URL('../fixtures/web', import.meta.url));

export interface TestContext {
  app: App;
  database: DatabaseHandle;
  config: Config;
  close(): Promise<void>;
}

/**
 * Builds the whole app on a database of its own. Close it in afterAll/afterEach. The email
 * worker runs as in production unless `options.email` says otherwise (`{ worker: false }` lets a
 * test deliver by hand). Its inject checks each mutation's audit entries (support/audit-check.ts).
 */
export async function createTestApp(
  env: Record<string, string> = {},
  options: Pick<BuildOptions, 'email' | 'logger'> = {},
): Promise<TestContext> {
  const config = loadConfig({
    NODE_ENV: 'test',
    AUTH_SECRET: 'test-secret-that-is-at-least-32-characters',
    ...env,
  });
  const database = await createTestDatabase();
  const app = await buildApp({ config, database, webRoot, ...options });
  await app.ready();
  // Every mutation through this app is checked against the audit log (support/audit-check.ts).
  checkAuditOnInject(app, database);
  return {
    app,
    database,
    config,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
