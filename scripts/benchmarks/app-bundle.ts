/*
 * Benchmark: what the aws-insights frontend plugin adds to the app's JavaScript. Builds
 * packages/app twice with the CLI's production bundler: once with the plugin excluded from
 * feature discovery (app.packages.exclude, which the build honours) and once as configured.
 * Both go to temporary folders: packages/app/dist, which the portal and the e2e tests serve, is
 * left alone. Prints the gzipped size of all JS and of the JS index.html loads up front, for
 * each build, and the difference. Target: the plugin adds at most 300 kB gzipped.
 * Run with ./scripts/bench app-bundle (about two production builds of the app).
 */
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';

const PLUGIN = '@platform-portal/plugin-aws-insights';
const APP = '@platform-portal/app';
const TARGET_KB = 300;
const repoRoot = resolve(__dirname, '../..');
const appDir = join(repoRoot, 'packages/app');

// The CLI's own build steps (what `backstage-cli package build` runs for the app), called
// directly so the output folder can be a temporary one.
const cliBuildDir = join(
  repoRoot,
  'node_modules/@backstage/cli-module-build/dist/lib',
);
const { buildBundle } = require(join(cliBuildDir, 'bundler/bundle.cjs.js'));
const { loadCliConfig } = require(join(cliBuildDir, 'config.cjs.js'));

interface BundleSize {
  files: number;
  rawBytes: number;
  gzipBytes: number;
  /** The scripts index.html loads before anything renders. */
  initialGzipBytes: number;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

/** Gzipped (level 9, like a static-asset pipeline would) size of every JS file of a build. */
function measure(dist: string): BundleSize {
  const staticDir = join(dist, 'static');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const initial = new Set(
    [...html.matchAll(/<script[^>]+src="[^"]*?static\/([^"]+\.js)"/g)].map(
      m => m[1],
    ),
  );
  const size: BundleSize = {
    files: 0,
    rawBytes: 0,
    gzipBytes: 0,
    initialGzipBytes: 0,
  };
  for (const file of readdirSync(staticDir)) {
    if (!file.endsWith('.js')) continue;
    const content = readFileSync(join(staticDir, file));
    const gzip = gzipSync(content, { level: 9 }).length;
    size.files++;
    size.rawBytes += content.length;
    size.gzipBytes += gzip;
    if (initial.has(file)) size.initialGzipBytes += gzip;
  }
  if (size.initialGzipBytes === 0) {
    throw new Error(`no entry scripts found in ${dist}/index.html`);
  }
  return size;
}

/** Runs the build without its per-file size listing; its output is shown if it fails. */
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const lines: string[] = [];
  const { log, warn } = console;
  console.log = (...args: unknown[]) => lines.push(args.join(' '));
  console.warn = console.log;
  try {
    return await run();
  } catch (error) {
    log(lines.join('\n'));
    throw error;
  } finally {
    console.log = log;
    console.warn = warn;
  }
}

async function build(label: string, extraConfig?: string): Promise<BundleSize> {
  const workDir = mkdtempSync(join(tmpdir(), 'portal-app-bundle-'));
  const dist = join(workDir, 'dist');
  const configPaths = [join(repoRoot, 'app-config.yaml')];
  if (extraConfig) {
    const file = join(workDir, 'app-config.bundle.yaml');
    writeFileSync(file, extraConfig);
    configPaths.push(file);
  }
  const started = performance.now();
  try {
    await quietly(async () =>
      buildBundle({
        targetDir: appDir,
        entry: 'src/index',
        dist,
        statsJsonEnabled: false,
        ...(await loadCliConfig({ args: configPaths, fromPackage: APP })),
      }),
    );
    const size = measure(dist);
    console.log(
      `  ${label}: built in ${((performance.now() - started) / 1000).toFixed(
        0,
      )} s, ` +
        `${size.files} JS files, ${kb(size.rawBytes)} raw, ${kb(
          size.gzipBytes,
        )} gzipped ` +
        `(${kb(size.initialGzipBytes)} gzipped loaded up front)`,
    );
    return size;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function main() {
  // The CLI resolves the package being built from the working directory.
  process.chdir(appDir);
  console.log(`app bundle: ${PLUGIN} in the production build of ${APP}`);
  const without = await build(
    'without the plugin',
    `app:\n  packages:\n    exclude: ['${PLUGIN}']\n`,
  );
  // Built last so the app's discovered-plugins module is left as the normal build writes it.
  const withPlugin = await build('with the plugin');
  const added = withPlugin.gzipBytes - without.gzipBytes;
  const addedInitial = withPlugin.initialGzipBytes - without.initialGzipBytes;
  console.log(
    `  the plugin adds ${kb(
      added,
    )} gzipped JS in total (target <= ${TARGET_KB} kB: ${
      added <= TARGET_KB * 1024 ? 'met' : 'MISSED'
    }), ${kb(addedInitial)} of it loaded up front; ` +
      `${withPlugin.files - without.files} more JS files (lazy chunks)`,
  );
  if (withPlugin.files === without.files && added === 0) {
    throw new Error(
      'both builds are identical: the exclude did not take effect',
    );
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
