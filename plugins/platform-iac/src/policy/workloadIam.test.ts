import { readFileSync } from 'fs';
import { join } from 'path';
import { PINNED_MODULE_INPUTS } from '../data';
import type { EnvironmentRequest } from '../types';
import { MODULE_IAM_INPUTS, namedInputs } from './moduleIamInputs';
import { workloadIamCheck, workloadIamProblems } from './workloadIam';

const fixture = (name: string) =>
  readFileSync(join(__dirname, '__fixtures__', 'workload-iam', name), 'utf8');
const ROOT = fixture('main.tf');
const LIBRARY = fixture('app-roles.tf');

const ROOT_PATH = 'environments/orders/main.tf';
const LIBRARY_PATH = 'modules/app-roles/main.tf';

const request = {
  name: 'orders',
  account: { name: 'workloads-prod', accountId: '123456789012' },
} as EnvironmentRequest;

function problems(root = ROOT, library = LIBRARY, extra = {}): string[] {
  return workloadIamProblems(request, {
    [ROOT_PATH]: root,
    [LIBRARY_PATH]: library,
    ...extra,
  });
}

/** Replaces `from` once, failing the test if the fixture no longer contains it. */
function edit(text: string, from: string | RegExp, to: string): string {
  const changed = text.replace(from, to);
  expect(changed).not.toBe(text);
  return changed;
}

describe('workloadIamProblems', () => {
  it('passes the fixtures, which create IAM in every way the check knows', () => {
    expect(problems()).toEqual([]);
  });

  // [case, edit from, edit to, expected message, number of problems]
  it.each<[string, string | RegExp, string, RegExp, number]>([
    [
      'a role without boundary',
      /permissions_boundary = local\.workload_boundary_arn\n {2}assume/,
      'assume',
      /main.tf: resource "aws_iam_role" "flow_log" must set permissions_boundary = "arn:aws:iam::123456789012:policy\/platform-bootstrap\/platform-workload-boundary"/,
      1,
    ],
    [
      'a role outside the path',
      'name_prefix          = "flow-log-"\n  path                 = "/platform/workloads/"',
      'name_prefix = "flow-log-"\n  path = "/"',
      /resource "aws_iam_role" "flow_log" must set path = "\/platform\/workloads\/"/,
      1,
    ],
    [
      'a policy outside the path',
      'name   = "reader"\n  path   = "/platform/workloads/"',
      'name = "reader"',
      /resource "aws_iam_policy" "reader" must set path/,
      1,
    ],
    [
      "another account's boundary",
      'iam_role_permissions_boundary = "arn:aws:iam::123456789012:',
      'iam_role_permissions_boundary = "arn:aws:iam::999999999999:',
      /module "eks": eks_managed_node_groups.core must set iam_role_permissions_boundary/,
      1,
    ],
    [
      'a root local naming another policy (every use of it fails)',
      'policy/platform-bootstrap/platform-workload-boundary"\n}',
      'policy/AdministratorAccess"\n}',
      /module "app_roles" must set permissions_boundary_arn/,
      7,
    ],
    [
      'a node group without path',
      /(core = \{[\s\S]*?)iam_role_path\s+= "[^"]*"\n/,
      '$1',
      /eks_managed_node_groups.core must set iam_role_path = "\/platform\/workloads\/"/,
      1,
    ],
    [
      'the cluster role without boundary',
      'iam_role_permissions_boundary = local.workload_boundary_arn\n  encryption_policy_path',
      'encryption_policy_path',
      /module "eks" must set iam_role_permissions_boundary/,
      1,
    ],
    [
      'the encryption policy outside the path',
      'encryption_policy_path        = "/platform/workloads/"',
      '',
      /module "eks" must set encryption_policy_path/,
      1,
    ],
    [
      'EKS Auto Mode without its node role placed',
      'encryption_config             = { resources = ["secrets"] }',
      'compute_config = { enabled = true }',
      /module "eks" must set node_iam_role_permissions_boundary[\s\S]*module "eks" must set node_iam_role_path/,
      2,
    ],
    [
      'the Karpenter node role outside the path',
      'node_iam_role_path                 = "/platform/workloads/"',
      '',
      /module "karpenter" must set node_iam_role_path/,
      1,
    ],
    [
      'the Karpenter controller policy outside the path',
      'iam_policy_path                    = "/platform/workloads/"',
      'iam_policy_path = "/"',
      /module "karpenter" must set iam_policy_path/,
      1,
    ],
    [
      'the IRSA policy outside the path',
      'policy_path          = "/platform/workloads/"',
      '',
      /module "irsa" must set policy_path/,
      1,
    ],
    [
      'the Aurora monitoring role without boundary',
      /(module "aurora"[\s\S]*?)iam_role_permissions_boundary = local\.workload_boundary_arn/,
      '$1',
      /module "aurora" must set iam_role_permissions_boundary/,
      1,
    ],
    [
      "rds/aws's monitoring role",
      'create_monitoring_role = false',
      'create_monitoring_role = true',
      /module "rds" must not set create_monitoring_role: terraform-aws-modules\/rds\/aws cannot put/,
      1,
    ],
    [
      "vpc/aws's flow-log role",
      'create_flow_log_cloudwatch_iam_role = false',
      'create_flow_log_cloudwatch_iam_role = true',
      /module "vpc" must not set create_flow_log_cloudwatch_iam_role/,
      1,
    ],
    [
      'a module whose IAM is unknown',
      'terraform-aws-modules/rds/aws"',
      'cloudposse/rds/aws"',
      /module "rds": cloudposse\/rds\/aws is not a module whose IAM resources are known/,
      1,
    ],
    [
      'a local module not given the boundary',
      '  permissions_boundary_arn = local.workload_boundary_arn\n}',
      '}',
      /module "app_roles" must set permissions_boundary_arn = "arn:aws:iam::123456789012:/,
      1,
    ],
    [
      'a commented-out boundary',
      '  permissions_boundary_arn = local.workload_boundary_arn\n}',
      '  # permissions_boundary_arn = local.workload_boundary_arn\n}',
      /module "app_roles" must set permissions_boundary_arn/,
      1,
    ],
    [
      'an IAM user',
      'resource "aws_iam_policy" "reader"',
      'resource "aws_iam_user" "ci" {\n  name = "ci"\n}\n\nresource "aws_iam_policy" "reader"',
      /resource "aws_iam_user" "ci": terraform-apply may not create IAM users/,
      1,
    ],
  ])('fails %s', (_, from, to, message, count) => {
    const found = problems(edit(ROOT, from, to));
    expect(found.join('\n')).toMatch(message);
    expect(found).toHaveLength(count);
  });

  it('fails a library role that is not given the boundary by its caller', () => {
    const library = edit(
      LIBRARY,
      'permissions_boundary = var.permissions_boundary_arn',
      'permissions_boundary = var.boundary',
    );
    expect(problems(ROOT, library)).toEqual([
      'modules/app-roles/main.tf: resource "aws_iam_role" "app" must set permissions_boundary = var.permissions_boundary_arn or "arn:aws:iam::123456789012:policy/platform-bootstrap/platform-workload-boundary"',
    ]);
  });

  it('fails a library instance profile outside the path', () => {
    const library = edit(
      LIBRARY,
      /(profile[\s\S]*?)path = "[^"]*"/,
      '$1path = "/karpenter/"',
    );
    expect(problems(ROOT, library)).toEqual([
      'modules/app-roles/main.tf: resource "aws_iam_instance_profile" "app" must set path = "/platform/workloads/"',
    ]);
  });

  it('accepts var.permissions_boundary_arn only in the module library', () => {
    const root = ROOT.replace(
      /local\.workload_boundary_arn/g,
      'var.permissions_boundary_arn',
    );
    expect(problems(root).length).toBeGreaterThan(5);
    expect(problems(root).every(p => p.startsWith(ROOT_PATH))).toBe(true);
  });

  it('checks every module library file, called or not, but no other environment', () => {
    const broken = LIBRARY.replace(/permissions_boundary = .*/, '');
    expect(
      problems(ROOT, LIBRARY, { 'modules/unused/main.tf': broken }),
    ).toEqual([
      'modules/unused/main.tf: resource "aws_iam_role" "app" must set permissions_boundary = var.permissions_boundary_arn or "arn:aws:iam::123456789012:policy/platform-bootstrap/platform-workload-boundary"',
    ]);
    expect(
      problems(ROOT, LIBRARY, { 'environments/other/main.tf': broken }),
    ).toEqual([]);
  });
});

describe('workloadIamCheck', () => {
  it('passes with a message naming the rule', () => {
    expect(workloadIamCheck(request, { [ROOT_PATH]: ROOT })).toEqual({
      id: 'workload-iam',
      severity: 'error',
      passed: true,
      message:
        'every IAM role carries the workload permissions boundary and the path /platform/workloads/',
    });
  });

  it('lists at most five problems and counts the rest', () => {
    const policies = Array.from(
      { length: 7 },
      (_, i) => `resource "aws_iam_policy" "p${i}" {\n  name = "p${i}"\n}\n`,
    ).join('\n');
    const check = workloadIamCheck(request, {
      [ROOT_PATH]: ROOT,
      'modules/jobs/main.tf': policies,
    });
    expect(check.passed).toBe(false);
    expect(check.message.split('; ')).toHaveLength(6);
    expect(check.message).toMatch(
      /^modules\/jobs\/main.tf: resource "aws_iam_policy" "p0" must set path[\s\S]*"p4" must set path = "\/platform\/workloads\/"; and 2 more$/,
    );
  });
});

describe('MODULE_IAM_INPUTS', () => {
  it('covers exactly the pinned registry modules', () => {
    expect(Object.keys(MODULE_IAM_INPUTS).sort()).toEqual(
      Object.keys(PINNED_MODULE_INPUTS).sort(),
    );
  });

  it.each(Object.entries(MODULE_IAM_INPUTS))(
    'names only declared inputs of %s',
    (source, rule) => {
      const declared = new Set(PINNED_MODULE_INPUTS[source].inputs);
      expect(namedInputs(rule).filter(i => !declared.has(i))).toEqual([]);
    },
  );
});
