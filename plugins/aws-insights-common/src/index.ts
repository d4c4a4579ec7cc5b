/**
 * Shared types and permissions of the AWS insights plugins.
 *
 * @packageDocumentation
 */
export * from './permissions';
export * from './records';
export * from './snapshot';
