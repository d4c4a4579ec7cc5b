import { policySize, resolveTemplate } from './__testUtils__/resolveTemplate';
import { template } from './__testUtils__/repositoryTemplate';

/*
 * IAM quotas the stack must stay within, measured on the policies a stack would create for a
 * large organisation: a managed policy 6,144 characters, a role's inline policies together
 * 10,240, a role trust policy 2,048 (the default quota; it can be raised to 4,096). Without this,
 * a growing policy fails only when CloudFormation creates it in a real account.
 */

const WORKLOAD_ACCOUNTS = 12;
const accountIds = Array.from(
  { length: WORKLOAD_ACCOUNTS },
  (_, i) => `${100000000000 + i}`,
);
const repository = {
  org: 'acme-platform-engineering',
  repo: 'infrastructure-live',
};
const environments = [
  'shared-account',
  ...accountIds.map((_, i) => `workload-account-${i}`),
];

function stack(accountRole: 'shared' | 'workload') {
  return resolveTemplate(template, {
    AccountRole: accountRole,
    GitHubOrg: repository.org,
    GitHubRepo: repository.repo,
    // A workload account's terraform-apply trusts its own environment; the shared account's, all.
    ApplyEnvironmentSubjects: (accountRole === 'shared'
      ? environments
      : environments.slice(1, 2)
    )
      .map(e => `repo:${repository.org}/${repository.repo}:environment:${e}`)
      .join(','),
    StateAccountId: accountRole === 'shared' ? '' : '210987654321',
    WorkloadAccountIds: accountRole === 'shared' ? accountIds.join(',') : '',
  });
}

describe.each(['shared', 'workload'] as const)('the %s account stack', role => {
  const resources = stack(role);
  const roles = Object.entries(resources).filter(
    ([, r]) => r.Type === 'AWS::IAM::Role',
  );

  it('keeps every managed policy under 6,144 characters', () => {
    const sizes = Object.entries(resources)
      .filter(([, r]) => r.Type === 'AWS::IAM::ManagedPolicy')
      .map(
        ([name, r]) => [name, policySize(r.Properties.PolicyDocument)] as const,
      );
    expect(sizes.length).toBe(1);
    for (const [name, size] of sizes)
      expect({ name, size: size < 6_144 }).toEqual({ name, size: true });
  });

  it("keeps each role's inline policies together under 10,240 characters", () => {
    for (const [name, r] of roles) {
      const attached = Object.values(resources).filter(
        p =>
          p.Type === 'AWS::IAM::Policy' &&
          p.Properties.Roles.includes(r.Properties.RoleName),
      );
      const size = [
        ...(r.Properties.Policies ?? []).map((p: any) =>
          policySize(p.PolicyDocument),
        ),
        ...attached.map(p => policySize(p.Properties.PolicyDocument)),
      ].reduce((a, b) => a + b, 0);
      expect({ name, fits: size < 10_240 }).toEqual({ name, fits: true });
    }
  });

  it(`keeps each trust policy under 2,048 characters with ${WORKLOAD_ACCOUNTS} accounts`, () => {
    for (const [name, r] of roles) {
      const size = policySize(r.Properties.AssumeRolePolicyDocument);
      expect({ name, fits: size < 2_048 }).toEqual({ name, fits: true });
    }
  });
});

describe('the resolved shared-account policies', () => {
  const resources = stack('shared');
  const statements = (name: string) =>
    (
      resources[name].Properties.Policies ?? [resources[name].Properties]
    ).flatMap((p: any) => p.PolicyDocument.Statement);

  it("let terraform-apply assume exactly the listed accounts' terraform-apply, and deny every other role", () => {
    const all = [
      ...statements('TerraformApplyRole'),
      ...statements('ApplyStatePolicy'),
    ];
    const allow = all.find(
      (s: any) => s.Effect === 'Allow' && s.Action === 'sts:AssumeRole',
    );
    const deny = all.find(
      (s: any) => s.Effect === 'Deny' && s.Action === 'sts:AssumeRole',
    );
    const expected = accountIds.map(
      id => `arn:aws:iam::${id}:role/terraform-apply`,
    );
    expect(allow.Resource).toEqual(expected);
    expect(deny.NotResource).toEqual(expected);
  });

  it("let terraform-plan assume exactly the listed accounts' terraform-plan", () => {
    const allow = statements('PlanStatePolicy').find(
      (s: any) => s.Action === 'sts:AssumeRole',
    );
    expect(allow).toMatchObject({
      Effect: 'Allow',
      Resource: accountIds.map(id => `arn:aws:iam::${id}:role/terraform-plan`),
    });
  });
});

describe('a workload account stack without listed accounts', () => {
  it('denies terraform-apply every sts:AssumeRole', () => {
    const resources = stack('workload');
    const deny = resources.TerraformApplyRole.Properties.Policies.flatMap(
      (p: any) => p.PolicyDocument.Statement,
    ).find((s: any) => s.Action === 'sts:AssumeRole');
    expect(deny).toEqual({
      Sid: 'DenyAssumingOtherRoles',
      Effect: 'Deny',
      Action: 'sts:AssumeRole',
      Resource: '*',
    });
  });
});
