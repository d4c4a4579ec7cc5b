import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { planSubnets } from '../cidr';
import { request as fixtureRequest } from '../render/__fixtures__/requests';
import type { EnvironmentRequest, PolicyResult, Tier } from '../types';
import { loadTree } from './__fixtures__/loadTree';
import { checkEnvironmentPolicies } from './checkEnvironmentPolicies';
import { STAGE_CHECK_IDS, stageChecks } from './rules';

/** The passing environment, and each rule's broken copy of one of its files. */
const STAGES = join(__dirname, '__fixtures__', 'stages');
const PASS = loadTree(join(STAGES, 'pass'));
const broken = (id: string) => ({
  ...PASS,
  ...loadTree(join(STAGES, 'fail', id)),
});
const request = (tier: Tier = 'prod'): EnvironmentRequest =>
  fixtureRequest(tier, { name: 'orders' });
const NETWORK = planSubnets('10.1.0.0/16', [
  'eu-west-1a',
  'eu-west-1b',
  'eu-west-1c',
]);

const failed = (results: PolicyResult[]) =>
  results.filter(r => !r.passed).map(r => `${r.id}: ${r.message}`);
const byId = (results: PolicyResult[], id: string) =>
  results.find(r => r.id === id)!;

describe('stage checks (issue #13 policy rules)', () => {
  it('pass the fixture environment, in a stable order, as part of checkEnvironmentPolicies', () => {
    const results = stageChecks(request(), PASS);
    expect(results.map(r => r.id)).toEqual([...STAGE_CHECK_IDS]);
    expect(failed(results)).toEqual([]);
    const all = checkEnvironmentPolicies(request(), NETWORK, PASS).map(
      r => r.id,
    );
    expect(all).toEqual(expect.arrayContaining([...STAGE_CHECK_IDS]));
  });

  it('have exactly one broken copy per rule', () => {
    expect(readdirSync(join(STAGES, 'fail')).sort()).toEqual(
      [...STAGE_CHECK_IDS].sort(),
    );
  });

  it.each([...STAGE_CHECK_IDS])(
    '%s fails on its broken copy, naming the rule and the file; no other rule fails',
    id => {
      const overlay = loadTree(join(STAGES, 'fail', id));
      const results = stageChecks(request(), broken(id));
      const result = byId(results, id);
      expect(result).toMatchObject({ passed: false, severity: 'error' });
      expect(result.message.startsWith(`${id}: `)).toBe(true);
      // The message points at the broken file.
      expect(result.message).toContain(Object.keys(overlay)[0]);
      expect(failed(results).map(f => f.split(':')[0])).toEqual([id]);
    },
  );

  it('fails every stage check when main.tf is missing', () => {
    const { ['environments/orders/main.tf']: _, ...rest } = PASS;
    const results = stageChecks(request(), rest);
    expect(
      results.every(
        r => !r.passed && /main\.tf was not rendered/.test(r.message),
      ),
    ).toBe(true);
  });
});

describe('stage check details', () => {
  it('iam-name-length: an explicit name over 64 characters fails with its computed length', () => {
    const file = 'modules/cluster/karpenter.tf';
    const long = PASS[file].replace(
      '"${var.name}-karpenter-node"',
      '"${var.name}-karpenter-node-role-of-the-default-node-class-in-this-cluster"',
    );
    const result = byId(
      stageChecks(request(), { ...PASS, [file]: long }),
      'iam-name-length',
    );
    expect(result.passed).toBe(false);
    expect(result.message).toContain(
      'modules/cluster/karpenter.tf: module.karpenter (node role) = "orders-karpenter-node-role-of-the-default-node-class-in-this-cluster" is 68 characters',
    );
  });

  it('iam-name-length: name_prefix on an aws_iam_role fails', () => {
    const file = 'modules/cluster/eks.tf';
    const prefixed = PASS[file].replace(
      'name               = "${var.name}-ebs-csi"',
      'name_prefix        = "${var.name}-ebs-csi-"',
    );
    expect(prefixed).not.toBe(PASS[file]);
    const result = byId(
      stageChecks(request(), { ...PASS, [file]: prefixed }),
      'iam-name-length',
    );
    expect(result.message).toContain(
      'aws_iam_role.ebs_csi = "orders-ebs-csi-" uses name_prefix',
    );
  });

  it('iam-name-length: a module policy left to its name_prefix default fails', () => {
    const file = 'modules/cluster/karpenter.tf';
    const prefixed = PASS[file].replace(
      /\n\s*iam_policy_use_name_prefix\s*=\s*false/,
      '',
    );
    expect(prefixed).not.toBe(PASS[file]);
    const result = byId(
      stageChecks(request(), { ...PASS, [file]: prefixed }),
      'iam-name-length',
    );
    expect(result.message).toBe(
      'iam-name-length: modules/cluster/karpenter.tf: module.karpenter (controller policy) = "orders-karpenter-controller" uses name_prefix (names must be explicit)',
    );
  });

  it('iam-names-per-environment: a node group left to its module default name collides across environments', () => {
    const file = 'modules/cluster/eks.tf';
    const unnamed = PASS[file].replace(
      '      iam_role_name            = "${var.name}-core-node"\n',
      '',
    );
    const result = byId(
      stageChecks(request(), { ...PASS, [file]: unnamed }),
      'iam-names-per-environment',
    );
    expect(result.message).toContain(
      'eks_managed_node_groups.core (node group role) = "core-eks-node-group"',
    );
  });

  it('final-snapshot: the rds/aws module needs its prefix, a plain aws_rds_cluster its identifier', () => {
    const file = 'modules/data/main.tf';
    const text = `${PASS[file].replace(
      '  final_snapshot_identifier_prefix = "final"\n',
      '',
    )}\nresource "aws_rds_cluster" "x" {\n  cluster_identifier = "x"\n}\n`;
    const result = byId(
      stageChecks(request(), { ...PASS, [file]: text }),
      'final-snapshot',
    );
    expect(result.message).toContain(
      'module.rds takes a final snapshot (skip_final_snapshot = false) without final_snapshot_identifier_prefix',
    );
    expect(result.message).toContain(
      'aws_rds_cluster.x takes a final snapshot (skip_final_snapshot = false (default))',
    );
  });

  it('kms-key-policy-services: EBS through Karpenter needs kms:ViaService ec2', () => {
    const file = 'modules/baseline/main.tf';
    const text = PASS[file].replace(
      '        "ec2.${var.region}.amazonaws.com",\n',
      '',
    );
    const result = byId(
      stageChecks(request(), { ...PASS, [file]: text }),
      'kms-key-policy-services',
    );
    expect(result.message).toContain(
      'kms:ViaService ec2.<region>.amazonaws.com (EBS), used by environments/orders/cluster/ec2nodeclass.yaml: EC2NodeClass default',
    );
  });

  it('kms-key-policy-services: reads inline jsonencode policies and wildcard regions', () => {
    const file = 'modules/baseline/main.tf';
    const inline = `resource "aws_kms_key" "main" {
  policy = jsonencode({
    Statement = [
      { Principal = { Service = ["logs.eu-west-1.amazonaws.com", "cloudwatch.amazonaws.com"] } },
      { Principal = { AWS = "arn:aws:iam::1:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling" } },
      {
        Condition = { StringLike = { "kms:ViaService" = ["ec2.*.amazonaws.com", "rds.*.amazonaws.com", "secretsmanager.*.amazonaws.com"] } }
      },
    ]
  })
}

resource "aws_kms_alias" "main" {
  name          = "alias/\${var.name}"
  target_key_id = aws_kms_key.main.key_id
}

output "kms_key_arn" {
  value = aws_kms_key.main.arn
}
`;
    const ok = stageChecks(request(), { ...PASS, [file]: inline });
    expect(byId(ok, 'kms-key-policy-services').passed).toBe(true);
    const without = inline.replace(', "cloudwatch.amazonaws.com"', '');
    const bad = stageChecks(request(), { ...PASS, [file]: without });
    expect(byId(bad, 'kms-key-policy-services').message).toContain(
      'aws_kms_key.main policy does not allow cloudwatch.amazonaws.com, used by modules/data/main.tf: aws_sns_topic.alarms',
    );
  });

  it('kms-key-policy-services: follows locals and for-expressions over a literal list', () => {
    const file = 'modules/baseline/main.tf';
    const listed = `values = [
        "ec2.\${var.region}.amazonaws.com",
        "rds.\${var.region}.amazonaws.com",
        "secretsmanager.\${var.region}.amazonaws.com",
      ]`;
    expect(PASS[file]).toContain(listed);
    const viaLocal = (services: string) =>
      `${PASS[file].replace(listed, 'values = local.via_services')}
locals {
  via_services = [for s in [${services}] : "\${s}.\${var.region}.amazonaws.com"]
}
`;
    const all = viaLocal('"ec2", "rds", "secretsmanager"');
    expect(
      byId(
        stageChecks(request(), { ...PASS, [file]: all }),
        'kms-key-policy-services',
      ).passed,
    ).toBe(true);
    const noRds = viaLocal('"ec2", "secretsmanager"');
    expect(
      byId(
        stageChecks(request(), { ...PASS, [file]: noRds }),
        'kms-key-policy-services',
      ).message,
    ).toContain('does not allow kms:ViaService rds.<region>.amazonaws.com');
  });

  it('alb-access-logs: SSE-KMS on the log bucket fails (ALB log delivery supports SSE-S3 only)', () => {
    const file = 'modules/edge/main.tf';
    const text = PASS[file].replace(
      'sse_algorithm = "AES256"',
      'sse_algorithm = "aws:kms"',
    );
    const result = byId(
      stageChecks(request(), { ...PASS, [file]: text }),
      'alb-access-logs',
    );
    expect(result.message).toContain('uses SSE-KMS');
  });

  it('pinned-ami-in-prod: floating AMIs are allowed outside prod', () => {
    expect(
      byId(
        stageChecks(request('dev'), broken('pinned-ami-in-prod')),
        'pinned-ami-in-prod',
      ).passed,
    ).toBe(true);
  });

  it('certificate-dns-validation: a request that brings its own certificate needs none in stage 1', () => {
    const { ['modules/edge/main.tf']: _, ...rest } = PASS;
    const own = {
      ...request(),
      ingress: {
        domain: 'orders.example.com',
        certificateArn: 'arn:aws:acm:eu-west-1:1:certificate/x',
      },
    };
    expect(
      byId(stageChecks(own, rest), 'certificate-dns-validation').passed,
    ).toBe(true);
    const none = { ...request(), ingress: { domain: 'orders.example.com' } };
    expect(
      byId(stageChecks(none, rest), 'certificate-dns-validation').message,
    ).toBe(
      'certificate-dns-validation: stage 1 requests no certificate and the request names none',
    );
  });
});
