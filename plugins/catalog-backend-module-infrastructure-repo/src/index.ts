/**
 * Catalog module: environment entities from the infrastructure repository (GitHub or local),
 * and service entities from the local service repositories.
 *
 * @packageDocumentation
 */
export { catalogModuleInfrastructureRepo as default } from './module';
export { InfrastructureRepoEntityProvider } from './InfrastructureRepoEntityProvider';
export { environmentEntities } from './environmentEntities';
export { ServiceReposEntityProvider } from './ServiceReposEntityProvider';
export { readServiceEntities } from './readServiceEntities';
