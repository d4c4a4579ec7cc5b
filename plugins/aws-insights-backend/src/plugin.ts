import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { durationToMilliseconds } from '@backstage/types';
import { awsInsightsPermissions } from '@platform-portal/plugin-aws-insights-common';
import { awsInsightsServiceRef } from './service/awsInsightsServiceRef';
import { FleetNotReadyError } from './service/FleetNotReadyError';
import { createRouter } from './service/router';
import {
  readInsightsSettings,
  REFRESH_INITIAL_DELAY,
} from './service/settings';

/**
 * AWS insights: EKS capacity, Spot/Graviton mix, RDS health and WAF blocks across accounts
 * and regions. One replica refreshes on the scheduler; every replica serves from the cache.
 */
const REFRESH_TASK_ID = 'aws-insights-refresh';

export const awsInsightsPlugin = createBackendPlugin({
  pluginId: 'aws-insights',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        insights: awsInsightsServiceRef,
      },
      async init(deps) {
        const { config, logger, scheduler, httpRouter, insights } = deps;
        const settings = readInsightsSettings(config);
        deps.permissionsRegistry.addPermissions(awsInsightsPermissions);

        await scheduler.scheduleTask({
          id: REFRESH_TASK_ID,
          frequency: settings.refreshFrequency,
          timeout: { minutes: 10 },
          initialDelay: REFRESH_INITIAL_DELAY,
          // Global scope: one replica refreshes, the shared cache serves all of them.
          scope: 'global',
          fn: async () => {
            await insights.refresh();
          },
        });
        logger.info(
          `AWS insights refresh every ${
            durationToMilliseconds(settings.refreshFrequency) / 1000
          } s${
            insights.sampleMode
              ? ' of the labelled sample fleet (no awsInsights.accounts configured)'
              : ` of ${settings.accounts.length} account(s)`
          }`,
        );

        // The scheduler remembers the next run across restarts; a portal whose cache lost the
        // snapshot (memory cache, flushed Redis) would answer 503 for up to one period.
        deps.lifecycle.addStartupHook(async () => {
          const ready = await insights.getCurrent().then(
            () => true,
            error => !(error instanceof FleetNotReadyError),
          );
          if (ready) return;
          await scheduler
            .triggerTask(REFRESH_TASK_ID)
            .catch(error =>
              logger.warn(`Could not trigger the first refresh: ${error}`),
            );
        });

        httpRouter.use(
          await createRouter({
            service: insights,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
