/**
 * Catalog module: environment entities from the local infrastructure repository.
 *
 * @packageDocumentation
 */
export { catalogModuleInfrastructureRepo as default } from './module';
export { InfrastructureRepoEntityProvider } from './InfrastructureRepoEntityProvider';
export { readEnvironmentEntities } from './readEnvironmentEntities';
