import { defineProject } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Component tests of the web app, in happy-dom. Browser tests of the built app live in e2e/.
export default defineProject({
  plugins: [react()],
  test: {
    name: 'web',
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
    setupFiles: ['src/test/setup.ts'],
  },
});
