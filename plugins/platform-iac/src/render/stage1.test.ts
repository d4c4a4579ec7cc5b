import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { objectEntries, parseHclBody } from '../policy/hclBody';
import { stripComments } from '../policy/terraformText';
import { cost, network, relative, request } from './__fixtures__/requests';
import { renderEnvironment } from './renderEnvironment';

// Stage 1 (environments/<name>/*.tf and the module library it calls): AWS resources only, and
// the regressions of issue #13 (A1-A9 and the security gaps), on the rendered root and the
// library text.
const LIBRARY_DIR = resolvePath(
  __dirname,
  '../../../../templates/aws-environment/modules',
);

function moduleText(name: string): string {
  return readdirSync(join(LIBRARY_DIR, name))
    .filter(f => f.endsWith('.tf'))
    .map(f => stripComments(readFileSync(join(LIBRARY_DIR, name, f), 'utf8')))
    .join('\n');
}

function render(tier: 'dev' | 'staging' | 'prod', gitops = {}) {
  return relative(
    renderEnvironment({
      request: request(tier),
      network: network(tier),
      cost: cost(tier),
      gitops,
    }),
  );
}

/** The root's `module "<label>"` arguments. */
function rootModule(main: string, label: string): Map<string, string> {
  const block = parseHclBody(stripComments(main)).blocks.find(
    b => b.type === 'module' && b.labels[0] === label,
  );
  if (!block) throw new Error(`no module ${label}`);
  return parseHclBody(block.body).attributes;
}

/** Arguments of the first `module`/`resource` block with these labels in a library module. */
function libraryBlock(module: string, type: string, ...labels: string[]) {
  const block = parseHclBody(moduleText(module)).blocks.find(
    b => b.type === type && labels.every((l, i) => b.labels[i] === l),
  );
  if (!block) throw new Error(`${module}: no ${type} ${labels.join('.')}`);
  return parseHclBody(block.body);
}

const LIBRARY = readdirSync(LIBRARY_DIR);
const KUBERNETES_TYPES =
  /\b(resource|data)\s+"(kubernetes_|helm_|kubectl_)|provider\s+"(kubernetes|helm|kubectl)"|hashicorp\/(kubernetes|helm)|gavinbunney\/kubectl/;

describe('stage 1: AWS only (A1, A2)', () => {
  it.each(['dev', 'staging', 'prod'] as const)(
    'the %s root requires only hashicorp/aws and configures no other provider',
    async tier => {
      const files = render(tier);
      const versions = await parseHcl('versions.tf', files['versions.tf']);
      expect(Object.keys(versions.terraform[0].required_providers[0])).toEqual([
        'aws',
      ]);
      expect(versions.terraform[0].required_providers[0].aws).toEqual({
        source: 'hashicorp/aws',
        version: '>= 6.28, < 7.0',
      });
      expect(Object.keys(versions.provider)).toEqual(['aws']);
      const tf = Object.keys(files).filter(f => f.endsWith('.tf'));
      expect(tf.length).toBeGreaterThan(4);
      expect(tf.filter(f => KUBERNETES_TYPES.test(files[f]))).toEqual([]);
    },
  );

  it.each(LIBRARY)(
    'module %s has no Kubernetes, Helm or kubectl resource or provider',
    m => {
      expect(KUBERNETES_TYPES.test(moduleText(m))).toBe(false);
      expect(moduleText(m)).not.toMatch(/kubernetes_manifest|helm_release/);
    },
  );

  it.each(LIBRARY.filter(m => m !== 'security-baseline'))(
    'module %s requires only hashicorp/aws >= 6.28 (eks 21.19.0 needs it)',
    m => {
      const text = moduleText(m);
      expect(
        [...text.matchAll(/source\s*=\s*"hashicorp\/(\w+)"/g)].map(x => x[1]),
      ).toEqual(['aws']);
      expect(text).toContain('version = ">= 6.28, < 7.0"');
    },
  );

  it("gives the Argo CD hub's role cluster admin on a private-only cluster, and nobody else", async () => {
    const files = render('prod', {
      hubRoleArn: 'arn:aws:iam::999988887777:role/argocd-hub',
    });
    const tfvars = await parseHcl(
      'terraform.tfvars',
      files['terraform.tfvars'],
    );
    expect(tfvars.gitops_hub_role_arn).toBe(
      'arn:aws:iam::999988887777:role/argocd-hub',
    );
    const variables = await parseHcl('variables.tf', files['variables.tf']);
    expect(variables.variable.gitops_hub_role_arn[0].type).toBe('${string}');
    expect(rootModule(files['main.tf'], 'eks').get('gitops_hub_role_arn')).toBe(
      'var.gitops_hub_role_arn',
    );
    const entry = libraryBlock(
      'eks',
      'resource',
      'aws_eks_access_entry',
      'gitops_hub',
    );
    expect(entry.attributes.get('principal_arn')).toBe(
      'var.gitops_hub_role_arn',
    );
    const association = libraryBlock(
      'eks',
      'resource',
      'aws_eks_access_policy_association',
      'gitops_hub',
    );
    expect(association.attributes.get('policy_arn')).toBe(
      '"arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"',
    );
    const eks = libraryBlock('eks', 'module', 'eks').attributes;
    expect(eks.get('endpoint_public_access')).toBe('false');
    expect(eks.get('enable_cluster_creator_admin_permissions')).toBe('false');
    expect(eks.has('access_entries')).toBe(false);
  });

  it('defaults the hub role to argocd-hub-capability in the shared account', async () => {
    const tfvars = await parseHcl(
      'terraform.tfvars',
      render('dev')['terraform.tfvars'],
    );
    expect(tfvars.gitops_hub_role_arn).toBe(
      'arn:aws:iam::999988887777:role/argocd-hub-capability',
    );
  });
});

describe('stage 1: cluster add-ons and identities (A3, A4)', () => {
  const eks = () => libraryBlock('eks', 'module', 'eks').attributes;

  it('installs the EBS CSI driver with a Pod Identity role, and the VPC CNI enforcing NetworkPolicy', () => {
    const addons = objectEntries(eks().get('addons')!);
    expect([...addons.keys()].sort()).toEqual([
      'aws-ebs-csi-driver',
      'coredns',
      'eks-pod-identity-agent',
      'kube-proxy',
      'vpc-cni',
    ]);
    const cni = objectEntries(addons.get('vpc-cni')!);
    expect(cni.get('before_compute')).toBe('true');
    expect(cni.get('configuration_values')).toBe(
      'jsonencode({ enableNetworkPolicy = "true" })',
    );
    expect(
      objectEntries(addons.get('eks-pod-identity-agent')!).get(
        'before_compute',
      ),
    ).toBe('true');
    const ebs = objectEntries(addons.get('aws-ebs-csi-driver')!);
    expect(ebs.get('pod_identity_association')).toMatch(
      /role_arn\s*=\s*aws_iam_role\.ebs_csi\.arn[\s\S]*service_account\s*=\s*local\.ebs_csi_service_account/,
    );
    expect(moduleText('eks')).toContain(
      'ebs_csi_service_account = "ebs-csi-controller-sa"',
    );
    expect(moduleText('eks')).toContain(
      '"arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"',
    );
    // The role may create grants on the environment key for the volumes it encrypts.
    expect(moduleText('eks')).toMatch(
      /kms:CreateGrant[\s\S]*kms:GrantIsForAWSResource/,
    );
  });

  it('binds the fixed namespace/service-account pairs with Pod Identity', () => {
    const pair = (module: string, label: string) => {
      const text = moduleText(module);
      const a = libraryBlock(
        module,
        'resource',
        'aws_eks_pod_identity_association',
        label,
      ).attributes;
      const local = (expr?: string) =>
        new RegExp(`\\b${expr!.replace('local.', '')}\\s*=\\s*"([^"]+)"`).exec(
          text,
        )![1];
      return `${local(a.get('namespace'))}/${local(a.get('service_account'))}`;
    };
    expect(pair('alb-ingress', 'controller')).toBe(
      'kube-system/aws-load-balancer-controller',
    );
    expect(pair('secrets', 'this')).toBe('external-secrets/external-secrets');
    const karpenter = libraryBlock(
      'karpenter',
      'module',
      'karpenter',
    ).attributes;
    expect(karpenter.get('create_pod_identity_association')).toBe('true');
    expect(moduleText('karpenter')).toMatch(
      /variable "namespace"[\s\S]*?default\s*=\s*"karpenter"[\s\S]*variable "service_account"[\s\S]*?default\s*=\s*"karpenter"/,
    );
    expect(karpenter.get('queue_name')).toBe('local.queue_name');
  });

  it('logs every control-plane log type into a log group encrypted with the environment key', () => {
    expect(eks().get('enabled_log_types')).toBe(
      '["api", "audit", "authenticator", "controllerManager", "scheduler"]',
    );
    expect(eks().get('cloudwatch_log_group_kms_key_id')).toBe(
      'var.kms_key_arn',
    );
    expect(rootModule(render('dev')['main.tf'], 'eks').get('kms_key_arn')).toBe(
      'module.security_baseline.kms_key_arn',
    );
  });
});

describe('stage 1: data, edge and network (A8, A9, security gaps)', () => {
  it('names a final snapshot wherever one is taken (A8)', () => {
    const aurora = libraryBlock('database', 'module', 'aurora').attributes;
    expect(aurora.get('skip_final_snapshot')).toBe('false');
    expect(aurora.get('final_snapshot_identifier')).toBe('"${var.name}-final"');
    const rds = libraryBlock('database', 'module', 'rds').attributes;
    expect(rds.get('skip_final_snapshot')).toBe('false');
    expect(rds.get('final_snapshot_identifier_prefix')).toBe('"final"');
  });

  it('runs RDS on gp3 with the major version only, and Aurora with encrypted Performance Insights', () => {
    const rds = libraryBlock('database', 'module', 'rds').attributes;
    expect(rds.get('storage_type')).toBe('"gp3"');
    expect(rds.get('engine_version')).toBe('local.major_version');
    const replica = libraryBlock(
      'database',
      'module',
      'rds_replica',
    ).attributes;
    expect(replica.get('storage_type')).toBe('"gp3"');
    expect(replica.get('engine_version')).toBe('local.major_version');
    const instances = libraryBlock('database', 'locals').attributes.get(
      'aurora_instances',
    )!;
    expect(instances).toMatch(/performance_insights_enabled\s*=\s*true/);
    expect(instances).toMatch(
      /availability_zone\s*=\s*length\(var\.azs\) > 0 \? var\.azs\[i % length\(var\.azs\)\] : null/,
    );
    expect(rootModule(render('prod')['main.tf'], 'database').get('azs')).toBe(
      'var.azs',
    );
    expect(instances).toMatch(
      /performance_insights_kms_key_id\s*=\s*var\.kms_key_arn/,
    );
  });

  it('screens requests against the Amazon IP reputation list', () => {
    expect(
      libraryBlock('waf', 'locals').attributes.get('managed_rule_groups'),
    ).toMatch(/AWSManagedRulesAmazonIpReputationList\s*=\s*5/);
  });

  it('requests the domain and its wildcard, validated in a zone of its own (A9)', async () => {
    const cert = libraryBlock(
      'alb-ingress',
      'resource',
      'aws_acm_certificate',
      'this',
    ).attributes;
    expect(cert.get('subject_alternative_names')).toBe('["*.${var.domain}"]');
    expect(cert.get('validation_method')).toBe('"DNS"');
    const record = libraryBlock(
      'alb-ingress',
      'resource',
      'aws_route53_record',
      'certificate_validation',
    ).attributes;
    expect(record.get('zone_id')).toBe('aws_route53_zone.this.zone_id');
    expect(
      libraryBlock(
        'alb-ingress',
        'resource',
        'aws_route53_zone',
        'this',
      ).attributes.get('name'),
    ).toBe('var.domain');
    // The apply does not wait for validation unless asked to (the zone needs delegating first).
    expect(
      libraryBlock(
        'alb-ingress',
        'resource',
        'aws_acm_certificate_validation',
        'this',
      ).attributes.get('count'),
    ).toMatch(/var\.wait_for_certificate_validation \? 1 : 0/);
    const staging = render('staging');
    expect(
      rootModule(staging['main.tf'], 'alb_ingress').get(
        'wait_for_certificate_validation',
      ),
    ).toBe('var.wait_for_certificate_validation');
    const variables = await parseHcl('variables.tf', staging['variables.tf']);
    expect(variables.variable.wait_for_certificate_validation[0].default).toBe(
      false,
    );
    expect(staging['terraform.tfvars']).not.toContain(
      'wait_for_certificate_validation',
    );
    const outputs = await parseHcl('outputs.tf', staging['outputs.tf']);
    expect(outputs.output.route53_name_servers[0].value).toBe(
      '${module.alb_ingress.route53_name_servers}',
    );
  });

  it('writes ALB access logs to an SSE-S3, private, TLS-only bucket with a lifecycle', async () => {
    const text = moduleText('alb-ingress');
    for (const type of [
      'aws_s3_bucket_public_access_block',
      'aws_s3_bucket_lifecycle_configuration',
      'aws_s3_bucket_ownership_controls',
      'aws_s3_bucket_policy',
    ]) {
      expect(text).toContain(`resource "${type}" "access_logs"`);
    }
    expect(text).toMatch(/sse_algorithm\s*=\s*"AES256"/);
    expect(text).toMatch(/aws:SecureTransport[\s\S]*?values\s*=\s*\["false"\]/);
    expect(text).toContain('logdelivery.elasticloadbalancing.amazonaws.com');
    expect(text).toContain('data.aws_elb_service_account.this.arn');
    const outputs = await parseHcl('outputs.tf', render('prod')['outputs.tf']);
    expect(outputs.output.alb_access_logs_bucket[0].value).toBe(
      '${module.alb_ingress.access_logs_bucket}',
    );
  });

  it('gives the External Secrets role the platform secrets only (<env>/platform/*), never service or master secrets', () => {
    const secrets = rootModule(render('prod')['main.tf'], 'secrets');
    expect(secrets.get('secret_arns')).toBe(
      '["arn:aws:secretsmanager:${var.region}:${var.account_id}:secret:${var.environment}/platform/*"]',
    );
    expect(render('prod')['main.tf']).not.toContain('master_user_secret_arn');
  });

  it('puts every subnet tier behind a dedicated network ACL; databases admit 5432 from private subnets and each other (Multi-AZ, replicas) only', () => {
    const vpc = libraryBlock('vpc', 'module', 'vpc').attributes;
    for (const tier of ['public', 'private', 'database', 'intra']) {
      expect(vpc.get(`${tier}_dedicated_network_acl`)).toBe('true');
      expect(vpc.get(`${tier}_inbound_acl_rules`)).toMatch(/^local\./);
    }
    const locals = libraryBlock('vpc', 'locals').attributes;
    const inbound = locals.get('database_inbound_acl_rules')!;
    expect(inbound).toMatch(/for i, cidr in var\.private_subnets/);
    expect(inbound).toMatch(
      /from_port = 5432, to_port = 5432, cidr_block = cidr/,
    );
    expect(inbound).not.toContain('0.0.0.0/0');
    expect(locals.get('database_outbound_acl_rules')).toMatch(
      /var\.private_subnets/,
    );
    expect(locals.get('database_peer_rules')).toMatch(
      /for i, cidr in var\.database_subnets/,
    );
    expect(inbound).toContain('local.database_peer_rules');
    expect(locals.get('database_outbound_acl_rules')).toContain(
      'local.database_peer_rules',
    );
  });

  it('alarms on the regional WAF metric with its Region dimension', () => {
    const alarm = libraryBlock(
      'observability',
      'resource',
      'aws_cloudwatch_metric_alarm',
      'waf_blocked',
    ).attributes;
    expect(alarm.get('dimensions')).toMatch(/Region\s*=\s*var\.region/);
  });
});
