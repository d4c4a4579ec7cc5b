/**
 * The Platform Portal's shared vocabulary, safe in the browser and on the backend: permissions,
 * annotation names, identifier patterns, event topics, constants and the EC2 price table.
 *
 * @packageDocumentation
 */
export * from './permissions';
export * from './annotations';
export * from './patterns';
export * from './events';
export * from './constants';
export * from './ec2OnDemandPrices';
export * from './bootstrapRecord';
