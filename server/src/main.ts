import 'dotenv/config';
import cluster from 'node:cluster';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { buildApp } from './app.js';
import { isFirstProcess, runPrimary } from './cluster.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase, targetFromConfig, type DatabaseHandle } from './db/connection.js';
import { DataDirLockedError } from './db/data-dir-lock.js';
import { migrateDatabase, migrationStatus } from './db/migrate.js';
import { createLogger } from './logger.js';
import { issueSetupLink } from './modules/setup/service.js';

/** Starts Steward: configuration, database, migrations, then the HTTP server. */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Steward cannot start.\n${error.message}\nSee README.md, "Configuration".`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }

  const log = createLogger(config);
  const where = config.databaseUrl ? 'PostgreSQL' : `embedded database in ${config.dataDir}`;
  if (cluster.isPrimary && config.workers > 1) {
    const entry = fileURLToPath(import.meta.url);
    runPrimary({ workers: config.workers, log, where, publicUrl: config.publicUrl, entry });
    return;
  }

  let handle: DatabaseHandle;
  try {
    handle = await openDatabase(targetFromConfig(config));
  } catch (error) {
    // Another process on the folder, an unreachable or too old server: the operator's to fix.
    console.error(`Steward cannot start.\n${(error as Error).message}`);
    process.exit(error instanceof DataDirLockedError ? 75 : 69); // EX_TEMPFAIL, EX_UNAVAILABLE
  }

  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    if (config.migrateOnStart) await migrateDatabase(handle);
    else if (!(await migrationStatus(handle.db)).current) {
      log.warn(
        'The database has pending migrations: run `npm run db:migrate`. /readyz says not ready.',
      );
    }
    const server = await buildApp({ config, database: handle, logger: log });
    app = server;

    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      log.info({ signal }, 'Steward is stopping');
      await server.close();
      await handle.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));

    await server.listen({ host: config.host, port: config.port });
    // Under a primary (WORKERS > 1), the primary says when all are ready.
    if (cluster.isPrimary) log.info(`Steward is ready at ${config.publicUrl} (${where})`);

    const link = isFirstProcess() ? await issueSetupLink(handle.db, config.publicUrl) : null;
    if (link) {
      log.warn(
        { setupUrl: link },
        `No system admin exists yet. Open this one-time link to create the first one:\n\n    ${link}\n`,
      );
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      log.error(
        `Port ${config.port} on ${config.host} is already in use. Stop the program using it, or set PORT to another port.`,
      );
    } else {
      log.error({ err: error }, 'Steward failed to start');
    }
    await app?.close().catch(() => undefined);
    await handle.close().catch(() => undefined);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  pino().fatal({ err: error }, 'Steward failed to start');
  process.exit(1);
});
