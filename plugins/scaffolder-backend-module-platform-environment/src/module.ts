import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { DEFAULT_PLATFORM_TEAM_REF } from '@platform-portal/platform-common';
import {
  infrastructureRepositoryServiceRef,
  readIacConfig,
} from '@platform-portal/platform-node';
import { createEnvironmentPlanAction } from './actions/environmentPlan';
import { createIacPublishAction } from './actions/iacPublish';
import { createIacValidateAction } from './actions/iacValidate';
import { EnvironmentGuard } from './guards/environmentGuard';
import { PlanTokens } from './guards/planToken';

/**
 * The aws-environment template's actions: plan, validate and publish an environment to the
 * infrastructure repository (the shared InfrastructureRepository service).
 */
export const scaffolderModulePlatformEnvironment = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'platform-environment',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        repository: infrastructureRepositoryServiceRef,
      },
      async init({
        scaffolder,
        config,
        auth,
        permissions,
        catalog,
        events,
        repository,
      }) {
        const iac = readIacConfig(config);
        const platformTeam =
          config.getOptionalString('platform.permissions.platformTeam') ??
          DEFAULT_PLATFORM_TEAM_REF;
        const guard = new EnvironmentGuard({
          catalog,
          auth,
          permissions,
          repository,
          productionAccounts: iac.productionAccounts,
          platformTeam,
        });
        // One key per process: plan signs with it, publish verifies with it.
        const planTokens = PlanTokens.withRandomKey();
        scaffolder.addActions(
          createEnvironmentPlanAction({
            catalog,
            iac,
            repository,
            guard,
            planTokens,
          }),
          createIacValidateAction(),
          createIacPublishAction({ repository, guard, planTokens, events }),
        );
      },
    });
  },
});
