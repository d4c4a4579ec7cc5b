/**
 * Catalog module: the EKS clusters, databases and WAF web ACLs that the AWS insights plugin
 * finds, as Resource entities.
 *
 * @packageDocumentation
 */
export {
  catalogModuleAwsInsights as default,
  catalogModuleAwsInsights,
} from './module';
export { InsightsEntityProvider } from './InsightsEntityProvider';
export type {
  InsightsEntityProviderOptions,
  InsightsRefreshResult,
} from './InsightsEntityProvider';
export {
  fleetToEntities,
  ownerRefFromTag,
  AWS_ARN_ANNOTATION,
  AWS_ACCOUNT_ID_ANNOTATION,
  AWS_REGION_ANNOTATION,
  AWS_NAME_ANNOTATION,
  ENVIRONMENT_ANNOTATION,
  AWS_PLATFORM_SYSTEM,
  DEFAULT_OWNER,
} from './toEntities';
export type {
  FleetEntitySource,
  FleetToEntitiesOptions,
  InsightsResourceType,
} from './toEntities';
