/**
 * Aggregated views: what the API serves and the dashboards show. Produced by pure functions
 * from FleetRecords; money in USD, capacity in vCPU and GiB.
 */
import {
  Architecture,
  ClusterRecord,
  DatabaseRecord,
  Lifecycle,
  SourceStatus,
  StackRecord,
} from './records';

export interface CapacitySummary {
  nodes: number;
  vcpu: number;
  memoryGiB: number;
  /** Requested (reserved) capacity; undefined when Container Insights is not available. */
  requestedVcpu?: number;
  requestedMemoryGiB?: number;
  /** 100 - requested/provisioned, for CPU; undefined when requests are unknown. */
  headroomPercent?: number;
  requestsKnown: boolean;
  byInstanceType: Array<{ instanceType: string; count: number }>;
}

export interface PoolCapacity extends CapacitySummary {
  pool: string;
  kind: 'karpenter' | 'nodegroup' | 'unmanaged';
}

export interface ClusterCapacity extends CapacitySummary {
  arn: string;
  cluster: string;
  accountId: string;
  region: string;
  environment?: string;
  /** `owner` tag of the cluster, an entity ref. */
  owner?: string;
  status: string;
  version: string;
  healthIssues: ClusterRecord['healthIssues'];
  pools: PoolCapacity[];
  /** Headroom under the configured threshold (default 15 %). */
  lowHeadroom: boolean;
}

export interface MixCell {
  lifecycle: Lifecycle;
  architecture: Architecture;
  count: number;
  vcpu: number;
  usdPerHour: number;
}

export interface MixSummary {
  /** Always the four cells spot/on-demand x arm64/x86_64, in that order. */
  cells: MixCell[];
  count: number;
  vcpu: number;
  usdPerHour: number;
  usdPerMonth: number;
  /** What the same vCPUs would cost all On-Demand x86_64. */
  onDemandX86UsdPerHour: number;
  savingsUsdPerMonth: number;
  savingsPercent: number;
  spotShareByVcpu: number;
  armShareByVcpu: number;
  /** Instance types with no known price; their cost is left out of the sums. */
  unpricedInstanceTypes: string[];
}

export interface GravitonCandidate {
  cluster: string;
  pool: string;
  instanceType: string;
  armInstanceType: string;
  count: number;
  currentUsdPerMonth: number;
  armUsdPerMonth: number;
  savingsUsdPerMonth: number;
}

export type HealthVerdict = 'healthy' | 'warning' | 'critical';

export interface DatabaseHealth {
  record: DatabaseRecord;
  verdict: HealthVerdict;
  /** Human reasons, e.g. "backup retention 1 day < 7", "replica lag 45 s". */
  reasons: string[];
}

export interface WafSummary {
  arn: string;
  name: string;
  accountId: string;
  region: string;
  environment?: string;
  /** `owner` tag of the web ACL, an entity ref. */
  owner?: string;
  allowed: number;
  blocked: number;
  counted: number;
  /** blocked / (allowed + blocked), 0..1. */
  blockRate: number;
  topRules: Array<{ rule: string; blocked: number }>;
  /** The largest block spike above the baseline, if any. */
  spike?: { at: string; blocked: number; baseline: number };
}

export interface FleetSnapshot {
  generatedAt: string;
  sample: boolean;
  sources: SourceStatus[];
  fleet: CapacitySummary;
  clusters: ClusterCapacity[];
  mix: MixSummary;
  mixByCluster: Record<string, MixSummary>;
  gravitonCandidates: GravitonCandidate[];
  databases: DatabaseHealth[];
  wafs: WafSummary[];
  stacks: StackRecord[];
}
