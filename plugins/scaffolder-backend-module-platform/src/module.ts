import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createAwsBootstrapAccountAction } from './actions/awsBootstrapAccount';
import { createAwsRecordBootstrapAction } from './actions/awsRecordBootstrap';
import { createEnvironmentPlanAction } from './actions/environmentPlan';
import { createIacPublishAction } from './actions/iacPublish';
import { createIacValidateAction } from './actions/iacValidate';
import { createPublisher } from './publish/createPublisher';
import { createServicePrepareAction } from './actions/servicePrepare';
import { createServicePublishAction } from './actions/servicePublish';
import { createServiceValidateAction } from './actions/serviceValidate';

/** Registers the Platform Portal's scaffolder actions. */
export const scaffolderModulePlatform = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'platform',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        permissions: coreServices.permissions,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
      },
      async init({ scaffolder, config, permissions, catalog, events }) {
        // Built per use: credentials (GitHub App tokens) expire and config may change.
        const publisher = () => createPublisher(config);
        scaffolder.addActions(
          createEnvironmentPlanAction({
            catalog,
            permissions,
            config,
            publisher,
          }),
          createIacValidateAction(),
          createIacPublishAction({ publisher, events }),
          // New-service template (templates/flask-react-service).
          createServicePrepareAction({ catalog, config }),
          createServiceValidateAction(),
          createServicePublishAction({ config, events }),
          createAwsBootstrapAccountAction({ catalog, permissions, config }),
          createAwsRecordBootstrapAction({
            catalog,
            permissions,
            config,
            publisher,
          }),
        );
      },
    });
  },
});
