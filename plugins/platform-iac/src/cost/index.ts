export { estimateMonthlyCost, instanceHourly } from './estimate';
export { HOURS_PER_MONTH, PRICES_AS_OF, REGION_PRICES } from './prices';
export type { RegionPrices, UsageProfile } from './prices';
