/**
 * AWS insights backend plugin: collectors -> pure aggregation -> cache + history -> the HTTP
 * API generated from src/schema/openapi.yaml, and the aws-insights.refreshed event.
 *
 * @packageDocumentation
 */
export { awsInsightsPlugin as default } from './plugin';
export type { AwsInsightsService } from './service/AwsInsightsService';
export { awsInsightsServiceRef } from './service/awsInsightsServiceRef';
export { DefaultAwsInsightsService } from './service/DefaultAwsInsightsService';
export { CurrentFleet } from './service/CurrentFleet';
export { FleetNotReadyError } from './service/FleetNotReadyError';
export { createRouter } from './service/router';
export {
  readInsightsSettings,
  REFRESH_INITIAL_DELAY,
} from './service/settings';
export type { InsightsSettings } from './service/settings';
export { SnapshotStore } from './store/SnapshotStore';
export * from './aggregation';
export * from './collectors';
export { sampleFleetRecords, sampleFleetOfSize } from './sample';
