import fs from 'node:fs';
import path from 'node:path';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { TIERS } from '../types';
import { cost, network, relative, request } from './__fixtures__/requests';
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
      'k8s/ec2nodeclass.yaml',
      'k8s/nodepools.yaml',
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

  it('assumes the deploy role and stores state with native S3 locking', async () => {
    const files = relative(
      renderEnvironment({
        request: request('prod'),
        network: network('prod'),
        cost: cost('prod'),
        deployRoleName: 'platform-apply',
        moduleSourcePrefix: '../../../modules',
      }),
    );
    const versions = await parseHcl('versions.tf', files['versions.tf']);
    expect(versions.provider.aws[0].assume_role[0].role_arn).toBe(
      'arn:aws:iam::222233334444:role/platform-apply',
    );
    const backend = (await parseHcl('backend.tf', files['backend.tf']))
      .terraform[0].backend.s3[0];
    expect(backend).toMatchObject({
      bucket: 'acme-terraform-state',
      key: 'environments/orders-prod/terraform.tfstate',
      region: 'eu-west-1',
      encrypt: true,
      use_lockfile: true,
    });
    const main = await parseHcl('main.tf', files['main.tf']);
    expect(main.module.vpc[0].source).toBe('../../../modules/vpc');
  });

  it('defaults the deploy role to terraform-deploy', async () => {
    const versions = await parseHcl(
      'versions.tf',
      relative(render('dev'))['versions.tf'],
    );
    expect(versions.provider.aws[0].assume_role[0].role_arn).toBe(
      'arn:aws:iam::111122223333:role/terraform-deploy',
    );
  });

  it('renders Spot-first general and On-Demand critical node pools', () => {
    const docs = parseAllDocuments(
      relative(render('dev'))['k8s/nodepools.yaml'],
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
    const docs = parseAllDocuments(relative(files)['k8s/nodepools.yaml']).map(
      d => d.toJS(),
    );
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
      relative(render('prod'))['k8s/ec2nodeclass.yaml'],
    );
    expect(nodeClass.spec.metadataOptions.httpTokens).toBe('required');
    expect(nodeClass.spec.blockDeviceMappings[0].ebs.encrypted).toBe(true);
    expect(nodeClass.spec.amiSelectorTerms).toEqual([
      { alias: 'al2023@latest' },
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
});
