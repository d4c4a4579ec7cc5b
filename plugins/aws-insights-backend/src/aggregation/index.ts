/**
 * Pure aggregation: FleetRecords in, FleetSnapshot views out. No AWS SDK, no I/O, no clock.
 */
export { summariseCapacity, DEFAULT_LOW_HEADROOM_PERCENT } from './capacity';
export type { CapacityOptions, CapacityResult } from './capacity';
export {
  assessDatabase,
  isProdDatabase,
  DEFAULT_DATABASE_HEALTH_RULES,
} from './database';
export type { DatabaseHealthRules } from './database';
export {
  armEquivalent,
  x86Equivalent,
  ARM_EQUIVALENT_FAMILY,
  X86_EQUIVALENT_FAMILY,
} from './equivalents';
export {
  findGravitonCandidates,
  findGravitonCandidatesWithIndex,
} from './graviton';
export { clusterKey, poolOf, isRunning, UNMANAGED_POOL } from './keys';
export { summariseMix, summariseMixWithIndex, HOURS_PER_MONTH } from './mix';
export {
  buildPricingIndex,
  instanceUsdPerHour,
  onDemandUsdPerHour,
} from './pricing';
export type { PricingIndex } from './pricing';
export { buildFleetSnapshot, filterRecords } from './snapshot';
export {
  freshnessOf,
  staleAfter,
  DEFAULT_REFRESH_FREQUENCY_MS,
} from './freshness';
export type { FleetSnapshotOptions, RecordsFilter } from './snapshot';
export { summariseWebAcl, findBlockSpike, ALL_RULES } from './waf';
export type { WafWindow } from './waf';
