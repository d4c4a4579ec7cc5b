/**
 * Shared types, permissions and the API client of the AWS insights plugins.
 *
 * @packageDocumentation
 */
export * from './permissions';
export * from './records';
export * from './snapshot';
export * from './history';
export * from './api';
export { AwsInsightsClient } from './client/AwsInsightsClient';
export type { AwsInsightsClientOptions } from './client/AwsInsightsClient';
