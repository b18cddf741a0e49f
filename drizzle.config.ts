import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` is used: it writes SQL migrations from the schema. Steward applies
// them itself at start (and with `npm run db:migrate`) on PGlite or PostgreSQL.
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/src/db/schema/index.ts',
  out: './server/src/db/migrations',
});
