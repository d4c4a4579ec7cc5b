import { components } from './schema/openapi/generated';

/** One point of a trend: a scope's capacity and Spot/Graviton mix at one refresh. */
export type HistoryPoint = components['schemas']['HistoryPoint'];
