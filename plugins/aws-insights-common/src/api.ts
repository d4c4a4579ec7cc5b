import {
  FleetSnapshot,
  GravitonCandidate,
  ClusterCapacity,
  DatabaseHealth,
  MixSummary,
  WafSummary,
} from './snapshot';
import { SourceStatus, WebAclRecord } from './records';
import { HistoryPoint } from './history';

/** Every response says where its data came from, when, and how old it is. */
export interface Freshness {
  sample: boolean;
  generatedAt: string;
  ageSeconds: number;
  /** Two refreshes were missed: show a stale warning. */
  stale: boolean;
  sources: SourceStatus[];
}

export type FleetResponse = FleetSnapshot & Freshness;

export interface ClusterResponse extends Freshness {
  cluster: ClusterCapacity;
  mix: MixSummary;
  gravitonCandidates: GravitonCandidate[];
}

export interface DatabaseResponse extends Freshness {
  database: DatabaseHealth;
}

export interface WebAclResponse extends Freshness {
  summary: WafSummary;
  series: WebAclRecord['series'];
  rules: WebAclRecord['rules'];
  sampledAvailable: boolean;
  sampledBlocked: WebAclRecord['sampledBlocked'];
}

export interface HistoryResponse {
  scope: string;
  days: number;
  points: HistoryPoint[];
}

/** A subset of the fleet for GET /fleet: any combination, all optional. */
export interface FleetFilter {
  accountId?: string;
  region?: string;
  environment?: string;
}

/** The AWS insights HTTP API (see plugins/aws-insights-backend/src/schema/openapi.yaml). */
export interface AwsInsightsApi {
  getFleet(filter?: FleetFilter): Promise<FleetResponse>;
  getEnvironment(name: string): Promise<FleetResponse>;
  getCluster(name: string): Promise<ClusterResponse>;
  getDatabase(identifier: string): Promise<DatabaseResponse>;
  getWebAcl(name: string, hours?: 1 | 24 | 168): Promise<WebAclResponse>;
  getHistory(scope: string, days?: number): Promise<HistoryResponse>;
}
