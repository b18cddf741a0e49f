import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Component tests of the web app, in happy-dom. Browser tests of the built app live in e2e/.
export default defineProject({
  root: fileURLToPath(new URL('..', import.meta.url)),
  plugins: [react()],
  test: {
    name: 'web',
    include: ['web/src/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
    setupFiles: ['web/src/test/setup.ts'],
  },
});
