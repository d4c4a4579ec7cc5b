/**
 * AWS insights backend plugin.
 *
 * @packageDocumentation
 */
export { awsInsightsPlugin as default } from './plugin';
export { InsightsService } from './service/InsightsService';
export * from './aggregation';
export * from './collectors';
export { sampleFleetRecords, sampleFleetOfSize } from './sample';
