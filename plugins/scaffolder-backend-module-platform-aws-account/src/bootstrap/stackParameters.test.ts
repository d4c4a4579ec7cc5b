import {
  bootstrapParameters,
  BootstrapParameterInput,
  inputsFingerprint,
  parseGitHubRepository,
  stateBucketName,
} from './stackParameters';

const input: BootstrapParameterInput = {
  accountRole: 'workload',
  repository: { org: 'acme', repo: 'infrastructure' },
  applyEnvironments: ['dev-account'],
  portalPrincipalArn: 'arn:aws:iam::000000000002:role/platform-portal',
  externalId: 'portal-external-id-1234',
  stateAccountId: '000000000002',
  stateBucketName: 'ignored-for-workload',
  workloadAccountIds: ['000000000009'],
};
const asMap = (params: ReturnType<typeof bootstrapParameters>) =>
  Object.fromEntries(params.map(p => [p.ParameterKey, p.ParameterValue]));

describe('bootstrapParameters', () => {
  it('builds the parameters of a workload account: trust of the shared account, no bucket, no reach', () => {
    expect(asMap(bootstrapParameters(input))).toEqual({
      AccountRole: 'workload',
      GitHubOrg: 'acme',
      GitHubRepo: 'infrastructure',
      ApplyEnvironmentSubjects:
        'repo:acme/infrastructure:environment:dev-account',
      PortalPrincipalArn: 'arn:aws:iam::000000000002:role/platform-portal',
      PortalExternalId: 'portal-external-id-1234',
      ExistingOidcProviderArn: '',
      StateAccountId: '000000000002',
      StateBucketName: '',
      WorkloadAccountIds: '',
    });
  });

  it('gives the shared account its bucket name and no state-account trust', () => {
    const params = asMap(
      bootstrapParameters({
        ...input,
        accountRole: 'shared',
        stateBucketName: 'tfstate-000000000002-eu-west-1',
        applyEnvironments: ['shared-account', 'dev-account'],
        workloadAccountIds: ['000000000003', '000000000004'],
        applyRoleManagedPolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess',
      }),
    );
    expect(params).toMatchObject({
      AccountRole: 'shared',
      StateAccountId: '',
      StateBucketName: 'tfstate-000000000002-eu-west-1',
      WorkloadAccountIds: '000000000003,000000000004',
      ApplyEnvironmentSubjects:
        'repo:acme/infrastructure:environment:shared-account,repo:acme/infrastructure:environment:dev-account',
      ApplyRoleManagedPolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess',
    });
  });

  it.each([
    [
      { repository: { org: '-acme', repo: 'infra' } },
      /repository must name a GitHub organisation.*'-acme'/,
    ],
    [
      { repository: { org: 'acme', repo: 'in fra' } },
      /repository must name a GitHub repository/,
    ],
    [
      { portalPrincipalArn: 'arn:aws:iam::123:role/x' },
      /portalPrincipalArn must be an IAM role, user or account root ARN/,
    ],
    [
      {
        existingOidcProviderArn:
          'arn:aws:iam::000000000002:oidc-provider/example.com',
      },
      /existingOidcProviderArn must be empty or the ARN/,
    ],
    [{ stateAccountId: '12' }, /stateAccountId must be a 12-digit account id/],
    [
      { accountRole: 'sandbox' as any },
      /accountRole must be one of shared, workload, management/,
    ],
    [
      { accountRole: 'shared' as const, workloadAccountIds: ['*'] },
      /workloadAccountIds must hold 12-digit account ids, got '\*'/,
    ],
    [
      { applyEnvironments: [] },
      /applyEnvironments must name at least one GitHub environment/,
    ],
    [
      { applyEnvironments: ['prod,repo:evil/x:pull_request'] },
      /applyEnvironments must hold GitHub environment names/,
    ],
    [
      { applyEnvironments: ['*'] },
      /applyEnvironments must hold GitHub environment names .*got '\*'/,
    ],
  ])('rejects %o naming the field and the rule', (change, message) => {
    expect(() => bootstrapParameters({ ...input, ...change })).toThrow(message);
  });

  it('names config keys when the values come from config and never echoes the external id', () => {
    let message = '';
    try {
      bootstrapParameters(
        { ...input, externalId: 'short' },
        { externalId: 'platform.bootstrap.externalId' },
      );
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(
      /^platform\.bootstrap\.externalId must be 8-1224 characters/,
    );
    expect(message).not.toContain('short');
  });
});

describe('helpers', () => {
  it('reads org/repo from a slug or a repository URL', () => {
    expect(parseGitHubRepository('acme/infrastructure', 'repository')).toEqual({
      org: 'acme',
      repo: 'infrastructure',
    });
    expect(
      parseGitHubRepository('https://github.com/acme/infra.git', 'repository'),
    ).toEqual({ org: 'acme', repo: 'infra' });
    expect(() => parseGitHubRepository('acme', 'repository')).toThrow(
      "repository must be <org>/<repo> or a repository URL, got 'acme'",
    );
  });

  it('fills the state bucket pattern like the environment plan does', () => {
    expect(
      stateBucketName(
        'tfstate-{accountId}-{region}',
        '000000000002',
        'eu-west-1',
      ),
    ).toBe('tfstate-000000000002-eu-west-1');
  });

  it('fingerprints template and every parameter value, in any order', () => {
    const params = bootstrapParameters(input);
    const same = inputsFingerprint('T', [...params].reverse());
    expect(inputsFingerprint('T', params)).toBe(same);
    expect(inputsFingerprint('T2', params)).not.toBe(same);
    const otherSecret = bootstrapParameters({
      ...input,
      externalId: 'another-external-id',
    });
    expect(inputsFingerprint('T', otherSecret)).not.toBe(same);
  });
});
