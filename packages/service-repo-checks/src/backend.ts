import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  PG_URL,
  PYTHON,
  requireServicePython,
  run,
  RunResult,
  stripAnsi,
} from './tools';

/** A service with a database ships Alembic migrations; its tests then need PostgreSQL. */
export function hasDatabase(dir: string): boolean {
  return existsSync(join(dir, 'backend', 'migrations', 'alembic.ini'));
}

export interface PytestResult extends RunResult {
  passed: number;
  skipped: number;
  /** Exit 0, at least one test passed, and none skipped (the database tests really ran). */
  ok: boolean;
  /** The throwaway database the suite ran against, if any. */
  database?: string;
}

function admin(sql: string) {
  execFileSync(PYTHON, [
    '-c',
    'import sys, psycopg2\nc = psycopg2.connect(sys.argv[1])\nc.autocommit = True\nc.cursor().execute(sys.argv[2])',
    `${PG_URL}/postgres`,
    sql,
  ]);
}

/**
 * The generated backend's pytest suite with Debian's python3; a service with a database gets a
 * throwaway PostgreSQL database of its own (`label` + pid keeps parallel runs apart), dropped
 * afterwards whatever happens.
 */
export function runPytest(
  dir: string,
  options: { database: boolean; label: string },
): PytestResult {
  requireServicePython();
  const database = options.database
    ? `svc_${options.label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${
        process.pid
      }`
    : undefined;
  if (database) admin(`CREATE DATABASE ${database}`);
  try {
    // Plain output whatever the caller's terminal (Playwright sets FORCE_COLOR, which pytest
    // honours): the summary below is parsed.
    const result = run(
      PYTHON,
      ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', '--color=no'],
      {
        cwd: join(dir, 'backend'),
        env: database
          ? {
              DATABASE_URL: `${PG_URL.replace(
                /^postgresql:/,
                'postgresql+psycopg2:',
              )}/${database}`,
            }
          : {},
      },
    );
    result.output = stripAnsi(result.output);
    const summary = result.output.match(/^.*\d+ passed in .*$/m)?.[0] ?? '';
    const passed = Number(summary.match(/(\d+) passed/)?.[1] ?? 0);
    const skipped = Number(result.output.match(/(\d+) skipped/)?.[1] ?? 0);
    return {
      ...result,
      passed,
      skipped,
      ok:
        result.status === 0 &&
        passed > 0 &&
        skipped === 0 &&
        !/skipped/.test(result.output),
      database,
    };
  } finally {
    if (database) admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
}
