import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { DEFAULT_PLATFORM_TEAM_REF } from '@platform-portal/platform-common';
import { PlatformPermissionPolicy } from './PlatformPermissionPolicy';

/** Installs the Platform Portal's permission policy. */
export const permissionModulePlatformPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'platform-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, config, userInfo }) {
        const team =
          config.getOptionalString('platform.permissions.platformTeam') ??
          DEFAULT_PLATFORM_TEAM_REF;
        policy.setPolicy(new PlatformPermissionPolicy(userInfo, team));
      },
    });
  },
});
