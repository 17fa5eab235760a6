import { defineConfig } from 'drizzle-kit';

// Migrations are generated (`pnpm db:generate`) and committed; they are applied by
// `migrate()` on start and in tests. The schema is never pushed.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/src/schema/index.ts',
  out: './db/migrations',
});
