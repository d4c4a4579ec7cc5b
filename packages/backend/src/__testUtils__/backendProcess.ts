import { freePort } from '@platform-portal/test-utils';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';

/** The repository root, from packages/backend/src/__testUtils__. */
export const REPO_ROOT = resolvePath(__dirname, '../../../..');
const BACKEND_DIR = resolvePath(REPO_ROOT, 'packages/backend');

export type BackendProcess = {
  baseUrl: string;
  /** Everything the process printed, for assertions and for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
};

export { freePort };

/**
 * Starts the real backend (packages/backend/src/index.ts) in a child process, exactly as
 * `backstage-cli package start` runs it but without the file watcher, on a free port.
 * `configFiles` are repo-relative; `overrides` is written to a last config file.
 */
export async function startBackendProcess(options: {
  configFiles: string[];
  overrides?: Record<string, unknown>;
  env?: Record<string, string>;
  readyTimeoutMs?: number;
}): Promise<BackendProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const overridesFile = join(
    mkdtempSync(join(tmpdir(), 'portal-backend-')),
    'app-config.test.yaml',
  );
  // JSON is valid YAML; the listen and base URLs always point at the free port.
  writeFileSync(
    overridesFile,
    JSON.stringify(
      mergeDeep(options.overrides ?? {}, {
        app: { baseUrl },
        backend: {
          baseUrl,
          listen: { port, host: '127.0.0.1' },
          cors: { origin: baseUrl },
        },
      }),
    ),
  );
  const configArgs = [
    ...options.configFiles.map(f => resolvePath(REPO_ROOT, f)),
    overridesFile,
  ].flatMap(f => ['--config', f]);

  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      'src/index.ts',
      ...configArgs,
    ],
    {
      cwd: BACKEND_DIR,
      env: { ...process.env, NODE_ENV: 'development', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', d => (output += d));
  child.stderr?.on('data', d => (output += d));

  const stop = () => stopProcess(child);
  try {
    await waitForReadiness(
      baseUrl,
      child,
      () => output,
      options.readyTimeoutMs ?? 150_000,
    );
  } catch (error) {
    await stop();
    throw new Error(
      `${(error as Error).message}\n--- backend output ---\n${output.slice(
        -6000,
      )}`,
    );
  }
  return { baseUrl, output: () => output, stop };
}

async function waitForReadiness(
  baseUrl: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `backend exited with code ${child.exitCode} before it was ready`,
      );
    }
    // A failed start-up is logged, but the process may stay alive: fail fast instead of waiting.
    const failure = output().match(
      /Backend failed to start up|Unhandled rejection[^\n]*/,
    );
    if (failure) throw new Error(`backend did not start: ${failure[0]}`);
    try {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`backend not ready at ${baseUrl} after ${timeoutMs} ms`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve();
  return new Promise(resolve => {
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(killTimer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function mergeDeep(
  base: Record<string, unknown>,
  extra: Record<string, unknown>,
): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = result[key];
    result[key] =
      isPlainObject(current) && isPlainObject(value)
        ? mergeDeep(current, value)
        : value;
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Polls `read` until `done` holds, returning the last value. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise(r => setTimeout(r, 500));
    value = await read();
  }
  return value;
}
