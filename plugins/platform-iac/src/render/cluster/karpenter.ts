import { EnvironmentRequest } from '../../types';
import { clusterName, karpenterNodeRoleName } from '../options';
import {
  SKIP_DRY_RUN,
  WAVE,
  kmsAliasArn,
  waveAnnotations,
  yamlFile,
} from './manifests';

type Requirement = { key: string; operator: string; values: string[] };

const NODE_CLASS_NAME = 'default';
const NODE_CLASS_REF = {
  group: 'karpenter.k8s.aws',
  kind: 'EC2NodeClass',
  name: NODE_CLASS_NAME,
};

/**
 * The EKS-optimised AL2023 release that every tier but dev runs, pinned so a new AMI reaches
 * staging and prod only through a change to this constant (a reviewed pull request), never by
 * itself on the next node launch. Release v20260724 of awslabs/amazon-eks-ami (24 July 2026);
 * bump it to a newer release tag from that repository, test in dev (which tracks `@latest`).
 */
export const PINNED_AL2023_RELEASE = 'v20260724';

/** `al2023@latest` for dev only; a dated release everywhere else. */
export function amiAlias(request: EnvironmentRequest): string {
  return request.tier === 'dev'
    ? 'al2023@latest'
    : `al2023@${PINNED_AL2023_RELEASE}`;
}

/** NodePool and EC2NodeClass come after the Karpenter chart, which brings their CRDs. */
const nodeMetadata = (name: string) => ({
  name,
  annotations: waveAnnotations(WAVE.nodes, SKIP_DRY_RUN),
});

export function ec2NodeClass(request: EnvironmentRequest) {
  const discovery = { 'karpenter.sh/discovery': clusterName(request) };
  return {
    apiVersion: 'karpenter.k8s.aws/v1',
    kind: 'EC2NodeClass',
    metadata: nodeMetadata(NODE_CLASS_NAME),
    spec: {
      role: karpenterNodeRoleName(request),
      amiSelectorTerms: [{ alias: amiAlias(request) }],
      subnetSelectorTerms: [{ tags: discovery }],
      securityGroupSelectorTerms: [{ tags: discovery }],
      // IMDSv2 only; hop limit 1 keeps pods away from the node role.
      metadataOptions: {
        httpEndpoint: 'enabled',
        httpProtocolIPv6: 'disabled',
        httpPutResponseHopLimit: 1,
        httpTokens: 'required',
      },
      blockDeviceMappings: [
        {
          deviceName: '/dev/xvda',
          ebs: {
            volumeSize: '50Gi',
            volumeType: 'gp3',
            encrypted: true,
            // The environment key, not the account's default EBS key.
            kmsKeyID: kmsAliasArn(request),
            deleteOnTermination: true,
          },
        },
      ],
      tags: { Environment: request.name, Tier: request.tier },
    },
  };
}

/** Requirements shared by both pools: architecture, category, generation. */
function baseRequirements(request: EnvironmentRequest): Requirement[] {
  const k = request.kubernetes.karpenter;
  return [
    {
      key: 'kubernetes.io/arch',
      operator: 'In',
      values: k.allowGraviton ? ['amd64', 'arm64'] : ['amd64'],
    },
    { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
    {
      key: 'karpenter.k8s.aws/instance-category',
      operator: 'In',
      values: [...k.instanceCategories],
    },
    {
      key: 'karpenter.k8s.aws/instance-generation',
      operator: 'Gt',
      values: [String(k.minInstanceGeneration)],
    },
  ];
}

function capacityType(values: string[]): Requirement {
  return { key: 'karpenter.sh/capacity-type', operator: 'In', values };
}

/** Spot first: with both types allowed Karpenter prefers Spot and falls back to On-Demand. */
export function generalNodePool(request: EnvironmentRequest) {
  const k = request.kubernetes.karpenter;
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: nodeMetadata('general'),
    spec: {
      template: {
        metadata: { labels: { 'workload-class': 'general' } },
        spec: {
          nodeClassRef: NODE_CLASS_REF,
          requirements: [
            ...baseRequirements(request),
            capacityType(k.allowSpot ? ['spot', 'on-demand'] : ['on-demand']),
          ],
          expireAfter: '720h',
        },
      },
      limits: { cpu: String(k.cpuLimit) },
      disruption: {
        consolidationPolicy: 'WhenEmptyOrUnderutilized',
        consolidateAfter: '1m',
        budgets: [{ nodes: '10%' }],
      },
      weight: 10,
    },
  };
}

/** On-Demand only and tainted, for workloads that must not be interrupted. */
export function criticalNodePool(request: EnvironmentRequest) {
  const cpu = Math.max(8, Math.ceil(request.kubernetes.karpenter.cpuLimit / 4));
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: nodeMetadata('critical'),
    spec: {
      template: {
        metadata: { labels: { 'workload-class': 'critical' } },
        spec: {
          nodeClassRef: NODE_CLASS_REF,
          taints: [
            { key: 'workload-class', value: 'critical', effect: 'NoSchedule' },
          ],
          requirements: [
            ...baseRequirements(request),
            capacityType(['on-demand']),
          ],
          expireAfter: '720h',
        },
      },
      limits: { cpu: String(cpu) },
      disruption: {
        consolidationPolicy: 'WhenEmpty',
        consolidateAfter: '5m',
        budgets: [{ nodes: '10%' }],
      },
      weight: 20,
    },
  };
}

/** `cluster/karpenter/` files relative to the environment root. */
export function renderKarpenterManifests(
  request: EnvironmentRequest,
): Record<string, string> {
  return {
    'cluster/karpenter/ec2nodeclass.yaml': yamlFile(
      [
        `AMI: ${amiAlias(request)}${
          request.tier === 'dev'
            ? ' (dev follows the newest release)'
            : ' (pinned: PINNED_AL2023_RELEASE in the portal; dev tries new releases first)'
        }.`,
        `Root volumes are encrypted with the environment key ${kmsAliasArn(
          request,
        )}.`,
      ],
      [ec2NodeClass(request)],
    ),
    'cluster/karpenter/nodepools.yaml': yamlFile(
      [
        request.kubernetes.karpenter.allowSpot
          ? 'general: Spot first, On-Demand when Spot has no capacity; critical: On-Demand only.'
          : 'general and critical: On-Demand only (the request does not allow Spot).',
      ],
      [generalNodePool(request), criticalNodePool(request)],
    ),
  };
}
