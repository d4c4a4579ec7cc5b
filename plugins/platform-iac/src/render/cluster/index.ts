import { RenderContext } from '../options';
import { renderBaseManifests } from './base';
import { renderGitOpsManifests } from './gitops';
import { renderIngressManifests } from './ingress';
import { renderKarpenterManifests } from './karpenter';
import { renderSecretManifests } from './secrets';

/**
 * Stage 2 of an environment: `cluster/` (what Argo CD syncs into the environment's cluster)
 * and `gitops/` (what the hub applies: cluster registration, project, Applications).
 * Paths are relative to `environments/<name>/`.
 */
export function renderStageTwo(ctx: RenderContext): Record<string, string> {
  return {
    ...renderBaseManifests(ctx.request),
    ...renderKarpenterManifests(ctx.request),
    ...renderIngressManifests(ctx.request),
    ...renderSecretManifests(ctx.request),
    ...renderGitOpsManifests(ctx.request, ctx.gitops),
  };
}
