/** The embedded, deterministic sample fleet and a fleet generator for benchmarks. */
export { sampleFleetRecords, SAMPLE_NOW, SAMPLE_NOW_ISO } from './sampleFleet';
export { sampleFleetOfSize } from './sampleFleetOfSize';
export type { SampleFleetSize } from './sampleFleetOfSize';
export {
  SAMPLE_ACCOUNTS,
  SAMPLE_INSTANCE_TYPES,
  SAMPLE_REGIONS,
  samplePrices,
} from './catalog';
export type { SampleEnvironment } from './catalog';
export { createRandom } from './random';
export type { SampleRandom } from './random';
