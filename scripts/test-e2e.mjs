#!/usr/bin/env node
// `npm run test:e2e`: builds Steward, then runs the end-to-end tests against the built server:
// process tests (start, restart, lock, configuration) and browser tests in headless Chromium.
// Without Chromium the browser tests fail the run under CI=true, and are skipped loudly otherwise.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build, root } from './lib/build.mjs';
import { findChromium } from './lib/chromium.mjs';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const chromium = findChromium();
const browserTests = readdirSync(join(root, 'e2e')).filter((f) => f.endsWith('.browser.test.ts'));

if (!chromium) {
  const lines = [
    'No Chromium found for the browser tests (looked at CHROMIUM_PATH, /usr/bin/chromium).',
    'Install it with:  sudo apt-get install -y chromium',
  ];
  if (ci) {
    console.error(
      `\n✖ ${lines.join('\n  ')}\n  CI=true: the browser tests are required, so this run fails.\n`,
    );
    process.exit(1);
  }
  const bar = '!'.repeat(78);
  console.warn(
    `\n${bar}\n!! ${lines.join('\n!! ')}\n!! SKIPPED these browser test files:\n` +
      browserTests.map((f) => `!!   - e2e/${f}`).join('\n') +
      `\n${bar}\n`,
  );
}

await build({ quiet: true });

const args = ['vitest', 'run', '--config', 'e2e/vitest.config.ts'];
if (!chromium) args.push('--exclude', 'e2e/**/*.browser.test.ts');
const result = spawnSync('npx', args, {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ...(chromium ? { CHROMIUM_PATH: chromium } : {}) },
});
process.exit(result.status ?? 1);
