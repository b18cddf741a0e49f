import { defineConfig } from 'vitest/config';
import { jsonReportFor } from '../../scripts/lib/vitest-reporters.js';

// Failure tests (`npm run test:faults`): crashes, a second app process, a database that goes
// away, fuzzing against real processes. Too slow for `npm test`; CI runs them after it. They
// start built Steward processes, so files run one at a time, like the other end-to-end tests.
export default defineConfig({
  test: {
    name: 'faults',
    reporters: jsonReportFor('faults'),
    include: ['e2e/faults/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
