/**
 * Test helpers shared by the Platform Portal's packages (integration tests and benchmarks only).
 *
 * @packageDocumentation
 */
export { commandOnPath, freePort } from './process';
export { MOTO_ACCOUNT_ID, startMotoServer } from './motoServer';
export type { MotoServer } from './motoServer';
