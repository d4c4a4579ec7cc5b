import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backendWebServer, chromiumUse } from './playwright.shared';

/*
 * End-to-end tests in real Chromium against the production build of the app, served by the real
 * backend (plugin-app-backend) on the embedded defaults, with fresh data for every run.
 * scripts/test builds the app first; run `yarn workspace @platform-portal/app build` before
 * `yarn test:e2e` by hand.
 */
const port = Number(process.env.PORTAL_E2E_PORT ?? 7107);
const baseURL = `http://localhost:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'portal-e2e-'));

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [
    ['list'],
    ['json', { outputFile: 'test-output/e2e/results.json' }],
  ],
  outputDir: 'test-output/e2e/artifacts',
  webServer: backendWebServer({
    port,
    dataDir,
    configFiles: [
      'app-config.yaml',
      'packages/app/e2e-tests/app-config.e2e.yaml',
    ],
  }),
  use: chromiumUse(baseURL),
  projects: [{ name: 'chromium' }],
});
