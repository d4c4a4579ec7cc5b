/**
 * Collectors: the I/O half of AWS insights. Each reads one service for one account and region
 * and returns plain records plus a SourceStatus; none throws for AWS errors.
 */
export {
  createAwsClients,
  addCallCounter,
  PRICING_API_REGION,
} from './clients';
export type {
  AwsClientOptions,
  AwsClients,
  AwsClientService,
  AwsCredentials,
} from './clients';
export { credentialsForAccount, unavailableCredentials } from './credentials';
export type { CollectorContext } from './collectorSupport';
export { collectEks } from './eks';
export type { EksCollection } from './eks';
export { collectEc2 } from './ec2';
export type { Ec2Collection } from './ec2';
export { collectSpotPrices, collectOnDemandPrices } from './prices';
export type { PriceCollection } from './prices';
export {
  bundledOnDemandPrice,
  bundledOnDemandPriceRecords,
  BUNDLED_PRICES_AS_OF,
} from './bundledOnDemandPrices';
export { collectContainerInsights } from './containerInsights';
export type { ContainerInsightsCollection } from './containerInsights';
export { collectRds } from './rds';
export type { RdsCollection } from './rds';
export { collectWafv2 } from './wafv2';
export type { WafCollection } from './wafv2';
export {
  collectCloudFormation,
  DEFAULT_STACK_PREFIXES,
} from './cloudformation';
export type { StackCollection } from './cloudformation';
export { collectFleet } from './collectFleet';
export type { CollectFleetOptions, FleetAccount } from './collectFleet';
