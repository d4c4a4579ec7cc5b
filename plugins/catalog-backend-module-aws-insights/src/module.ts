import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { AWS_INSIGHTS_REFRESHED_TOPIC } from '@platform-portal/platform-common';
import { AwsInsightsClient } from '@platform-portal/plugin-aws-insights-common';
import { InsightsEntityProvider } from './InsightsEntityProvider';

/**
 * EKS clusters, databases and WAF web ACLs found by the AWS insights plugin, as catalog
 * Resource entities: read through the typed client once at start-up (a fleet from before a
 * restart is served at once) and again on every `aws-insights.refreshed` event.
 *
 * No timer of its own: the insights plugin refreshes on its schedule (one replica at a time)
 * and publishes the event after each refresh. With the default EventsService and no events
 * backend, events stay in the process that published them - the replica that refreshed, whose
 * catalog module then writes to the catalog database every replica shares, so two replicas
 * stay correct. A read that fails after an event is made good by the next refresh's event.
 * Only a deployment that runs the catalog and aws-insights in separate backends needs the
 * events backend (`@backstage/plugin-events-backend`), which the default EventsService then
 * uses on its own to carry the event across.
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
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        events: eventsServiceRef,
      },
      async init({ catalog, discovery, auth, logger, lifecycle, events }) {
        const provider = new InsightsEntityProvider({
          client: new AwsInsightsClient({ discoveryApi: discovery }),
          auth,
          logger,
        });
        catalog.addEntityProvider(provider);

        await events.subscribe({
          id: 'aws-insights-entities',
          topics: [AWS_INSIGHTS_REFRESHED_TOPIC],
          onEvent: async () => {
            await provider.refresh();
          },
        });
        // Once every plugin has started (the provider is connected and the insights API is
        // mounted): a 503 here only means the first refresh is still running.
        // Not awaited: start-up does not wait on another plugin's answer.
        lifecycle.addStartupHook(() => {
          void provider.refresh();
        });
      },
    });
  },
});
