import {
  coreServices,
  createBackendModule,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { EventsService, eventsServiceRef } from '@backstage/plugin-events-node';
import {
  INFRASTRUCTURE_PUBLISHED_TOPIC,
  SERVICE_PUBLISHED_TOPIC,
} from '@platform-portal/platform-common';
import {
  infrastructureRepositoryServiceRef,
  readServicesConfig,
} from '@platform-portal/platform-node';
import { InfrastructureRepoEntityProvider } from './InfrastructureRepoEntityProvider';
import { ServiceReposEntityProvider } from './ServiceReposEntityProvider';

/**
 * Environment entities from the infrastructure repository - GitHub or local, whichever the
 * shared InfrastructureRepository service was built for - and service entities from the local
 * service repositories. Each provider re-reads when its publish event arrives, and on a schedule
 * for changes made outside the portal (merges, hand edits).
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
        repository: infrastructureRepositoryServiceRef,
      },
      async init({ catalog, config, scheduler, logger, events, repository }) {
        const environments = new InfrastructureRepoEntityProvider(
          repository,
          logger,
        );
        catalog.addEntityProvider(environments);
        await refreshOn(environments, {
          id: 'catalog-infrastructure-repo',
          topic: INFRASTRUCTURE_PUBLISHED_TOPIC,
          events,
          scheduler,
          logger,
        });

        // Always on: with GitHub the folder simply stays empty.
        const services = new ServiceReposEntityProvider(
          readServicesConfig(config).localRepositoriesDir,
          logger,
        );
        catalog.addEntityProvider(services);
        await refreshOn(services, {
          id: 'catalog-service-repos',
          topic: SERVICE_PUBLISHED_TOPIC,
          events,
          scheduler,
          logger,
        });
      },
    });
  },
});

/** Refreshes `provider` at once on `topic`, and every 30 seconds. */
async function refreshOn(
  provider: { refresh(): Promise<number> },
  options: {
    id: string;
    topic: string;
    events: EventsService;
    scheduler: SchedulerService;
    logger: LoggerService;
  },
) {
  const { id, topic, events, scheduler, logger } = options;
  await events.subscribe({
    id,
    topics: [topic],
    onEvent: async () => {
      await provider
        .refresh()
        .catch(error =>
          logger.warn(`${id}: refresh after ${topic} failed: ${error}`),
        );
    },
  });
  await scheduler.scheduleTask({
    id: `${id}-refresh`,
    frequency: { seconds: 30 },
    timeout: { minutes: 1 },
    fn: async () => {
      await provider.refresh();
    },
  });
}
