export { estimateMonthlyCost, instanceHourly } from './estimate';
export { PRICES_AS_OF, REGION_PRICES } from './prices';
export type { RegionPrices, UsageProfile } from './prices';
