import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  OutputProblem,
  validateManifests,
} from '@platform-portal/plugin-scaffolder-backend-module-platform-service';
import { findHelm, run, RunResult, TOOLS_HINT } from './tools';

/** The environments a repository's chart is deployed to: one `chart/values-<env>.yaml` each. */
export function chartEnvironments(dir: string): string[] {
  const chart = join(dir, 'chart');
  if (!existsSync(chart)) return [];
  return readdirSync(chart)
    .map(f => f.match(/^values-(.+)\.yaml$/)?.[1])
    .filter((env): env is string => !!env)
    .sort();
}

export interface HelmEnvironmentResult {
  env: string;
  lint: RunResult;
  template: RunResult;
  /** Schema problems of the rendered manifests (empty when helm template failed). */
  problems: OutputProblem[];
  /** Documents validateManifests counted. */
  documents: number;
  /** The rendered manifests as plain objects, for callers that check their content. */
  docs: any[];
}

/**
 * `helm lint --strict` and `helm template` of the chart with one environment's values, then
 * every rendered manifest validated against its Kubernetes schema (src/service/manifests.ts).
 */
export async function checkHelmEnvironment(
  dir: string,
  release: string,
  env: string,
): Promise<HelmEnvironmentResult> {
  const helm = findHelm();
  if (!helm) throw new Error(`helm is not installed: ${TOOLS_HINT}`);
  const values = `chart/values-${env}.yaml`;
  const lint = run(helm, ['lint', 'chart', '--strict', '--values', values], {
    cwd: dir,
  });
  const template = run(
    helm,
    ['template', release, 'chart', '--values', values],
    {
      cwd: dir,
    },
  );
  if (template.status !== 0) {
    return { env, lint, template, problems: [], documents: 0, docs: [] };
  }
  const { problems, documents } = await validateManifests({
    [`${env}.yaml`]: template.stdout,
  });
  const docs = parseAllDocuments(template.stdout)
    .map(d => d.toJS())
    .filter(Boolean);
  return { env, lint, template, problems, documents, docs };
}
