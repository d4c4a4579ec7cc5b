import { StackRecord } from '@platform-portal/plugin-aws-insights-common';
import { SAMPLE_ACCOUNTS } from './catalog';

const minutesBefore = (now: Date, minutes: number) =>
  new Date(now.getTime() - minutes * 60_000).toISOString();
const DAY = 24 * 60;

/**
 * The `platform-bootstrap` stack in every account; prod was updated three hours ago, so it
 * has recent events (newest first, as DescribeStackEvents returns them).
 */
export function sampleStacks(now: Date, region = 'eu-west-1'): StackRecord[] {
  const plan: Array<[string, string, number]> = [
    // account, status, minutes since last update
    [SAMPLE_ACCOUNTS.shared, 'CREATE_COMPLETE', 120 * DAY],
    [SAMPLE_ACCOUNTS.dev, 'CREATE_COMPLETE', 60 * DAY],
    [SAMPLE_ACCOUNTS.staging, 'UPDATE_COMPLETE', 14 * DAY],
    [SAMPLE_ACCOUNTS.prod, 'UPDATE_COMPLETE', 180],
  ];
  return plan.map(([accountId, status, minutes], i) => {
    const recent = accountId === SAMPLE_ACCOUNTS.prod;
    return {
      stackId: `arn:aws:cloudformation:${region}:${accountId}:stack/platform-bootstrap/5a3f0c1e-0000-4000-8000-00000000000${i}`,
      name: 'platform-bootstrap',
      accountId,
      region,
      status,
      lastUpdated: minutesBefore(now, minutes),
      driftStatus: 'IN_SYNC',
      // The outputs of templates/aws-account-bootstrap/cloudformation/platform-bootstrap.yaml;
      // only the shared account holds the Terraform state bucket.
      outputs: {
        DeployRoleArn: `arn:aws:iam::${accountId}:role/terraform-deploy`,
        PortalReadOnlyRoleArn: `arn:aws:iam::${accountId}:role/platform-portal-read`,
        OidcProviderArn: `arn:aws:iam::${accountId}:oidc-provider/token.actions.githubusercontent.com`,
        ...(accountId === SAMPLE_ACCOUNTS.shared
          ? {
              StateBucketName: `tfstate-${accountId}-${region}`,
              StateBucketKmsKeyArn: `arn:aws:kms:${region}:${accountId}:key/5a3f0c1e-0000-4000-8000-0000000000aa`,
            }
          : {}),
      },
      events: recent
        ? [
            {
              at: minutesBefore(now, 180),
              resource: 'platform-bootstrap',
              status: 'UPDATE_COMPLETE',
            },
            {
              at: minutesBefore(now, 181),
              resource: 'platform-bootstrap',
              status: 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
            },
            {
              at: minutesBefore(now, 182),
              resource: 'DeployRole',
              status: 'UPDATE_COMPLETE',
            },
            {
              at: minutesBefore(now, 184),
              resource: 'DeployRole',
              status: 'UPDATE_IN_PROGRESS',
            },
            {
              at: minutesBefore(now, 185),
              resource: 'platform-bootstrap',
              status: 'UPDATE_IN_PROGRESS',
              reason: 'User Initiated',
            },
          ]
        : [],
    };
  });
}
