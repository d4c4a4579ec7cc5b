import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { DEFAULT_PLATFORM_TEAM_REF } from '@platform-portal/platform-common';
import {
  awsCredentialsFactoryServiceRef,
  infrastructureRepositoryServiceRef,
  readBootstrapConfig,
  readIacConfig,
} from '@platform-portal/platform-node';
import { createAwsBootstrapAccountAction } from './actions/awsBootstrapAccount';
import { createAwsRecordBootstrapAction } from './actions/awsRecordBootstrap';
import { loadBundledTemplate } from './bootstrap/bundledTemplate';
import { cloudFormationClients } from './bootstrap/cloudFormationClient';
import { readWorkloadAccounts } from './bootstrap/workloadAccountsConfig';
import { readOrganizationSettings } from './actions/organizationFiles';

/**
 * The aws-account-bootstrap template's actions: deploy the bootstrap stack into an account, then
 * record its outputs in the infrastructure repository. Platform team only.
 */
export const scaffolderModulePlatformAwsAccount = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'platform-aws-account',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        permissions: coreServices.permissions,
        catalog: catalogServiceRef,
        repository: infrastructureRepositoryServiceRef,
        awsCredentials: awsCredentialsFactoryServiceRef,
      },
      async init({
        scaffolder,
        config,
        permissions,
        catalog,
        repository,
        awsCredentials,
      }) {
        const bootstrap = readBootstrapConfig(config);
        // Read and digested once: the only template the bootstrap action deploys.
        const template = await loadBundledTemplate();
        const iac = readIacConfig(config);
        const platformTeam =
          config.getOptionalString('platform.permissions.platformTeam') ??
          DEFAULT_PLATFORM_TEAM_REF;
        scaffolder.addActions(
          createAwsBootstrapAccountAction({
            catalog,
            permissions,
            platformTeam,
            iac,
            bootstrap,
            workloadAccounts: readWorkloadAccounts(config),
            template,
            cloudFormation: cloudFormationClients(awsCredentials, bootstrap),
          }),
          createAwsRecordBootstrapAction({
            catalog,
            permissions,
            platformTeam,
            repository,
            iac,
            baselineRegions: config.getOptionalStringArray(
              'platform.bootstrap.baselineRegions',
            ),
            organization: readOrganizationSettings(config),
          }),
        );
      },
    });
  },
});
