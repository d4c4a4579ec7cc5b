import {
  InstanceRecord,
  PoolCapacity,
} from '@platform-portal/plugin-aws-insights-common';

/**
 * Cluster names are unique only per account and region, so every join between clusters,
 * instances and utilisation goes through this key.
 */
export function clusterKey(
  accountId: string,
  region: string,
  clusterName: string,
): string {
  return `${accountId}|${region}|${clusterName}`;
}

export type PoolKind = PoolCapacity['kind'];

/** Name of the pool of instances that neither Karpenter nor a managed node group launched. */
export const UNMANAGED_POOL = 'unmanaged';

/**
 * The pool an instance belongs to: its Karpenter NodePool, else its EKS managed node group,
 * else 'unmanaged' (self-managed groups, hand-launched nodes).
 */
export function poolOf(
  instance: Pick<InstanceRecord, 'nodePool' | 'nodegroup'>,
): { pool: string; kind: PoolKind } {
  if (instance.nodePool) return { pool: instance.nodePool, kind: 'karpenter' };
  if (instance.nodegroup) {
    return { pool: instance.nodegroup, kind: 'nodegroup' };
  }
  return { pool: UNMANAGED_POOL, kind: 'unmanaged' };
}

/** Only running instances are capacity or cost; pending/stopping/terminated ones are not. */
export function isRunning(instance: Pick<InstanceRecord, 'state'>): boolean {
  return instance.state === 'running';
}
