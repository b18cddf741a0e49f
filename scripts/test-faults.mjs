#!/usr/bin/env node
// `npm run test:faults`: builds Steward, then runs the failure tests (e2e/faults) against the
// built server. Tests that need PostgreSQL read TEST_DATABASE_URL, and fail without it under CI.
import { spawnSync } from 'node:child_process';
import { build, root } from './lib/build.mjs';

await build({ quiet: true });
const result = spawnSync(
  'npx',
  ['vitest', 'run', '--config', 'e2e/faults/vitest.config.ts', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
