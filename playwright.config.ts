import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
  webServer: {
    command: [
      'node --enable-source-maps',
      `--require ${require.resolve(
        '@backstage/cli-node/config/nodeTransform.cjs',
      )}`,
      'src/index.ts --config ../../app-config.yaml',
      '--config ../../packages/app/e2e-tests/app-config.e2e.yaml',
    ].join(' '),
    cwd: 'packages/backend',
    url: `${baseURL}/.backstage/health/v1/readiness`,
    env: {
      NODE_ENV: 'development',
      PORTAL_DATA_DIR: dataDir,
      PORTAL_E2E_BASE_URL: baseURL,
      PORTAL_E2E_PORT: String(port),
    },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  use: {
    baseURL,
    actionTimeout: 30_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      // Debian's Chromium; Playwright cannot download its own browser here.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
});
