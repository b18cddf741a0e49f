#!/usr/bin/env node
// `npm start` and `npm run db:migrate`: build if anything changed since the last build, then run
// the bundled entry point (`main` by default, or `migrate`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, root } from './lib/build.mjs';

// `npm start` alone works on a fresh clone: install the packages first if they are missing.
if (!existsSync(join(root, 'node_modules', 'fastify'))) {
  console.log('Installing packages (npm install)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const entry = process.argv[2] ?? 'main';
if (!['main', 'migrate'].includes(entry)) {
  console.error(`Unknown entry ${entry}: use main or migrate.`);
  process.exit(64);
}
try {
  await build();
} catch (error) {
  console.error(`Steward could not be built: ${error.message}`);
  process.exit(1);
}
await import(pathToFileURL(join(root, 'dist', 'server', `${entry}.js`)).href);
