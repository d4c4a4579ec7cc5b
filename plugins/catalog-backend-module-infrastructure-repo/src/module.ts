import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { INFRASTRUCTURE_PUBLISHED_TOPIC } from '@platform-portal/platform-common';
import { resolve as resolvePath } from 'node:path';
import { InfrastructureRepoEntityProvider } from './InfrastructureRepoEntityProvider';
import { ServiceReposEntityProvider } from './ServiceReposEntityProvider';

/** Published by platform:service:publish (scaffolder-backend-module-platform) after a creation. */
export const SERVICE_PUBLISHED_TOPIC =
  'platform-portal.service-repository-published';

/**
 * Environment entities from the local infrastructure repository - the embedded default target
 * of platform:iac:publish. With a GitHub repository configured, the template registers the
 * environment's catalog-info.yaml by URL instead and this module stays idle.
 */
export const catalogModuleInfrastructureRepo = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'infrastructure-repo',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
        events: eventsServiceRef,
      },
      async init({ catalog, config, scheduler, logger, events }) {
        await addServiceReposProvider({
          catalog,
          config,
          scheduler,
          logger,
          events,
        });
        if (config.getOptionalString('platform.iac.repositoryUrl')) return;
        const repoDir = resolvePath(
          config.getOptionalString('platform.iac.localRepositoryDir') ??
            resolvePath(
              process.env.PORTAL_DATA_DIR ?? '../../data',
              'git',
              'infrastructure.git',
            ),
        );
        const provider = new InfrastructureRepoEntityProvider(
          repoDir,
          config.getOptionalString('platform.iac.baseBranch') ?? 'main',
          logger,
        );
        catalog.addEntityProvider(provider);
        // A publish shows up at once; the schedule catches commits made outside the portal.
        await events.subscribe({
          id: 'catalog-infrastructure-repo',
          topics: [INFRASTRUCTURE_PUBLISHED_TOPIC],
          onEvent: async () => {
            await provider.refresh();
          },
        });
        await scheduler.scheduleTask({
          id: 'catalog-infrastructure-repo-refresh',
          frequency: { seconds: 30 },
          timeout: { minutes: 1 },
          fn: async () => {
            await provider.refresh();
          },
        });
      },
    });
  },
});

/**
 * Service entities from the local service repositories (the new-service template's embedded
 * default target). Always on: with GitHub the folder simply stays empty.
 */
async function addServiceReposProvider(deps: {
  catalog: typeof catalogProcessingExtensionPoint.T;
  config: typeof coreServices.rootConfig.T;
  scheduler: typeof coreServices.scheduler.T;
  logger: typeof coreServices.logger.T;
  events: typeof eventsServiceRef.T;
}) {
  const { catalog, config, scheduler, logger, events } = deps;
  const servicesDir = resolvePath(
    config.getOptionalString('platform.services.localRepositoriesDir') ??
      resolvePath(
        process.env.PORTAL_DATA_DIR ?? '../../data',
        'git',
        'services',
      ),
  );
  const provider = new ServiceReposEntityProvider(servicesDir, logger);
  catalog.addEntityProvider(provider);
  await events.subscribe({
    id: 'catalog-service-repos',
    topics: [SERVICE_PUBLISHED_TOPIC],
    onEvent: async () => {
      await provider.refresh();
    },
  });
  await scheduler.scheduleTask({
    id: 'catalog-service-repos-refresh',
    frequency: { seconds: 30 },
    timeout: { minutes: 1 },
    fn: async () => {
      await provider.refresh();
    },
  });
}
