/**
 * Plain typed records: what the collectors read from AWS (and what the sample fleet generates).
 * Everything after this step - aggregation, cache, API, UI - is the same code for both.
 */

import { components } from './schema/openapi/generated';

type Schemas = components['schemas'];

export type Lifecycle = 'spot' | 'on-demand';
export type Architecture = 'arm64' | 'x86_64';
export type AwsService =
  | 'eks'
  | 'ec2'
  | 'pricing'
  | 'cloudwatch'
  | 'rds'
  | 'wafv2'
  | 'cloudformation';

/** Where a piece of data came from, when, and whether reading it worked. */
export type SourceStatus = Schemas['SourceStatus'];
/** What a source reads; with the account and region (prices: the region) it names the source. */
export type SourceReads = SourceStatus['reads'];

export interface NodegroupRecord {
  name: string;
  status: string;
  capacityType: 'ON_DEMAND' | 'SPOT';
  instanceTypes: string[];
  desiredSize: number;
  minSize: number;
  maxSize: number;
  amiType?: string;
}

export interface ClusterRecord {
  arn: string;
  name: string;
  accountId: string;
  region: string;
  status: string;
  version: string;
  endpoint?: string;
  /** `environment` tag: the environment entity this cluster belongs to. */
  environment?: string;
  /** `owner` tag, an entity ref. */
  owner?: string;
  tags: Record<string, string>;
  healthIssues: Array<{ code: string; message: string }>;
  nodegroups: NodegroupRecord[];
}

export interface InstanceRecord {
  instanceId: string;
  /** Cluster name (from the `kubernetes.io/cluster/<name>` tag). */
  cluster: string;
  accountId: string;
  region: string;
  availabilityZone: string;
  instanceType: string;
  lifecycle: Lifecycle;
  architecture: Architecture;
  launchTime: string;
  state: string;
  /** Karpenter's `karpenter.sh/nodepool` tag. */
  nodePool?: string;
  /** EKS managed node group (`eks:nodegroup-name` tag). */
  nodegroup?: string;
}

export interface InstanceTypeSpec {
  instanceType: string;
  vcpu: number;
  memoryMiB: number;
  architectures: Architecture[];
}

export interface PriceRecord {
  instanceType: string;
  region: string;
  /** Spot prices are per AZ; On-Demand prices are per region. */
  availabilityZone?: string;
  lifecycle: Lifecycle;
  usdPerHour: number;
  /** ISO date of the price. */
  asOf: string;
  source: 'spot-price-history' | 'pricing-api' | 'bundled-table';
}

/** Container Insights figures for one cluster; `available: false` means "requests unknown". */
export interface ClusterUtilisation {
  cluster: string;
  accountId: string;
  region: string;
  available: boolean;
  cpuReservedPercent?: number;
  memoryReservedPercent?: number;
  cpuUtilisationPercent?: number;
  memoryUtilisationPercent?: number;
}

export type DatabaseMember = Schemas['DatabaseMember'];

export type DatabaseMetrics = Schemas['DatabaseMetrics'];

export type DatabaseRecord = Schemas['DatabaseRecord'];

export type WafMetric = Schemas['WafSeries']['metric'];

export type WafRule = Schemas['WafRule'];

export interface WebAclRecord {
  arn: string;
  id: string;
  name: string;
  accountId: string;
  region: string;
  environment?: string;
  owner?: string;
  defaultAction: 'allow' | 'block';
  rules: WafRule[];
  /** Per rule ('ALL' for the whole ACL) and metric: points over time. */
  series: Array<Schemas['WafSeries']>;
  /** False where GetSampledRequests is not available (then `sampledBlocked` is empty). */
  sampledAvailable: boolean;
  sampledBlocked: Array<Schemas['SampledRequest']>;
}

export type StackRecord = Schemas['StackRecord'];

/** Everything one refresh read, with the status of every source. */
export interface FleetRecords {
  collectedAt: string;
  /** True for the embedded sample fleet: every response says so. */
  sample: boolean;
  sources: SourceStatus[];
  clusters: ClusterRecord[];
  instances: InstanceRecord[];
  instanceTypes: InstanceTypeSpec[];
  prices: PriceRecord[];
  utilisation: ClusterUtilisation[];
  databases: DatabaseRecord[];
  webAcls: WebAclRecord[];
  stacks: StackRecord[];
}
