import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { InsightsEntityProvider } from './InsightsEntityProvider';

export const REFRESH_TASK_ID = 'catalog-aws-insights-refresh';
/** Retries after a failed refresh start here and double up to the cap. */
const FIRST_RETRY_MS = 3_000;
const MAX_RETRY_MS = 60_000;

/**
 * EKS clusters, databases and WAF web ACLs found by the AWS insights plugin, as catalog
 * Resource entities. Refreshes every 5 minutes on one replica; until a refresh succeeds
 * (e.g. while the insights plugin's own first refresh is running) it retries sooner.
 */
export const catalogModuleAwsInsights = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'aws-insights',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
      },
      async init({ catalog, discovery, auth, scheduler, logger, lifecycle }) {
        const provider = new InsightsEntityProvider({
          discovery,
          auth,
          logger,
        });
        catalog.addEntityProvider(provider);

        let retryMs = FIRST_RETRY_MS;
        let retryTimer: NodeJS.Timeout | undefined;
        let stopped = false;
        // The retry goes through the scheduler so the global lock still holds.
        const retryLater = () => {
          if (retryTimer || stopped) return;
          logger.info(
            `Retrying the AWS insights refresh in ${retryMs / 1000} s`,
          );
          retryTimer = setTimeout(() => {
            retryTimer = undefined;
            scheduler
              .triggerTask(REFRESH_TASK_ID)
              .catch(error =>
                logger.warn(`Could not trigger ${REFRESH_TASK_ID}: ${error}`),
              );
          }, retryMs);
          retryTimer.unref?.();
          retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
        };
        lifecycle.addShutdownHook(() => {
          stopped = true;
          clearTimeout(retryTimer);
        });

        await scheduler.scheduleTask({
          id: REFRESH_TASK_ID,
          frequency: { minutes: 5 },
          timeout: { minutes: 2 },
          // Gives the insights plugin time to finish its own first refresh.
          initialDelay: { seconds: 15 },
          scope: 'global',
          fn: async signal => {
            let applied = false;
            try {
              applied = (await provider.refresh(signal)).status === 'applied';
            } catch (error) {
              logger.warn(
                `AWS insights refresh failed: ${stringifyError(error)}`,
              );
            }
            if (applied) retryMs = FIRST_RETRY_MS;
            else retryLater();
          },
        });
      },
    });
  },
});
