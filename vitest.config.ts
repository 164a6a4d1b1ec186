import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// Node resolves `graphql` 16 (no "exports" map) through "main" to its CommonJS build, the copy Apollo's packages and
// graphql-ws load. Vite would pick "module" (index.mjs) for our own imports, a second graphql realm that only exists
// under test; pinning the bare specifier to the CommonJS entry makes tests load graphql exactly as production does.
const graphqlEntry = createRequire(new URL('./gateway/package.json', import.meta.url)).resolve('graphql');
const resolve = { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] };

// Two tiers selected by file suffix: `*.test.ts` is a unit test (no network),
// `*.int.test.ts` talks to the real local Postgres / Redis / child processes.
const roots = ['packages', 'subgraphs', 'orchestrator', 'gateway', 'drizzle', 'web'];
const unitGlobs = roots.map((r) => `${r}/**/src/**/*.test.ts`);
const intGlobs = roots.map((r) => `${r}/**/src/**/*.int.test.ts`);

export default defineConfig({
  test: {
    projects: [
      {
        resolve,
        test: {
          name: 'unit',
          include: unitGlobs,
          exclude: ['**/node_modules/**', ...intGlobs],
          testTimeout: 20_000,
        },
      },
      {
        resolve,
        test: {
          name: 'int',
          include: intGlobs,
          // Deterministic runtime: an orchestrator started by a test uses the process driver unless the test
          // chooses a driver itself (the docker driver's tests do), even when a Docker engine answers.
          // Rate limits share one budget per address across every gateway on the machine (all tests are 127.0.0.1),
          // so they are off for the tier; the rate-limit tests switch them on with their own Redis prefix.
          env: { RUNTIME_DRIVER: 'process', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', RATE_LIMIT_ENABLED: 'false' },
          exclude: ['**/node_modules/**'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Integration files each create their own database; two at a time fits a 2-core machine.
          maxWorkers: 2,
          fileParallelism: true,
        },
      },
    ],
  },
});
