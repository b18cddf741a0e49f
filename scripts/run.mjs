#!/usr/bin/env node
// `npm start` and `npm run db:migrate`: build if anything changed since the last build, then run
// the bundled entry point (`main` by default, or `migrate`).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, root } from './lib/build.mjs';

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
