import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { infrastructureRepositoryServiceRef } from '@platform-portal/platform-node';
import { AwsAccountBootstrapProcessor } from './AwsAccountBootstrapProcessor';
import { AwsAccountConfigProcessor } from './AwsAccountConfigProcessor';
import { AwsAccountLocationProcessor } from './AwsAccountLocationProcessor';
import { AwsAccountProductionProcessor } from './AwsAccountProductionProcessor';
import { RepositoryBootstrapRecordReader } from './bootstrapRecordReader';

/**
 * Catalog module for the aws-account entities: applies `platform.awsAccounts` (real ids and
 * regions), then the account bootstrap's record from the infrastructure repository (role ARNs).
 */
export const catalogModuleAwsAccounts = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'aws-accounts',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        catalog: catalogProcessingExtensionPoint,
        logger: coreServices.logger,
        repository: infrastructureRepositoryServiceRef,
      },
      async init({ config, catalog, logger, repository }) {
        // Accounts from untrusted locations are refused before anything else looks at them.
        catalog.addProcessor(
          new AwsAccountLocationProcessor(
            config.getOptionalStringArray(
              'platform.catalog.trustedLocationPrefixes',
            ) ?? [],
          ),
        );
        // Order matters: the record is matched against the account id the config sets.
        catalog.addProcessor(AwsAccountConfigProcessor.fromConfig(config));
        catalog.addProcessor(AwsAccountProductionProcessor.fromConfig(config));
        catalog.addProcessor(
          new AwsAccountBootstrapProcessor(
            new RepositoryBootstrapRecordReader(repository),
            logger,
          ),
        );
      },
    });
  },
});
