import { stringify } from 'yaml';
import { EnvironmentRequest } from '../../types';

/**
 * Sync waves of stage 2, one number per layer, shared by the in-cluster manifests (waves inside
 * the `<env>-platform` Application) and the hub's add-on Applications (waves inside the hub's
 * root Application), so the whole order reads from one place:
 * namespaces and StorageClass < Karpenter < NodePools/EC2NodeClass < load balancer controller and
 * External Secrets < IngressClass and secret store < kube-prometheus-stack.
 */
export const WAVE = {
  /** Cluster Secret and AppProject on the hub, before any Application refers to them. */
  registration: -1,
  base: 0,
  karpenter: 1,
  nodes: 2,
  controllers: 3,
  classes: 4,
  monitoring: 5,
} as const;

export const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
export const SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';

/** For custom resources whose CRD arrives with a chart in an earlier wave. */
export const SKIP_DRY_RUN = 'SkipDryRunOnMissingResource=true';

export function waveAnnotations(
  wave: number,
  ...syncOptions: string[]
): Record<string, string> {
  return {
    [SYNC_WAVE]: String(wave),
    ...(syncOptions.length ? { [SYNC_OPTIONS]: syncOptions.join(',') } : {}),
  };
}

/** Label of the core managed node group (stage 1), tainted CriticalAddonsOnly. */
export const CORE_NODE_LABELS = { 'workload-class': 'core' } as const;
export const CORE_NODE_TAINT_KEY = 'CriticalAddonsOnly';

/** What an add-on that must start before any Karpenter node needs to land on the core nodes. */
export function onCoreNodes(): {
  nodeSelector: Record<string, string>;
  tolerations: Array<Record<string, string>>;
} {
  return {
    nodeSelector: { ...CORE_NODE_LABELS },
    tolerations: [{ key: CORE_NODE_TAINT_KEY, operator: 'Exists' }],
  };
}

/** Namespaces of the platform add-ons that this stage creates (kube-system exists already). */
export const PLATFORM_NAMESPACES = [
  'karpenter',
  'external-secrets',
  'monitoring',
] as const;
export type PlatformNamespace = (typeof PLATFORM_NAMESPACES)[number];

/** The default StorageClass: encrypted gp3 with the environment key. */
export const STORAGE_CLASS = 'gp3';

/** ARN of the environment key's alias (`alias/<env>`, created in stage 1). */
export function kmsAliasArn(request: EnvironmentRequest): string {
  return `arn:aws:kms:${request.region}:${request.account.accountId}:alias/${request.name}`;
}

/** ARN of the environment's EKS cluster: the server of its Argo CD cluster Secret. */
export function clusterArn(request: EnvironmentRequest): string {
  return `arn:aws:eks:${request.region}:${request.account.accountId}:cluster/${request.name}`;
}

/**
 * One YAML file: optional `#` comment lines (why a value is what it is, for the person who
 * applies it), then the documents as one multi-document stream.
 */
export function yamlFile(comment: string[], docs: unknown[]): string {
  const header = comment.map(line => (line ? `# ${line}` : '#')).join('\n');
  const body = docs
    .map(doc => stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false }))
    .join('---\n');
  return header ? `${header}\n${body}` : body;
}
