import { stringify } from 'yaml';
import { EnvironmentRequest } from '../types';
import { clusterName, karpenterNodeRoleName } from './options';

type Requirement = { key: string; operator: string; values: string[] };

const NODE_CLASS_NAME = 'default';
const NODE_CLASS_REF = {
  group: 'karpenter.k8s.aws',
  kind: 'EC2NodeClass',
  name: NODE_CLASS_NAME,
};

export function ec2NodeClass(request: EnvironmentRequest) {
  const discovery = { 'karpenter.sh/discovery': clusterName(request) };
  return {
    apiVersion: 'karpenter.k8s.aws/v1',
    kind: 'EC2NodeClass',
    metadata: { name: NODE_CLASS_NAME },
    spec: {
      role: karpenterNodeRoleName(request),
      amiSelectorTerms: [{ alias: 'al2023@latest' }],
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
    metadata: { name: 'general' },
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
    metadata: { name: 'critical' },
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

/** Serializes documents as one multi-document YAML stream. */
export function toYamlStream(docs: unknown[]): string {
  return docs.map(doc => stringify(doc, { lineWidth: 0 })).join('---\n');
}

/** `k8s/` files relative to the environment root. */
export function renderKarpenterManifests(
  request: EnvironmentRequest,
): Record<string, string> {
  return {
    'k8s/ec2nodeclass.yaml': toYamlStream([ec2NodeClass(request)]),
    'k8s/nodepools.yaml': toYamlStream([
      generalNodePool(request),
      criticalNodePool(request),
    ]),
  };
}
