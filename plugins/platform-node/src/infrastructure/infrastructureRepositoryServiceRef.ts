import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { createInfrastructureRepository } from './createInfrastructureRepository';
import { InfrastructureRepository } from './types';

/**
 * The infrastructure repository, built once per backend from `platform.iac` and
 * `integrations.github` (root scope): every plugin and module that depends on it shares the
 * same decision between GitHub and the local repository. A `repositoryUrl` without usable
 * credentials fails the start-up of the first plugin that depends on it.
 */
export const infrastructureRepositoryServiceRef =
  createServiceRef<InfrastructureRepository>({
    id: 'platform.infrastructure-repository',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: { config: coreServices.rootConfig },
        factory: ({ config }) => createInfrastructureRepository(config),
      }),
  });
