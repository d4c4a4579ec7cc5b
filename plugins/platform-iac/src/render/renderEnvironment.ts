import { RenderedFiles } from '../types';
import { renderCatalogInfo, renderReadme } from './docs';
import { renderStageTwo } from './cluster';
import { renderMainTf } from './mainTf';
import {
  DEFAULT_MODULE_SOURCE_PREFIX,
  RenderContext,
  RenderEnvironmentOptions,
  resolveGitOps,
} from './options';
import {
  renderBackendTf,
  renderOutputsTf,
  renderTfvars,
  renderVariablesTf,
} from './terraformFiles';
import { renderVersionsTf } from './versionsTf';

/**
 * Renders one environment under `environments/<name>/`: the Terraform root (stage 1), the
 * manifests Argo CD syncs (stage 2: `cluster/`, `gitops/`) and the docs. Pure: no I/O, deterministic output.
 */
export function renderEnvironment(
  options: RenderEnvironmentOptions,
): RenderedFiles {
  const ctx: RenderContext = {
    request: options.request,
    network: options.network,
    cost: options.cost,
    moduleSourcePrefix:
      options.moduleSourcePrefix ?? DEFAULT_MODULE_SOURCE_PREFIX,
    gitops: resolveGitOps(options.request, options.gitops),
  };
  const files: Record<string, string> = {
    'versions.tf': renderVersionsTf(ctx),
    'backend.tf': renderBackendTf(ctx),
    'main.tf': renderMainTf(ctx),
    'variables.tf': renderVariablesTf(),
    'outputs.tf': renderOutputsTf(),
    'terraform.tfvars': renderTfvars(ctx),
    ...renderStageTwo(ctx),
    'README.md': renderReadme(ctx),
    'catalog-info.yaml': renderCatalogInfo(ctx),
  };
  const root = `environments/${ctx.request.name}`;
  return Object.fromEntries(
    Object.entries(files).map(([path, content]) => [
      `${root}/${path}`,
      content,
    ]),
  );
}
