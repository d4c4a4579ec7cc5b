import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { renderService } from './__testUtils__/renderService';
import { validForm } from './__testUtils__/serviceFixtures';

/*
 * The delivery workflow's ECR step (A10 of #13): the shared account's repositories must let the
 * workload accounts pull. The script runs against a fake `aws` that records its calls; the
 * policy it sets is parsed as JSON.
 */

const PULL_ACTIONS = [
  'ecr:BatchGetImage',
  'ecr:GetDownloadUrlForLayer',
  'ecr:BatchCheckLayerAvailability',
];

let dir: string;
let script: string;
let workflowEnv: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ecr-script-'));
  const rendered = join(dir, 'repo');
  await renderService(
    {
      ...validForm,
      environments: [
        'resource:default/dev',
        'resource:default/staging',
        'resource:default/prod',
      ],
    },
    rendered,
  );
  script = join(rendered, '.github/scripts/ensure-ecr-repository.sh');
  chmodSync(script, 0o755);
  workflowEnv = parseYaml(
    readFileSync(join(rendered, '.github/workflows/delivery.yaml'), 'utf8'),
  ).env;
  // Answers describe-repositories with $FAKE_MUTABILITY (or "not found"), records every call.
  writeFileSync(
    join(dir, 'aws'),
    [
      '#!/usr/bin/env bash',
      'printf "%s\\0" "$@" >> "$FAKE_AWS_LOG"; printf "\\n" >> "$FAKE_AWS_LOG"',
      'if [ "$2" = describe-repositories ]; then',
      '  [ -n "${FAKE_MUTABILITY:-}" ] || exit 254',
      '  echo "$FAKE_MUTABILITY"',
      'fi',
    ].join('\n'),
    { mode: 0o755 },
  );
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(env: Record<string, string>) {
  const log = join(dir, `calls-${Math.random()}`);
  writeFileSync(log, '');
  const result = spawnSync('bash', [script], {
    env: {
      PATH: `${dir}:${process.env.PATH}`,
      FAKE_AWS_LOG: log,
      REPOSITORY: 'orders-backend',
      ...env,
    },
    encoding: 'utf8',
  });
  const calls = readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(line => line.split('\0').filter(Boolean));
  return { ...result, calls };
}

function policyOf(calls: string[][]) {
  const set = calls.find(c => c[1] === 'set-repository-policy');
  expect(set).toBeDefined();
  return JSON.parse(set![set!.indexOf('--policy-text') + 1]);
}

describe('ensure-ecr-repository.sh', () => {
  it("passes the service's environment accounts from the workflow", () => {
    expect(workflowEnv.PULL_ACCOUNT_IDS.split(' ').sort()).toEqual([
      '000000000003',
      '000000000004',
      '000000000005',
    ]);
  });

  it('creates the repository immutable, scanned and KMS-encrypted, and lets the accounts pull', () => {
    const { status, calls, stderr } = run({
      PULL_ACCOUNT_IDS: workflowEnv.PULL_ACCOUNT_IDS,
    });
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const create = calls.find(c => c[1] === 'create-repository')!;
    expect(create).toEqual(
      expect.arrayContaining([
        'IMMUTABLE',
        'scanOnPush=true',
        'encryptionType=KMS',
      ]),
    );
    expect(policyOf(calls)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'WorkloadAccountsPull',
          Effect: 'Allow',
          Principal: {
            AWS: [
              'arn:aws:iam::000000000003:root',
              'arn:aws:iam::000000000004:root',
              'arn:aws:iam::000000000005:root',
            ],
          },
          Action: PULL_ACTIONS,
        },
      ],
    });
  });

  it('sets the policy on an existing repository too, deduplicating accounts', () => {
    const { status, calls } = run({
      FAKE_MUTABILITY: 'IMMUTABLE',
      PULL_ACCOUNT_IDS: '000000000003,000000000003 000000000005',
    });
    expect(status).toBe(0);
    expect(calls.some(c => c[1] === 'create-repository')).toBe(false);
    expect(policyOf(calls).Statement[0].Principal.AWS).toEqual([
      'arn:aws:iam::000000000003:root',
      'arn:aws:iam::000000000005:root',
    ]);
  });

  it('admits the whole organization with PULL_ORG_ID', () => {
    const { status, calls } = run({ PULL_ORG_ID: 'o-abc123def456' });
    expect(status).toBe(0);
    expect(policyOf(calls).Statement).toEqual([
      {
        Sid: 'OrganizationPull',
        Effect: 'Allow',
        Principal: '*',
        Action: PULL_ACTIONS,
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def456' } },
      },
    ]);
  });

  it.each([
    [{}, /set PULL_ACCOUNT_IDS/],
    [{ PULL_ACCOUNT_IDS: '12345' }, /not a 12-digit account id/],
    [{ PULL_ORG_ID: 'acme' }, /not an organization id/],
  ])('refuses %j before calling AWS', (env, message) => {
    const { status, stderr, calls } = run(env as Record<string, string>);
    expect(status).toBe(1);
    expect(stderr).toMatch(message);
    expect(calls).toEqual([]);
  });

  it('still refuses a repository with mutable tags', () => {
    const { status, stderr, calls } = run({
      FAKE_MUTABILITY: 'MUTABLE',
      PULL_ACCOUNT_IDS: '000000000003',
    });
    expect(status).toBe(1);
    expect(stderr).toMatch(/immutable tags are required/);
    expect(calls.some(c => c[1] === 'set-repository-policy')).toBe(false);
  });
});
