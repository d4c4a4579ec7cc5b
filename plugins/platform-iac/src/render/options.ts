import { CostEstimate, EnvironmentRequest, NetworkPlan } from '../types';

/** Input of `renderEnvironment`. */
export interface RenderEnvironmentOptions {
  request: EnvironmentRequest;
  network: NetworkPlan;
  cost: CostEstimate;
  /** Path from `environments/<name>/` to the module library. */
  moduleSourcePrefix?: string;
  /** The Argo CD hub that delivers stage 2 (`platform.iac.gitops`); defaults: DEFAULT_GITOPS. */
  gitops?: Partial<GitOpsOptions>;
}

/**
 * The Argo CD hub: the EKS Argo CD capability on a management cluster in the shared account,
 * set up once by the platform team. It syncs `environments/<name>/gitops/` (its root
 * Application) and, through the objects there, `environments/<name>/cluster/`.
 */
export interface GitOpsOptions {
  /** The hub capability's IAM role; stage 1 gives it an EKS access entry on the new cluster. */
  hubRoleArn: string;
  /** The infrastructure repository Argo CD reads (the only source the AppProject allows). */
  repoUrl: string;
  /** Branch or tag the Applications track. */
  revision: string;
  /** Namespace of the capability on the hub, where cluster Secrets, AppProjects and Applications live. */
  namespace: string;
  /** Hub AppProject of the root Application that syncs every `environments/<name>/gitops/`. */
  project: string;
}

/** Role name of the hub capability in the shared (state) account when no ARN is configured. */
export const DEFAULT_GITOPS_HUB_ROLE_NAME = 'argocd-hub-capability';

/** Defaults of `platform.iac.gitops` (the config reader documents the same values). */
export const DEFAULT_GITOPS: Omit<GitOpsOptions, 'hubRoleArn'> = {
  repoUrl: 'https://github.com/acme/infrastructure',
  revision: 'main',
  namespace: 'argocd',
  project: 'platform',
};

/** Applies the defaults; the hub lives in the shared account that holds the state. */
export function resolveGitOps(
  request: EnvironmentRequest,
  gitops: Partial<GitOpsOptions> = {},
): GitOpsOptions {
  return {
    ...DEFAULT_GITOPS,
    hubRoleArn: `arn:aws:iam::${request.state.accountId}:role/${DEFAULT_GITOPS_HUB_ROLE_NAME}`,
    ...Object.fromEntries(
      Object.entries(gitops).filter(([, v]) => v !== undefined),
    ),
  };
}

/** Options with defaults applied, shared by the file renderers. */
export interface RenderContext {
  request: EnvironmentRequest;
  network: NetworkPlan;
  cost: CostEstimate;
  moduleSourcePrefix: string;
  gitops: GitOpsOptions;
}

export const DEFAULT_MODULE_SOURCE_PREFIX = '../../modules';

/** The company module library under templates/aws-environment/modules. */
export const MODULE_NAMES = [
  'vpc',
  'eks',
  'karpenter',
  'database',
  'waf',
  'alb-ingress',
  'irsa',
  'secrets',
  'security-baseline',
  'observability',
] as const;
export type ModuleName = (typeof MODULE_NAMES)[number];

/** The EKS cluster is named after the environment. */
export function clusterName(request: EnvironmentRequest): string {
  return request.name;
}

/** Matches `node_role_name` in the karpenter module. */
export function karpenterNodeRoleName(request: EnvironmentRequest): string {
  return `${clusterName(request)}-karpenter-node`;
}
