import fs from 'node:fs';
import path from 'node:path';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { TIERS } from '../types';
import { cost, network, relative, request } from './__fixtures__/requests';
import { PINNED_AL2023_RELEASE } from './cluster/karpenter';
import { renderEnvironment } from './renderEnvironment';

const GOLDEN_ROOT = path.join(__dirname, '__fixtures__', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
// The suffix keeps prettier and editors from reformatting the goldens.
const SUFFIX = '.golden';

function render(tier: (typeof TIERS)[number]) {
  return renderEnvironment({
    request: request(tier),
    network: network(tier),
    cost: cost(tier),
  });
}

function readTree(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, {
    recursive: true,
    withFileTypes: true,
  })) {
    if (!entry.isFile() || !entry.name.endsWith(SUFFIX)) continue;
    const full = path.join(entry.parentPath, entry.name);
    const file = path.relative(dir, full).slice(0, -SUFFIX.length);
    out[file.split(path.sep).join('/')] = fs.readFileSync(full, 'utf8');
  }
  return out;
}

describe('renderEnvironment golden files', () => {
  it.each(['dev', 'staging', 'prod'] as const)('renders the %s root', tier => {
    const files = render(tier);
    const dir = path.join(GOLDEN_ROOT, tier);
    if (UPDATE) {
      fs.rmSync(dir, { recursive: true, force: true });
      for (const [file, content] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, `${file}${SUFFIX}`)), {
          recursive: true,
        });
        fs.writeFileSync(path.join(dir, `${file}${SUFFIX}`), content);
      }
    }
    const golden = readTree(dir);
    expect(Object.keys(golden).length).toBeGreaterThan(0); // run once with UPDATE_GOLDEN=1
    expect(Object.keys(files).sort()).toEqual(Object.keys(golden).sort());
    for (const [file, content] of Object.entries(files)) {
      expect(`${file}\n${content}`).toEqual(`${file}\n${golden[file]}`);
    }
  });
});

describe('renderEnvironment', () => {
  it('writes every file under environments/<name>/', () => {
    const files = render('dev');
    expect(Object.keys(relative(files)).sort()).toEqual([
      'README.md',
      'backend.tf',
      'catalog-info.yaml',
      'cluster/ingress/ingressclass.yaml',
      'cluster/karpenter/ec2nodeclass.yaml',
      'cluster/karpenter/nodepools.yaml',
      'cluster/namespaces.yaml',
      'cluster/secrets/clustersecretstore.yaml',
      'cluster/secrets/secretstore-identity-policy.yaml',
      'cluster/storage/storageclass.yaml',
      'gitops/addons/aws-load-balancer-controller.yaml',
      'gitops/addons/external-secrets.yaml',
      'gitops/addons/karpenter.yaml',
      'gitops/addons/kube-prometheus-stack.yaml',
      'gitops/cluster.yaml',
      'gitops/platform.yaml',
      'gitops/project.yaml',
      'main.tf',
      'outputs.tf',
      'terraform.tfvars',
      'variables.tf',
      'versions.tf',
    ]);
    expect(
      Object.keys(files).every(f => f.startsWith('environments/orders-dev/')),
    ).toBe(true);
  });

  it("assumes the pipeline phase's role and reads state with the pipeline's own credentials", async () => {
    const files = relative(
      renderEnvironment({
        request: request('prod'),
        network: network('prod'),
        cost: cost('prod'),
        moduleSourcePrefix: '../../../modules',
      }),
    );
    const versions = await parseHcl('versions.tf', files['versions.tf']);
    const roleArn = 'arn:aws:iam::222233334444:role/${var.pipeline_role_name}';
    expect(versions.provider.aws[0].assume_role[0].role_arn).toBe(roleArn);
    // Stage 1 has no Kubernetes or Helm provider: nothing there talks to the cluster.
    expect(Object.keys(versions.provider)).toEqual(['aws']);
    expect(files['versions.tf']).not.toContain('--role-arn');
    const backend = (await parseHcl('backend.tf', files['backend.tf']))
      .terraform[0].backend.s3[0];
    expect(backend).toEqual({
      bucket: 'acme-terraform-state',
      key: 'environments/orders-prod/terraform.tfstate',
      region: 'eu-west-1',
      encrypt: true,
      use_lockfile: true,
    });
    const main = await parseHcl('main.tf', files['main.tf']);
    expect(main.module.vpc[0].source).toBe('../../../modules/vpc');
  });

  it('assumes no role when the target is the shared account the pipeline runs in', async () => {
    const base = request('dev');
    const files = relative(
      renderEnvironment({
        request: {
          ...base,
          state: { ...base.state, accountId: base.account.accountId },
        },
        network: network('dev'),
        cost: cost('dev'),
      }),
    );
    const versions = await parseHcl('versions.tf', files['versions.tf']);
    expect(versions.provider.aws[0]).not.toHaveProperty('assume_role');
    expect(versions.provider.aws[0].allowed_account_ids).toEqual([
      '111122223333',
    ]);
    expect(files['versions.tf']).not.toContain('--role-arn');
    expect(files['versions.tf']).toContain(
      '# The target is the shared account: the pipeline already runs here as terraform-plan or terraform-apply.',
    );
  });

  it('defaults pipeline_role_name to terraform-plan and leaves it out of tfvars', async () => {
    const files = relative(render('dev'));
    const variables = await parseHcl('variables.tf', files['variables.tf']);
    const role = variables.variable.pipeline_role_name[0];
    expect(role.default).toBe('terraform-plan');
    expect(role.validation[0].condition).toBe(
      '${contains(["terraform-plan", "terraform-apply"], var.pipeline_role_name)}',
    );
    const tfvars = await parseHcl(
      'terraform.tfvars',
      files['terraform.tfvars'],
    );
    expect(tfvars.account_id).toBe('111122223333');
    expect(tfvars).not.toHaveProperty('pipeline_role_name');
  });

  it('gives every module that creates roles the boundary of the target account', async () => {
    const main = await parseHcl('main.tf', relative(render('dev'))['main.tf']);
    const locals = main.locals[0];
    expect(locals.workload_boundary_arn).toBe(
      'arn:aws:iam::${var.account_id}:policy/platform-bootstrap/platform-workload-boundary',
    );
    expect(locals.pipeline_role_arns).toEqual({
      plan: 'arn:aws:iam::${var.account_id}:role/terraform-plan',
      apply: 'arn:aws:iam::${var.account_id}:role/terraform-apply',
    });
    const withBoundary = Object.entries(main.module)
      .filter(([, [body]]: any) => 'permissions_boundary_arn' in body)
      .map(([label, [body]]: any) => [label, body.permissions_boundary_arn])
      .sort();
    expect(withBoundary).toEqual(
      [
        'alb_ingress',
        'database',
        'eks',
        'karpenter',
        'secrets',
        'vpc',
        'workload_identity',
      ].map(label => [label, '${local.workload_boundary_arn}']),
    );
    expect(main.module.eks[0].pipeline_role_arns).toBe(
      '${local.pipeline_role_arns}',
    );
  });

  it('renders Spot-first general and On-Demand critical node pools', () => {
    const docs = parseAllDocuments(
      relative(render('dev'))['cluster/karpenter/nodepools.yaml'],
    ).map(d => d.toJS());
    const [general, critical] = docs;
    const req = (pool: any, key: string) =>
      pool.spec.template.spec.requirements.find((r: any) => r.key === key);
    expect(req(general, 'karpenter.sh/capacity-type').values).toEqual([
      'spot',
      'on-demand',
    ]);
    expect(req(general, 'kubernetes.io/arch').values).toEqual([
      'amd64',
      'arm64',
    ]);
    expect(req(general, 'karpenter.k8s.aws/instance-generation')).toEqual({
      key: 'karpenter.k8s.aws/instance-generation',
      operator: 'Gt',
      values: ['5'],
    });
    expect(general.spec.limits.cpu).toBe('64');
    expect(general.spec.disruption.budgets).toEqual([{ nodes: '10%' }]);
    expect(req(critical, 'karpenter.sh/capacity-type').values).toEqual([
      'on-demand',
    ]);
    expect(critical.spec.template.spec.taints).toEqual([
      { key: 'workload-class', value: 'critical', effect: 'NoSchedule' },
    ]);
  });

  it('keeps the general pool On-Demand and amd64 when Spot and Graviton are off', () => {
    const base = request('staging');
    const files = renderEnvironment({
      request: {
        ...base,
        kubernetes: {
          ...base.kubernetes,
          karpenter: {
            ...base.kubernetes.karpenter,
            allowSpot: false,
            allowGraviton: false,
          },
        },
      },
      network: network('staging'),
      cost: cost('staging'),
    });
    const docs = parseAllDocuments(
      relative(files)['cluster/karpenter/nodepools.yaml'],
    ).map(d => d.toJS());
    const reqs = docs[0].spec.template.spec.requirements;
    expect(
      reqs.find((r: any) => r.key === 'karpenter.sh/capacity-type').values,
    ).toEqual(['on-demand']);
    expect(
      reqs.find((r: any) => r.key === 'kubernetes.io/arch').values,
    ).toEqual(['amd64']);
  });

  it('requires IMDSv2 and encrypted volumes on Karpenter nodes', () => {
    const nodeClass = parseYaml(
      relative(render('prod'))['cluster/karpenter/ec2nodeclass.yaml'],
    );
    expect(nodeClass.spec.metadataOptions.httpTokens).toBe('required');
    expect(nodeClass.spec.blockDeviceMappings[0].ebs.encrypted).toBe(true);
    expect(nodeClass.spec.amiSelectorTerms).toEqual([
      { alias: `al2023@${PINNED_AL2023_RELEASE}` },
    ]);
    expect(
      nodeClass.spec.subnetSelectorTerms[0].tags['karpenter.sh/discovery'],
    ).toBe('orders-prod');
  });

  it('renders a catalog Resource depending on the account', () => {
    const entity = parseYaml(relative(render('prod'))['catalog-info.yaml']);
    expect(entity).toMatchObject({
      kind: 'Resource',
      metadata: {
        name: 'orders-prod',
        annotations: {
          'aws.amazon.com/account-id': '222233334444',
          'aws.amazon.com/region': 'eu-west-1',
          'platform-portal.io/tier': 'prod',
          'platform-portal.io/vpc-cidr': '10.32.0.0/16',
          'platform-portal.io/domain': 'orders-prod.example.com',
          'platform-portal.io/ingress-class': 'alb',
        },
      },
      spec: {
        type: 'environment',
        owner: 'group:default/team-orders',
        dependsOn: ['resource:default/workloads-prod'],
      },
    });
    expect(entity.metadata.tags).toContain('prod');
  });

  it('documents subnets per AZ and the cost estimate', () => {
    const readme = relative(render('prod'))['README.md'];
    expect(readme).toContain(
      '| eu-west-1b | 10.32.1.0/24 | 10.32.64.0/19 | 10.32.4.0/24 | 10.32.7.0/24 |',
    );
    expect(readme).toContain('| NAT gateway | 3 | $35.04 | $105.12 |');
    expect(readme).toContain('prices as of 2025-06-01');
  });

  it('tells how the environment comes up, in order, without kubectl', () => {
    const readme = relative(
      renderEnvironment({
        request: request('staging'),
        network: network('staging'),
        cost: cost('staging'),
        gitops: {
          hubRoleArn: 'arn:aws:iam::999988887777:role/argocd-hub',
          repoUrl: 'https://github.com/acme/infra',
          project: 'environments',
        },
      }),
    )['README.md'];
    expect(readme).not.toMatch(/kubectl apply|k8s\//);
    const section = readme.slice(
      readme.indexOf('## How this environment comes up, in order'),
    );
    expect(section).not.toBe(readme);
    const steps = [
      '1. **Pull request**',
      '2. **Merge**',
      '3. **Registration**',
      '4. **Inside the cluster**',
      '5. **DNS**',
    ];
    const at = steps.map(s => section.indexOf(s));
    expect(at.every(i => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    for (const text of [
      'terraform-plan',
      'terraform-apply',
      'vpc-cni (NetworkPolicy enforced), aws-ebs-csi-driver, eks-pod-identity-agent, coredns and kube-proxy',
      'arn:aws:iam::999988887777:role/argocd-hub',
      'https://github.com/acme/infra',
      'arn:aws:eks:eu-west-1:111122223333:cluster/orders-staging',
      '`route53_name_servers`',
      'root Application in project `environments`',
      'IAM Identity Center',
      'public endpoint restricted by CIDR',
    ]) {
      expect(section).toContain(text);
    }
  });
});
