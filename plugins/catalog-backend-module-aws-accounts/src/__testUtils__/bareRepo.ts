import { LocalInfrastructureRepository } from '@platform-portal/platform-node';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Test-only: a local infrastructure repository whose base branch also holds `files`. */
export async function bareRepoWith(
  files: Record<string, string>,
): Promise<string> {
  const repo = join(
    mkdtempSync(join(tmpdir(), 'aws-accounts-repo-')),
    'infrastructure.git',
  );
  // As the record action does locally: one commit straight onto the base branch.
  await new LocalInfrastructureRepository(repo).proposeChange({
    branch: 'main',
    files,
    commitMessage: 'test records',
    pullRequest: { title: 'test records', body: '' },
  });
  return repo;
}

export const devRecord = (accountId = '000000000003') =>
  JSON.stringify({
    account: 'dev-account',
    accountId,
    region: 'eu-west-1',
    stackName: 'platform-bootstrap',
    stackId: `arn:aws:cloudformation:eu-west-1:${accountId}:stack/platform-bootstrap/1`,
    outputs: {
      ApplyRoleArn: `arn:aws:iam::${accountId}:role/terraform-apply`,
      OidcProviderArn: `arn:aws:iam::${accountId}:oidc-provider/token.actions.githubusercontent.com`,
      PermissionsBoundaryArn: `arn:aws:iam::${accountId}:policy/platform-bootstrap/platform-workload-boundary`,
      PlanRoleArn: `arn:aws:iam::${accountId}:role/terraform-plan`,
      PortalReadOnlyRoleArn: `arn:aws:iam::${accountId}:role/platform-portal-read`,
    },
  });
