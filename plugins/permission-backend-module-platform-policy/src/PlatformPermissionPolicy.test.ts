import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogLocationAnalyzePermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import { permissionRules as catalogRules } from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  ConditionalPolicyDecision,
  createPermission,
  PermissionCriteria,
  PermissionCondition,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  actionExecutePermission,
  taskCancelPermission,
  taskCreatePermission,
  taskReadPermission,
  templateDryRunPermission,
  templateManagementPermission,
  templateParameterReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  accountBootstrapPermission,
  environmentCreatePermission,
  environmentCreateProdPermission,
} from '@platform-portal/platform-common';
import { PlatformPermissionPolicy } from './PlatformPermissionPolicy';
import { ORDINARY_USER_ACTIONS, PERMISSION_TABLE } from './permissionTable';

const PLATFORM_TEAM = 'group:default/platform-team';
const memberships: Record<string, string[]> = {
  'user:default/alice': ['user:default/alice', PLATFORM_TEAM],
  'user:default/guest': ['user:default/guest', 'group:default/team-orders'],
};
const userInfo = {
  getUserInfo: async (credentials: any) => {
    const userEntityRef = credentials.principal.userEntityRef as string;
    return { userEntityRef, ownershipEntityRefs: memberships[userEntityRef] };
  },
};
const as = (userEntityRef: string) => ({
  credentials: mockCredentials.user(userEntityRef),
  info: { userEntityRef, ownershipEntityRefs: memberships[userEntityRef] },
});
const alice = as('user:default/alice');
const guest = as('user:default/guest');
const policy = new PlatformPermissionPolicy(userInfo, PLATFORM_TEAM);

/** Evaluates a conditional decision's criteria the way the owning plugin would. */
function evaluate(
  criteria: PermissionCriteria<PermissionCondition<string>>,
  apply: (condition: PermissionCondition<string>) => boolean,
): boolean {
  if ('allOf' in criteria) return criteria.allOf.every(c => evaluate(c, apply));
  if ('anyOf' in criteria) return criteria.anyOf.some(c => evaluate(c, apply));
  if ('not' in criteria) return !evaluate(criteria.not, apply);
  return apply(criteria);
}

const entity = (kind: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
  relations: [{ type: 'ownedBy', targetRef: owner }],
});

function catalogAllows(decision: PolicyDecision, target: Entity): boolean {
  if (decision.result !== AuthorizeResult.CONDITIONAL)
    return decision.result === AuthorizeResult.ALLOW;
  const rules = Object.values(catalogRules) as any[];
  return evaluate(
    (decision as ConditionalPolicyDecision).conditions,
    condition =>
      rules
        .find(r => r.name === condition.rule)
        .apply(target, condition.params),
  );
}

describe('PlatformPermissionPolicy', () => {
  it('gives platform-team members every permission, including ones it does not know', async () => {
    const unknown = createPermission({ name: 'x.delete', attributes: {} });
    for (const permission of [
      catalogLocationCreatePermission,
      templateManagementPermission,
      environmentCreateProdPermission,
      accountBootstrapPermission,
      unknown,
    ]) {
      expect(await policy.handle({ permission }, alice)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it('matches the platform team case-insensitively', async () => {
    memberships['user:default/bob'] = ['group:default/Platform-Team'];
    expect(
      await policy.handle(
        { permission: accountBootstrapPermission },
        as('user:default/bob'),
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it.each([
    catalogLocationCreatePermission,
    catalogLocationAnalyzePermission,
    catalogLocationDeletePermission,
    catalogEntityCreatePermission,
    templateDryRunPermission,
    templateManagementPermission,
    environmentCreateProdPermission,
    accountBootstrapPermission,
  ])('denies $name to an app-team member and to no user', async permission => {
    expect(await policy.handle({ permission }, guest)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(await policy.handle({ permission }, undefined)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('opens self-service and reading to everyone', async () => {
    for (const permission of [
      environmentCreatePermission,
      taskCreatePermission,
      templateParameterReadPermission,
    ]) {
      expect(await policy.handle({ permission }, guest)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it('denies an unknown permission that is not a read, and allows an unknown read', async () => {
    const write = createPermission({
      name: 'other.thing.update',
      attributes: { action: 'update' },
    });
    const read = createPermission({
      name: 'other.thing.read',
      attributes: { action: 'read' },
    });
    expect((await policy.handle({ permission: write }, guest)).result).toBe(
      AuthorizeResult.DENY,
    );
    expect((await policy.handle({ permission: read }, guest)).result).toBe(
      AuthorizeResult.ALLOW,
    );
  });

  it('shows ordinary users only the templates the platform team owns', async () => {
    const decision = await policy.handle(
      { permission: catalogEntityReadPermission },
      guest,
    );
    expect(decision.result).toBe(AuthorizeResult.CONDITIONAL);
    expect(catalogAllows(decision, entity('Template', PLATFORM_TEAM))).toBe(
      true,
    );
    expect(
      catalogAllows(decision, entity('Template', 'group:default/team-orders')),
    ).toBe(false);
    expect(
      catalogAllows(decision, entity('Component', 'group:default/other')),
    ).toBe(true);
  });

  it('lets users delete only the entities they own', async () => {
    const decision = await policy.handle(
      { permission: catalogEntityDeletePermission },
      guest,
    );
    expect(
      catalogAllows(decision, entity('Component', 'group:default/team-orders')),
    ).toBe(true);
    expect(
      catalogAllows(decision, entity('Component', 'group:default/storefront')),
    ).toBe(false);
  });

  it.each([taskReadPermission, taskCancelPermission])(
    'limits $name to the tasks the user created',
    async permission => {
      const decision = (await policy.handle(
        { permission },
        guest,
      )) as ConditionalPolicyDecision;
      expect(decision).toMatchObject({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'scaffolder',
        resourceType: 'scaffolder-task',
        conditions: {
          rule: 'IS_TASK_OWNER',
          params: { createdBy: ['user:default/guest'] },
        },
      });
    },
  );

  it('lets ordinary users run only the allow-listed actions', async () => {
    const decision = (await policy.handle(
      { permission: actionExecutePermission },
      guest,
    )) as ConditionalPolicyDecision;
    expect(decision.result).toBe(AuthorizeResult.CONDITIONAL);
    const allowed = (actionId: string) =>
      evaluate(decision.conditions, c => c.params?.actionId === actionId);
    expect(allowed('fetch:template')).toBe(true);
    expect(allowed('platform:iac:publish')).toBe(true);
    for (const id of [
      'publish:github',
      'publish:github:pull-request',
      'github:repo:push',
      'catalog:register',
    ]) {
      expect(allowed(id)).toBe(false);
    }
  });

  it('names a reason for every row and lists no action twice', () => {
    for (const [name, row] of Object.entries(PERMISSION_TABLE)) {
      expect({ name, reason: row.reason.length > 3 }).toEqual({
        name,
        reason: true,
      });
    }
    expect(new Set(ORDINARY_USER_ACTIONS).size).toBe(
      ORDINARY_USER_ACTIONS.length,
    );
  });
});
