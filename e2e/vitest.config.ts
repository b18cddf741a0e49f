import { defineConfig } from 'vitest/config';
import { jsonReportFor } from '../scripts/lib/vitest-reporters.js';

// End-to-end tests run one file at a time: each starts real Steward processes, and the browser
// tests drive one Chromium. scripts/test-e2e.mjs builds first and finds Chromium.
export default defineConfig({
  test: {
    name: 'e2e',
    reporters: jsonReportFor('e2e'),
    include: ['e2e/**/*.test.ts'],
    // The failure tests have their own command (npm run test:faults) and config.
    exclude: ['e2e/faults/**'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
