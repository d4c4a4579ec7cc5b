/**
 * Every check of a flask-react-service repository on disk (a skeleton render or a clone of what
 * a task published), with no test framework: the skeleton integration test asserts on the parts,
 * scripts/check-service-repo.ts prints the lines. A check that throws (a missing tool) is a
 * failed line, and the remaining checks still run, so one report shows everything wrong.
 *
 * @packageDocumentation
 */
import { basename } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { readFiles } from '@platform-portal/platform-node';
import {
  checkServiceOutput,
  lintWorkflows,
  OutputProblem,
} from '@platform-portal/plugin-scaffolder-backend-module-platform-service';
import { hasDatabase, runPytest } from './backend';
import { checkFrontend } from './frontend';
import {
  chartEnvironments,
  checkHelmEnvironment,
  HelmEnvironmentResult,
} from './helm';

export { hasDatabase, runPytest } from './backend';
export type { PytestResult } from './backend';
export { checkFrontend, frontendNodeModules } from './frontend';
export type { FrontendResult } from './frontend';
export { chartEnvironments, checkHelmEnvironment } from './helm';
export type { HelmEnvironmentResult } from './helm';
export { findHelm, PG_URL, PYTHON, TOOLS_HINT } from './tools';

export interface CheckLine {
  ok: boolean;
  /** e.g. `helm lint values-dev.yaml`, `pytest`. */
  name: string;
  /** A short summary: `12 passed`, `2 workflows`. */
  detail?: string;
  /** What went wrong, for a failed line. */
  output?: string;
}

export function formatLine(line: CheckLine): string {
  const head = `${line.ok ? 'ok' : 'FAIL'} ${line.name}${
    line.detail ? `: ${line.detail}` : ''
  }`;
  if (line.ok || !line.output) return head;
  const body = line.output
    .trimEnd()
    .split('\n')
    .map(l => `    ${l}`)
    .join('\n');
  return `${head}\n${body}`;
}

const problemText = (problems: OutputProblem[]) =>
  problems.map(p => `${p.file}: ${p.message}`).join('\n');

/** The Component of catalog-info.yaml: the default service name and owner to expect. */
function catalogComponent(files: Record<string, string>) {
  const text = files['catalog-info.yaml'] ?? '';
  const component = parseAllDocuments(text)
    .map(d => d.toJS())
    .find(e => e?.kind === 'Component');
  return {
    name: component?.metadata?.name as string | undefined,
    owner: component?.spec?.owner as string | undefined,
  };
}

function templateDetail(result: HelmEnvironmentResult): string | undefined {
  if (result.template.status !== 0) return undefined;
  if (result.problems.length > 0) {
    return `${result.problems.length} schema problems in ${result.documents} manifests`;
  }
  return `${result.documents} manifests, all schema-valid`;
}

export interface ServiceRepoOptions {
  /** Defaults to catalog-info.yaml's Component name; pass it to check the name too. */
  name?: string;
  /** Defaults to catalog-info.yaml's Component owner; pass it to check the owner too. */
  owner?: string;
  /** Called as each check finishes, so a CLI can print progress. */
  onLine?: (line: CheckLine) => void;
}

/** Runs every check on the repository in `dir`; all lines ok means the repository is sound. */
export async function checkServiceRepo(
  dir: string,
  options: ServiceRepoOptions = {},
): Promise<CheckLine[]> {
  const lines: CheckLine[] = [];
  const add = (line: CheckLine) => {
    lines.push(line);
    options.onLine?.(line);
  };
  const attempt = async (name: string, check: () => Promise<void> | void) => {
    try {
      await check();
    } catch (error) {
      add({
        ok: false,
        name,
        output: String((error as Error)?.message ?? error),
      });
    }
  };

  const files = await readFiles(dir);
  const component = catalogComponent(files);
  const name = options.name ?? component.name ?? basename(dir);
  const owner = options.owner ?? component.owner ?? '';

  await attempt('validate action checks', async () => {
    // What platform:service:validate runs before publishing: YAML, placeholders, workflow
    // injection, actionlint, ArgoCD manifests, catalog-info.
    const result = await checkServiceOutput(files, { name, owner });
    add({
      ok: result.problems.length === 0,
      name: 'validate action checks',
      detail: `${result.workflows} workflows, ${result.manifests} ArgoCD manifests, catalog-info ${name} owned by ${owner}`,
      output: problemText(result.problems),
    });
  });

  const workflows = Object.keys(files)
    .filter(f => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(f))
    .sort();
  // Once per workflow as well, so the report says which file actionlint rejects.
  for (const file of workflows) {
    await attempt(`actionlint ${file}`, async () => {
      const problems = await lintWorkflows({ [file]: files[file] });
      add({
        ok: problems.length === 0,
        name: `actionlint ${file}`,
        output: problemText(problems),
      });
    });
  }

  const envs = chartEnvironments(dir);
  if (envs.length === 0) {
    add({ ok: false, name: 'helm', output: 'no chart/values-<env>.yaml' });
  }
  for (const env of envs) {
    const values = `values-${env}.yaml`;
    await attempt(`helm lint ${values}`, async () => {
      const result = await checkHelmEnvironment(dir, name, env);
      add({
        ok: result.lint.status === 0,
        name: `helm lint ${values}`,
        output: result.lint.output,
      });
      add({
        ok: result.template.status === 0 && result.problems.length === 0,
        name: `helm template ${values}`,
        detail: templateDetail(result),
        output:
          result.template.status === 0
            ? problemText(result.problems)
            : result.template.output,
      });
    });
  }

  await attempt('pytest', () => {
    const database = hasDatabase(dir);
    const result = runPytest(dir, { database, label: name });
    add({
      ok: result.ok,
      name: 'pytest',
      detail: `${result.passed} passed, ${result.skipped} skipped${
        database ? ' (PostgreSQL)' : ''
      }`,
      output: result.output,
    });
  });

  await attempt('frontend build', () => {
    const result = checkFrontend(dir);
    add({
      ok: result.build.status === 0 && result.indexHtml,
      name: 'frontend build',
      detail: `dependencies ${result.installed ? 'installed' : 'cached'} in ${
        result.nodeModules
      }`,
      output: result.indexHtml
        ? result.build.output
        : `${result.build.output}\nno dist/index.html`,
    });
    if (!result.test) return;
    add({
      ok: result.test.status === 0 && result.testsPassed > 0,
      name: 'frontend test',
      detail: `${result.testsPassed} passed`,
      output: result.test.output,
    });
  });

  return lines;
}
