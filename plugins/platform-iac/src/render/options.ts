import { CostEstimate, EnvironmentRequest, NetworkPlan } from '../types';

/** Input of `renderEnvironment`. */
export interface RenderEnvironmentOptions {
  request: EnvironmentRequest;
  network: NetworkPlan;
  cost: CostEstimate;
  /** Path from `environments/<name>/` to the module library. */
  moduleSourcePrefix?: string;
}

/** Options with defaults applied, shared by the file renderers. */
export interface RenderContext {
  request: EnvironmentRequest;
  network: NetworkPlan;
  cost: CostEstimate;
  moduleSourcePrefix: string;
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
