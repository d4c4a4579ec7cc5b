/**
 * Shared types, permissions and the typed client of the AWS insights plugins. The request and
 * response types are generated from plugins/aws-insights-backend/src/schema/openapi.yaml.
 *
 * @packageDocumentation
 */
export * from './permissions';
export * from './records';
export * from './snapshot';
export * from './history';
export * from './api';
export type { paths, components, operations } from './schema/openapi/generated';
export {
  AwsInsightsClient,
  AWS_INSIGHTS_PLUGIN_ID,
} from './client/AwsInsightsClient';
export type { AwsInsightsClientOptions } from './client/AwsInsightsClient';
export { AwsInsightsNotReadyError } from './client/AwsInsightsNotReadyError';
