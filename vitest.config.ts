import { defineConfig } from 'vitest/config';
import { jsonReportFor } from './scripts/lib/vitest-reporters.js';

// Three projects run by `npm run test:unit`: pure units, API tests against a real database, and
// the web app's components. Browser tests have their own config in e2e/.
export default defineConfig({
  test: {
    reporters: jsonReportFor('unit-api-web'),
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/**/*.test.ts', 'server/src/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'api',
          include: ['server/test/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['server/test/support/global-setup.ts'],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      'web/vitest.config.ts',
    ],
  },
});
