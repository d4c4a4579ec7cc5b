import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, run, RunResult, stripAnsi } from './tools';

/**
 * Installs the generated frontend's dependencies once per set of dependencies into
 * .tools/service-template-frontend/<hash>: every render and every clone of a service shares
 * that install instead of hitting the registry each time.
 */
export function frontendNodeModules(packageJson: string): {
  dir: string;
  installed: boolean;
} {
  const deps = JSON.parse(packageJson);
  const key = createHash('sha256')
    .update(JSON.stringify([deps.dependencies, deps.devDependencies]))
    .digest('hex')
    .slice(0, 16);
  const dir = join(REPO_ROOT, '.tools', 'service-template-frontend', key);
  let installed = false;
  if (!existsSync(join(dir, 'node_modules', '.package-lock.json'))) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ ...deps, name: 'frontend-deps-cache' }),
    );
    const install = run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--loglevel=error'],
      { cwd: dir },
    );
    if (install.status !== 0)
      throw new Error(
        `npm install of the generated frontend failed:\n${install.output}`,
      );
    installed = true;
  }
  return { dir: join(dir, 'node_modules'), installed };
}

export interface FrontendResult {
  nodeModules: string;
  /** True when this call ran npm install (false: the cache was already there). */
  installed: boolean;
  build: RunResult;
  /** Whether the build wrote dist/index.html. */
  indexHtml: boolean;
  /** Absent when the build failed. */
  test?: RunResult;
  /** From vitest's `Tests  N passed` line; 0 when absent. */
  testsPassed: number;
}

/** Links the cached node_modules into `<dir>/frontend`, then `npm run build` and `npm test`. */
export function checkFrontend(dir: string): FrontendResult {
  const frontend = join(dir, 'frontend');
  const { dir: nodeModules, installed } = frontendNodeModules(
    readFileSync(join(frontend, 'package.json'), 'utf8'),
  );
  // A second run on the same checkout finds the link already there.
  if (!existsSync(join(frontend, 'node_modules'))) {
    symlinkSync(nodeModules, join(frontend, 'node_modules'));
  }
  const build = run('npm', ['run', 'build'], { cwd: frontend });
  const indexHtml = existsSync(join(frontend, 'dist', 'index.html'));
  if (build.status !== 0)
    return { nodeModules, installed, build, indexHtml, testsPassed: 0 };
  const test = run('npm', ['test'], { cwd: frontend, env: { NO_COLOR: '1' } });
  const plain = stripAnsi(test.output);
  const testsPassed = Number(plain.match(/Tests\s+(\d+) passed/)?.[1] ?? 0);
  return { nodeModules, installed, build, indexHtml, test, testsPassed };
}
