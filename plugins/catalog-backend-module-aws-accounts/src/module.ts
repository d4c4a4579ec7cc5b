import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { AwsAccountConfigProcessor } from './AwsAccountConfigProcessor';

/** Catalog module that applies `platform.awsAccounts` to the aws-account entities. */
export const catalogModuleAwsAccounts = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'aws-accounts',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        catalog: catalogProcessingExtensionPoint,
      },
      async init({ config, catalog }) {
        catalog.addProcessor(AwsAccountConfigProcessor.fromConfig(config));
      },
    });
  },
});
