/**
 * Aggregated views: what the API serves and the dashboards show, produced by pure functions
 * from FleetRecords; money in USD, capacity in vCPU and GiB. Each type is the schema of the
 * same name in plugins/aws-insights-backend/src/schema/openapi.yaml (generated types): the
 * spec is the one home of these shapes, and the compiler holds the aggregation to it.
 */
import { components } from './schema/openapi/generated';

type Schemas = components['schemas'];

/** Where the data came from, when it was read, and from when on it counts as stale. */
export type Freshness = Schemas['Freshness'];
export type CapacitySummary = Schemas['CapacitySummary'];
export type PoolCapacity = Schemas['PoolCapacity'];
export type ClusterCapacity = Schemas['ClusterCapacity'];
export type MixCell = Schemas['MixCell'];
/** The four cells spot/on-demand x arm64/x86_64 with cost, savings and shares. */
export type MixSummary = Schemas['MixSummary'];
export type GravitonCandidate = Schemas['GravitonCandidate'];
export type HealthVerdict = Schemas['DatabaseHealth']['verdict'];
export type DatabaseHealth = Schemas['DatabaseHealth'];
export type WafSummary = Schemas['WafSummary'];
/** Everything one refresh aggregated, with its freshness: the body of GET /fleet. */
export type FleetSnapshot = Schemas['FleetSnapshot'];
