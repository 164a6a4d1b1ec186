import { defineConfig } from 'drizzle-kit';

/** drizzle-kit config for a REGION database (`pnpm --filter @sw/db generate`). */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/region/index.ts',
  out: './migrations/region',
  strict: true,
  verbose: true,
});
