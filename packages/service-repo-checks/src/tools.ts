import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/*
 * Where the checks of a generated service repository find their tools. scripts/test installs
 * helm and Debian's python3 packages (scripts/lib/service-template-tools.sh); the frontend's
 * dependencies are cached under .tools/ too, so every caller shares one cache.
 */

/** The monorepo root, where .tools/ lives (this package sits at packages/<name>). */
export const REPO_ROOT = resolvePackagePath(
  '@platform-portal/service-repo-checks',
  '../..',
);

export const TOOLS_HINT =
  'run scripts/test, or source scripts/lib/service-template-tools.sh and call ensure_service_template_tools';

/** Debian's packages belong to Debian's interpreter, not to whatever python3 is first on PATH. */
export const PYTHON = process.env.SERVICE_TEMPLATE_PYTHON ?? '/usr/bin/python3';

export const PG_URL = (
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
  'postgresql://postgres@127.0.0.1:5432'
).replace(/\/+$/, '');

export interface RunResult {
  status: number | null;
  /** stdout then stderr, for failure reports. */
  output: string;
  stdout: string;
}

export function run(
  cmd: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): RunResult {
  const result = spawnSync(cmd, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    status: result.status,
    output: `${result.stdout ?? ''}${result.stderr ?? ''}${
      result.error ? String(result.error) : ''
    }`,
    stdout: result.stdout ?? '',
  };
}

/** Terminal colour codes out, so summaries parse whatever the environment asked for. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

let helm: string | null | undefined;

/** The helm binary (.tools/bin first, then PATH), or null when none runs. */
export function findHelm(): string | null {
  if (helm === undefined) {
    helm =
      [join(REPO_ROOT, '.tools/bin/helm'), 'helm'].find(
        h => spawnSync(h, ['version', '--short']).status === 0,
      ) ?? null;
  }
  return helm;
}

/** Throws with the install hint when the python lacks what the generated backend needs. */
export function requireServicePython(): void {
  const probe = run(PYTHON, [
    '-c',
    'import flask, pytest, sqlalchemy, psycopg2, alembic',
  ]);
  if (probe.status !== 0) {
    throw new Error(
      `${PYTHON} lacks flask/pytest/sqlalchemy/psycopg2/alembic: ${TOOLS_HINT}`,
    );
  }
}
