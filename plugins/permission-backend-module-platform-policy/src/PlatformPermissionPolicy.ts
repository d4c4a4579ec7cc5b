import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  createScaffolderActionConditionalDecision,
  createScaffolderTaskConditionalDecision,
  scaffolderActionConditions,
  scaffolderTaskConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import { audienceOf, ORDINARY_USER_ACTIONS } from './permissionTable';

type ActionCondition = ReturnType<
  typeof scaffolderActionConditions.hasActionId
>;

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * Deny by default for power: platform-team members get every permission; everyone else gets
 * what `PERMISSION_TABLE` names for them, as conditional decisions where Backstage has rules
 * (template ownership, task creator, action id), so lists and single reads agree.
 */
export class PlatformPermissionPolicy implements PermissionPolicy {
  private readonly platformTeamRef: string;

  constructor(
    private readonly userInfo: Pick<UserInfoService, 'getUserInfo'>,
    /** As configured; relation refs keep the case of the entity files. */
    private readonly configuredPlatformTeamRef: string,
  ) {
    this.platformTeamRef = configuredPlatformTeamRef.toLocaleLowerCase('en-US');
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) return DENY; // service principals never reach the policy
    const { userEntityRef, ownershipEntityRefs } =
      await this.userInfo.getUserInfo(user.credentials);
    if (
      ownershipEntityRefs.some(
        ref => ref.toLocaleLowerCase('en-US') === this.platformTeamRef,
      )
    ) {
      return ALLOW;
    }
    const { permission } = request;
    switch (audienceOf(permission.name, permission.attributes)) {
      case 'everyone':
        return ALLOW;
      case 'platform-team':
        return DENY;
      case 'entity-owner':
        return isResourcePermission(permission, 'catalog-entity')
          ? createCatalogConditionalDecision(
              permission,
              catalogConditions.isEntityOwner({ claims: ownershipEntityRefs }),
            )
          : DENY;
      case 'trusted-templates':
        return isResourcePermission(permission, 'catalog-entity')
          ? createCatalogConditionalDecision(permission, {
              anyOf: [
                {
                  not: catalogConditions.isEntityKind({ kinds: ['Template'] }),
                },
                catalogConditions.isEntityOwner({
                  claims: [
                    ...new Set([
                      this.configuredPlatformTeamRef,
                      this.platformTeamRef,
                    ]),
                  ],
                }),
              ],
            })
          : DENY;
      case 'task-owner':
        return isResourcePermission(permission, 'scaffolder-task')
          ? createScaffolderTaskConditionalDecision(
              permission,
              scaffolderTaskConditions.isTaskOwner({
                createdBy: [userEntityRef],
              }),
            )
          : DENY;
      case 'allowed-actions':
        return isResourcePermission(permission, 'scaffolder-action')
          ? createScaffolderActionConditionalDecision(permission, {
              anyOf: ORDINARY_USER_ACTIONS.map(actionId =>
                scaffolderActionConditions.hasActionId({ actionId }),
              ) as [ActionCondition, ...ActionCondition[]],
            })
          : DENY;
      default:
        return DENY;
    }
  }
}
