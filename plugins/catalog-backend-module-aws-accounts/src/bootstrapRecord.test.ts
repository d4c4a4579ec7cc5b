import { Entity } from '@backstage/catalog-model';
import { devRecord } from './__testUtils__/bareRepo';
import {
  APPLY_ROLE_ARN_ANNOTATION,
  BOOTSTRAP_RECORD_ANNOTATION,
  BOOTSTRAP_STACK_ID_ANNOTATION,
  LEGACY_DEPLOY_ROLE_ARN_ANNOTATION,
  PERMISSIONS_BOUNDARY_ARN_ANNOTATION,
  PLAN_ROLE_ARN_ANNOTATION,
  OIDC_PROVIDER_ARN_ANNOTATION,
  parseBootstrapRecord,
  PORTAL_READ_ROLE_ARN_ANNOTATION,
  STATE_BUCKET_ANNOTATION,
} from '@platform-portal/platform-common';
import { applyBootstrapRecord } from './bootstrapRecord';

const account = (accountId: string, type = 'aws-account'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'dev-account',
    annotations: {
      'aws.amazon.com/account-id': accountId,
      'aws.amazon.com/region': 'eu-west-1',
    },
  },
  spec: { type, owner: 'group:default/platform-team' },
});

describe('bootstrap records', () => {
  it('puts the ARNs and the stack id on the account', () => {
    const record = parseBootstrapRecord(
      devRecord(),
      'accounts/dev-account.json',
    );
    const entity = applyBootstrapRecord(
      account('000000000003'),
      record,
      'local:/repo#main:accounts/dev-account.json',
    );
    expect(entity.metadata.annotations).toEqual({
      'aws.amazon.com/account-id': '000000000003',
      'aws.amazon.com/region': 'eu-west-1',
      [BOOTSTRAP_STACK_ID_ANNOTATION]:
        'arn:aws:cloudformation:eu-west-1:000000000003:stack/platform-bootstrap/1',
      [PLAN_ROLE_ARN_ANNOTATION]:
        'arn:aws:iam::000000000003:role/terraform-plan',
      [APPLY_ROLE_ARN_ANNOTATION]:
        'arn:aws:iam::000000000003:role/terraform-apply',
      [PERMISSIONS_BOUNDARY_ARN_ANNOTATION]:
        'arn:aws:iam::000000000003:policy/platform-bootstrap/platform-workload-boundary',
      [PORTAL_READ_ROLE_ARN_ANNOTATION]:
        'arn:aws:iam::000000000003:role/platform-portal-read',
      [OIDC_PROVIDER_ARN_ANNOTATION]:
        'arn:aws:iam::000000000003:oidc-provider/token.actions.githubusercontent.com',
      [BOOTSTRAP_RECORD_ANNOTATION]:
        'local:/repo#main:accounts/dev-account.json',
    });
    expect(entity.metadata.annotations).not.toHaveProperty(
      STATE_BUCKET_ANNOTATION,
    );
  });

  it('still reads a record from before the plan/apply split (one deploy role)', () => {
    const data = JSON.parse(devRecord());
    const { ApplyRoleArn, PlanRoleArn, PermissionsBoundaryArn, ...older } =
      data.outputs;
    data.outputs = {
      ...older,
      DeployRoleArn: 'arn:aws:iam::000000000003:role/terraform-deploy',
    };
    const entity = applyBootstrapRecord(
      account('000000000003'),
      parseBootstrapRecord(JSON.stringify(data), 'x'),
      'x',
    );
    expect(entity.metadata.annotations).toMatchObject({
      [LEGACY_DEPLOY_ROLE_ARN_ANNOTATION]:
        'arn:aws:iam::000000000003:role/terraform-deploy',
      [PORTAL_READ_ROLE_ARN_ANNOTATION]:
        'arn:aws:iam::000000000003:role/platform-portal-read',
    });
    expect(entity.metadata.annotations).not.toHaveProperty(
      APPLY_ROLE_ARN_ANNOTATION,
    );
  });

  it('adds the state bucket of the shared account', () => {
    const data = JSON.parse(devRecord());
    data.outputs.StateBucketName = 'tfstate-000000000003-eu-west-1';
    const entity = applyBootstrapRecord(
      account('000000000003'),
      parseBootstrapRecord(JSON.stringify(data), 'x'),
      'x',
    );
    expect(entity.metadata.annotations?.[STATE_BUCKET_ANNOTATION]).toBe(
      'tfstate-000000000003-eu-west-1',
    );
  });

  it('ignores a record of another account id and entities that are not aws-accounts', () => {
    const record = parseBootstrapRecord(devRecord('000000000009'), 'x');
    const other = account('000000000003');
    expect(applyBootstrapRecord(other, record, 'x')).toBe(other);
    const database = account('000000000009', 'database');
    expect(applyBootstrapRecord(database, record, 'x')).toBe(database);
  });

  it.each([
    ['{', /accounts\/dev-account.json is not valid JSON/],
    [
      JSON.stringify({ ...JSON.parse(devRecord()), accountId: '3' }),
      /accounts\/dev-account.json: accountId must be 12 digits/,
    ],
    [
      JSON.stringify({
        ...JSON.parse(devRecord()),
        stackId: 'platform-bootstrap',
      }),
      /stackId must be an ARN/,
    ],
    [
      JSON.stringify({
        ...JSON.parse(devRecord()),
        outputs: { ApplyRoleArn: 3 },
      }),
      /outputs.ApplyRoleArn must be a string/,
    ],
    [
      JSON.stringify({ ...JSON.parse(devRecord()), region: '' }),
      /region must be a non-empty string/,
    ],
  ])('rejects a broken record naming file and field: %s', (text, message) => {
    expect(() =>
      parseBootstrapRecord(text, 'accounts/dev-account.json'),
    ).toThrow(message);
  });
});
