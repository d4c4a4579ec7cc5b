/**
 * Shared permissions of the Platform Portal.
 *
 * @packageDocumentation
 */
export * from './permissions';
