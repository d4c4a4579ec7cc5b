/**
 * AWS insights backend plugin (work in progress: collectors and aggregation).
 *
 * @packageDocumentation
 */
export {};
