/**
 * Plain typed records: what the collectors read from AWS (and what the sample fleet generates).
 * Everything after this step - aggregation, cache, API, UI - is the same code for both.
 */

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
export interface SourceStatus {
  service: AwsService | 'sample';
  /** 12-digit account id. */
  accountId: string;
  region: string;
  ok: boolean;
  /** ISO time the data was read (for a failed source: when the attempt failed). */
  fetchedAt: string;
  /** AWS API calls this source made in the refresh. */
  calls: number;
  /** Why it failed: the SDK error name (ThrottlingException, AccessDenied, TimeoutError...) and message. */
  error?: { name: string; message: string };
  /**
   * Set when this source failed but older data of it is still served: when that data was read.
   * The UI shows its age.
   */
  staleSince?: string;
}

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

export interface DatabaseMember {
  identifier: string;
  role: 'writer' | 'reader';
  instanceClass: string;
  status: string;
  availabilityZone?: string;
}

export interface DatabaseMetrics {
  cpuPercent?: number;
  freeableMemoryBytes?: number;
  connections?: number;
  replicaLagSeconds?: number;
  freeStorageBytes?: number;
  /** Aurora bills used storage (VolumeBytesUsed); RDS has allocated storage. */
  usedStorageBytes?: number;
  allocatedStorageBytes?: number;
}

export interface DatabaseRecord {
  arn: string;
  identifier: string;
  kind: 'aurora-cluster' | 'rds-instance';
  accountId: string;
  region: string;
  environment?: string;
  owner?: string;
  engine: string;
  engineVersion: string;
  status: string;
  multiAz: boolean;
  storageEncrypted: boolean;
  backupRetentionDays: number;
  deletionProtection: boolean;
  publiclyAccessible: boolean;
  pendingModifications: string[];
  instanceClass?: string;
  members: DatabaseMember[];
  tags: Record<string, string>;
  metrics: DatabaseMetrics;
  events: Array<{ at: string; message: string }>;
}

export type WafMetric =
  | 'AllowedRequests'
  | 'BlockedRequests'
  | 'CountedRequests';

export interface WafRule {
  name: string;
  priority: number;
  kind: 'rate-based' | 'managed-rule-group' | 'custom';
  action: 'block' | 'allow' | 'count' | 'captcha' | 'challenge' | 'none';
}

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
  series: Array<{
    rule: string;
    metric: WafMetric;
    points: Array<{ at: string; value: number }>;
  }>;
  /** False where GetSampledRequests is not available (then `sampledBlocked` is empty). */
  sampledAvailable: boolean;
  sampledBlocked: Array<{
    at: string;
    clientIp: string;
    country?: string;
    method?: string;
    uri: string;
    rule: string;
  }>;
}

export interface StackRecord {
  stackId: string;
  name: string;
  accountId: string;
  region: string;
  status: string;
  statusReason?: string;
  lastUpdated: string;
  driftStatus?: string;
  outputs: Record<string, string>;
  events: Array<{
    at: string;
    resource: string;
    status: string;
    reason?: string;
  }>;
}

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
