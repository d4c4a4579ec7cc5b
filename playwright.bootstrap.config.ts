import { defineConfig } from '@playwright/test';
import { commandOnPath } from '@platform-portal/test-utils';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backendWebServer, chromiumUse } from './playwright.shared';

/*
 * Issue #7's acceptance in real Chromium: the aws-account-bootstrap template run from the browser
 * against moto_server, then the account page's bootstrap card. moto_server is started first, then
 * the real backend serving the production build of the app, configured for moto by
 * packages/app/e2e-tests/bootstrap/app-config.bootstrap.yaml, with fresh data for every run.
 * Separate from playwright.config.ts (its own port, data, tests and reports) so the main e2e run
 * needs no moto_server. Build the app first: `yarn workspace @platform-portal/app build`.
 */
const port = Number(process.env.PORTAL_E2E_BOOTSTRAP_PORT ?? 7127);
const motoPort = Number(process.env.PORTAL_E2E_BOOTSTRAP_MOTO_PORT ?? port + 1);
const baseURL = `http://localhost:${port}`;
const motoURL = `http://127.0.0.1:${motoPort}`;
const dataDir = mkdtempSync(join(tmpdir(), 'portal-e2e-bootstrap-'));

if (!commandOnPath('moto_server')) {
  throw new Error(
    'moto_server is not on PATH: install moto[server] 5 to run the account-bootstrap e2e test',
  );
}

export default defineConfig({
  testDir: 'packages/app/e2e-tests/bootstrap',
  // Not *.test.ts: playwright.config.ts runs every test file under packages/app/e2e-tests, and
  // this one needs moto_server and the config above.
  testMatch: '**/*.e2e.ts',
  timeout: 300_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [
    ['list'],
    ['json', { outputFile: 'test-output/e2e-bootstrap/results.json' }],
  ],
  outputDir: 'test-output/e2e-bootstrap/artifacts',
  // Started in this order; each must answer before the next one starts.
  webServer: [
    {
      command: `moto_server -H 127.0.0.1 -p ${motoPort}`,
      url: `${motoURL}/moto-api/`,
      reuseExistingServer: false,
      timeout: 60_000,
      // Its request log and unsupported-resource warnings are noise here.
      stdout: 'ignore',
      stderr: 'ignore',
    },
    backendWebServer({
      port,
      dataDir,
      configFiles: [
        'app-config.yaml',
        'packages/app/e2e-tests/app-config.e2e.yaml',
        'packages/app/e2e-tests/bootstrap/app-config.bootstrap.yaml',
      ],
      env: {
        PORTAL_E2E_MOTO_URL: motoURL,
        // Only the static keys of app-config.bootstrap.yaml: never the instance metadata service.
        AWS_EC2_METADATA_DISABLED: 'true',
      },
    }),
  ],
  use: chromiumUse(baseURL),
  projects: [{ name: 'chromium-moto' }],
});
