import {
  coreServices,
  createServiceFactory,
  createServiceRef,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { SnapshotStore } from '../store/SnapshotStore';
import { AwsInsightsService } from './AwsInsightsService';
import { DefaultAwsInsightsService } from './DefaultAwsInsightsService';

/**
 * The aws-insights plugin's AwsInsightsService. Scoped to that plugin (its cache, database and
 * config), so only the plugin and its modules may depend on it; other plugins read the HTTP
 * API through AwsInsightsClient. Replace it with `createServiceFactory({ service:
 * awsInsightsServiceRef, ... })`, e.g. to serve insights from elsewhere.
 */
export const awsInsightsServiceRef = createServiceRef<AwsInsightsService>({
  id: 'aws-insights.service',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        cache: coreServices.cache,
        database: coreServices.database,
        events: eventsServiceRef,
        plugin: coreServices.pluginMetadata,
      },
      async factory({ config, logger, cache, database, events, plugin }) {
        if (plugin.getId() !== 'aws-insights') {
          throw new Error(
            `awsInsightsServiceRef is scoped to the aws-insights plugin, but plugin '${plugin.getId()}' asked for it; other plugins use AwsInsightsClient from @platform-portal/plugin-aws-insights-common`,
          );
        }
        const store = await SnapshotStore.create(
          await database.getClient(),
          resolvePackagePath(
            '@platform-portal/plugin-aws-insights-backend',
            'migrations',
          ),
          { skipMigrations: database.migrations?.skip },
        );
        return DefaultAwsInsightsService.fromConfig(config, {
          logger,
          cache,
          store,
          events,
        });
      },
    }),
});
