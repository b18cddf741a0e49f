import 'dotenv/config';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase, targetFromConfig } from './connection.js';
import { migrateDatabase, migrationStatus } from './migrate.js';

/** `npm run db:migrate`: applies pending migrations to the configured database and exits. */
async function run() {
  const config = loadConfig();
  const handle = await openDatabase(targetFromConfig({ ...config, databasePoolSize: 1 }));
  try {
    await migrateDatabase(handle);
    const status = await migrationStatus(handle.db);
    console.log(`Migrations are current (${status.applied} applied).`);
  } finally {
    await handle.close();
  }
}

run().catch((error: unknown) => {
  console.error(
    error instanceof ConfigError
      ? `Invalid configuration.\n${error.message}`
      : `Migration failed: ${String(error)}`,
  );
  process.exit(1);
});
