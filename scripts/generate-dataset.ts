// `npm run db:generate -- --scale N`: fills the configured database (PostgreSQL when
// DATABASE_URL is set, else the embedded one in DATA_DIR) with a generated installation, for
// benchmarks. See docs/PERFORMANCE.md, "Dataset".
import 'dotenv/config';
import { ConfigError, loadConfig } from '../server/src/config.js';
import { openDatabase, targetFromConfig } from '../server/src/db/connection.js';
import { migrateDatabase } from '../server/src/db/migrate.js';
import { parseArguments, UsageError } from './dataset/arguments.js';
import { generateDataset, NotEmptyError } from './dataset/index.js';

async function run() {
  const { scale } = parseArguments(process.argv.slice(2));
  const config = loadConfig();
  // Two sessions load side by side on PostgreSQL (dataset/lanes.ts), and the pool keeps one
  // connection beyond them for single statements.
  const handle = await openDatabase(targetFromConfig({ ...config, databasePoolSize: 3 }));
  try {
    const where =
      handle.kind === 'pglite' ? `the embedded database in ${config.dataDir}` : 'PostgreSQL';
    console.log(`db-generate: scale ${scale} into ${where}`);
    await migrateDatabase(handle);
    const { seconds, counts } = await generateDataset(handle, { scale, log: console.log });
    console.log(
      `db-generate: scale=${scale} seconds=${seconds.toFixed(1)} users=${counts.users} ` +
        `events=${counts.events} reports=${counts.reports} comments=${counts.comments} ` +
        `audit=${counts.audit}`,
    );
  } finally {
    await handle.close();
  }
}

run().catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof NotEmptyError) {
    console.error(error.message);
  } else if (error instanceof ConfigError) {
    console.error(`Invalid configuration.\n${error.message}`);
  } else {
    console.error('db-generate failed:', error);
  }
  process.exit(1);
});
