/**
 * Catalog module: environment entities from the local infrastructure repository, and service
 * entities from the local service repositories.
 *
 * @packageDocumentation
 */
export { catalogModuleInfrastructureRepo as default } from './module';
export { InfrastructureRepoEntityProvider } from './InfrastructureRepoEntityProvider';
export { readEnvironmentEntities } from './readEnvironmentEntities';
export { ServiceReposEntityProvider } from './ServiceReposEntityProvider';
export { readServiceEntities } from './readServiceEntities';
