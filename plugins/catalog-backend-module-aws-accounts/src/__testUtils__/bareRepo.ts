import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Test-only: a bare git repository whose `branch` holds exactly `files`. */
export function bareRepoWith(
  files: Record<string, string>,
  branch = 'main',
): string {
  const repo = join(
    mkdtempSync(join(tmpdir(), 'aws-accounts-repo-')),
    'infrastructure.git',
  );
  const git = (args: string[], input?: string) =>
    execFileSync('git', ['--git-dir', repo, ...args], {
      input,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'test',
        GIT_AUTHOR_EMAIL: 'test@example.com',
        GIT_COMMITTER_NAME: 'test',
        GIT_COMMITTER_EMAIL: 'test@example.com',
      },
    }).trim();
  execFileSync('git', [
    'init',
    '--bare',
    '--quiet',
    `--initial-branch=${branch}`,
    repo,
  ]);
  const index = join(repo, 'test-index');
  for (const [path, content] of Object.entries(files)) {
    const blob = git(['hash-object', '-w', '--stdin'], content);
    execFileSync(
      'git',
      [
        '--git-dir',
        repo,
        'update-index',
        '--add',
        '--cacheinfo',
        `100644,${blob},${path}`,
      ],
      {
        env: { ...process.env, GIT_INDEX_FILE: index },
      },
    );
  }
  const tree = execFileSync('git', ['--git-dir', repo, 'write-tree'], {
    env: { ...process.env, GIT_INDEX_FILE: index },
    encoding: 'utf8',
  }).trim();
  const commit = git(['commit-tree', tree, '-m', 'test'], undefined);
  git(['update-ref', `refs/heads/${branch}`, commit]);
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
      DeployRoleArn: `arn:aws:iam::${accountId}:role/terraform-deploy`,
      OidcProviderArn: `arn:aws:iam::${accountId}:oidc-provider/token.actions.githubusercontent.com`,
      PortalReadOnlyRoleArn: `arn:aws:iam::${accountId}:role/platform-portal-read`,
    },
  });
