import { components, operations } from './schema/openapi/generated';
import { FleetSnapshot } from './snapshot';
import { HistoryPoint } from './history';

type Schemas = components['schemas'];

/** GET /fleet: the snapshot of the latest refresh (or of a subset, with a filter). */
export type FleetResponse = FleetSnapshot;
export type ClusterResponse = Schemas['ClusterResponse'];
export type DatabaseResponse = Schemas['DatabaseResponse'];
export type WebAclResponse = Schemas['WebAclResponse'];
export type HistoryResponse = Schemas['HistoryResponse'];
export type HealthResponse = Schemas['HealthResponse'];
/** The Backstage error body of every failed request. */
export type ErrorResponse = Schemas['Error'];

/** A subset of the fleet for GET /fleet: any combination, all optional. */
export type FleetFilter = NonNullable<
  operations['GetFleet']['parameters']['query']
>;
/** The summary windows of GET /web-acls/{name}. */
export type WebAclHours = NonNullable<
  NonNullable<operations['GetWebAcl']['parameters']['query']>['hours']
>;

/** Per-call options, as Backstage's generated clients take them. */
export interface RequestOptions {
  /** A Backstage token (a backend plugin's service token); the frontend's fetchApi adds the user's. */
  token?: string;
  signal?: AbortSignal;
}

/**
 * The AWS insights HTTP API (plugins/aws-insights-backend/src/schema/openapi.yaml). Until the
 * first refresh has finished, every call but getHistory rejects with AwsInsightsNotReadyError.
 */
export interface AwsInsightsApi {
  getFleet(
    filter?: FleetFilter,
    options?: RequestOptions,
  ): Promise<FleetResponse>;
  getEnvironment(
    name: string,
    options?: RequestOptions,
  ): Promise<FleetResponse>;
  getCluster(name: string, options?: RequestOptions): Promise<ClusterResponse>;
  getDatabase(
    identifier: string,
    options?: RequestOptions,
  ): Promise<DatabaseResponse>;
  getWebAcl(
    name: string,
    hours?: WebAclHours,
    options?: RequestOptions,
  ): Promise<WebAclResponse>;
  getHistory(
    scope: string,
    days?: number,
    options?: RequestOptions,
  ): Promise<HistoryResponse>;
}

export type { HistoryPoint };
