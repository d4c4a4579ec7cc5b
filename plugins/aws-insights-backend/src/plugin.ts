import {
  coreServices,
  createBackendPlugin,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { awsInsightsPermissions } from '@platform-portal/plugin-aws-insights-common';
import {
  InsightsService,
  readInsightsSettings,
} from './service/InsightsService';
import { createRouter } from './service/router';
import { SnapshotStore } from './store/SnapshotStore';

/**
 * AWS insights: EKS capacity, Spot/Graviton mix, RDS health and WAF blocks across accounts
 * and regions. One replica refreshes on the scheduler; every replica serves from the cache.
 */
export const awsInsightsPlugin = createBackendPlugin({
  pluginId: 'aws-insights',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        cache: coreServices.cache,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init(deps) {
        const { config, logger, cache, database, scheduler, httpRouter } = deps;
        const store = await SnapshotStore.create(
          await database.getClient(),
          resolvePackagePath(
            '@platform-portal/plugin-aws-insights-backend',
            'migrations',
          ),
          { skipMigrations: database.migrations?.skip },
        );
        const settings = readInsightsSettings(config);
        const service = new InsightsService(
          settings,
          config,
          cache,
          store,
          logger,
        );
        deps.permissionsRegistry.addPermissions(awsInsightsPermissions);

        await scheduler.scheduleTask({
          id: 'aws-insights-refresh',
          frequency: settings.refreshFrequency,
          timeout: { minutes: 10 },
          initialDelay: { seconds: 3 },
          // Global scope: one replica refreshes, the shared cache serves all of them.
          scope: 'global',
          fn: async () => {
            await service.refresh();
          },
        });
        if (service.sampleMode) {
          logger.info(
            'No awsInsights.accounts configured: serving the labelled sample fleet',
          );
        }

        httpRouter.use(
          await createRouter({
            service,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
