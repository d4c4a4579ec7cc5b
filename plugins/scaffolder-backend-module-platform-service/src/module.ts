import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createServicePrepareAction } from './actions/servicePrepare';
import { createServicePublishAction } from './actions/servicePublish';
import { createServiceValidateAction } from './actions/serviceValidate';
import { serviceActionDeps } from './service/serviceActionDeps';

/**
 * The flask-react-service template's actions: check the request, validate the rendered
 * repository, create the service's repository (GitHub or local, as GitHosting decides).
 */
export const scaffolderModulePlatformService = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'platform-service',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
      },
      async init({ scaffolder, config, catalog, events }) {
        const deps = serviceActionDeps(config);
        scaffolder.addActions(
          createServicePrepareAction({ ...deps, catalog }),
          createServiceValidateAction(),
          createServicePublishAction({ ...deps, events }),
        );
      },
    });
  },
});
