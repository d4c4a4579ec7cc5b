import type { PlaywrightTestConfig } from '@playwright/test';

/*
 * What both Playwright configs share: the real backend serving the production build of the app
 * on a free-standing port with fresh data, and Debian's Chromium with the flags this machine
 * needs (Playwright cannot download its own browser here).
 */

type WebServer = NonNullable<
  Exclude<PlaywrightTestConfig['webServer'], unknown[]>
>;

/** packages/backend started from source with the given config files (repo-relative). */
export function backendWebServer(options: {
  port: number;
  dataDir: string;
  configFiles: string[];
  env?: Record<string, string>;
}): WebServer {
  const baseURL = `http://localhost:${options.port}`;
  return {
    command: [
      'node --enable-source-maps',
      `--require ${require.resolve(
        '@backstage/cli-node/config/nodeTransform.cjs',
      )}`,
      'src/index.ts',
      ...options.configFiles.map(file => `--config ../../${file}`),
    ].join(' '),
    cwd: 'packages/backend',
    url: `${baseURL}/.backstage/health/v1/readiness`,
    env: {
      NODE_ENV: 'development',
      PORTAL_DATA_DIR: options.dataDir,
      PORTAL_E2E_BASE_URL: baseURL,
      PORTAL_E2E_PORT: String(options.port),
      ...options.env,
    },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  };
}

/** The `use` block: base URL, traces on failure, and Debian's Chromium. */
export function chromiumUse(baseURL: string): PlaywrightTestConfig['use'] {
  return {
    baseURL,
    actionTimeout: 30_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
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
  };
}
