import { defineConfig, devices } from '@playwright/test';
import { WEB_BASE_URL } from './support/platform-urls.ts';

/**
 * End-to-end tests against the running platform in the machine's Debian Chromium (never a downloaded browser).
 * Global setup reuses a platform already serving E2E_BASE_URL or starts one with the launcher, and teardown stops only
 * what setup started. Test files are `<scenario>/<scenario>.e2e.ts`.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.e2e.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Global setup may start the whole platform (up to 180 s) before the first test.
  globalTimeout: 15 * 60_000,
  globalSetup: './support/global-setup.ts',
  globalTeardown: './support/global-teardown.ts',
  reporter: [['list'], ['./support/summary-reporter.ts']],
  outputDir: '../var/test-results/playwright-artifacts',
  use: {
    baseURL: WEB_BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    serviceWorkers: 'block',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--headless',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
      },
    },
  ],
});
