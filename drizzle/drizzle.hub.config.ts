import { defineConfig } from 'drizzle-kit';

/** drizzle-kit config for the HUB database (`pnpm --filter @sw/db generate`). */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/hub/index.ts',
  out: './migrations/hub',
  strict: true,
  verbose: true,
});
