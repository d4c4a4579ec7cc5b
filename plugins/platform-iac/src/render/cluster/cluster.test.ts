import { Tier } from '../../types';
import { request } from '../__fixtures__/requests';
import { POD_IDENTITY_SERVICE_ACCOUNTS } from './addons';
import { PINNED_AL2023_RELEASE } from './karpenter';
import { CORE_NODE_LABELS, CORE_NODE_TAINT_KEY, SYNC_WAVE } from './manifests';
import { addon, docs, one, render } from './__testUtils__/stage2';

const withSpot = (tier: Tier, allowSpot: boolean) => {
  const base = request(tier);
  return {
    kubernetes: {
      ...base.kubernetes,
      karpenter: { ...base.kubernetes.karpenter, allowSpot },
    },
  };
};

/** Pod specs of each add-on's values that must land on the core node group. */
function corePodSpecs(files: Record<string, string>) {
  const values = (name: string) =>
    addon(files, name).spec.source.helm.valuesObject;
  const eso = values('external-secrets');
  return {
    karpenter: values('karpenter'),
    'aws-load-balancer-controller': values('aws-load-balancer-controller'),
    'external-secrets': eso,
    'external-secrets webhook': eso.webhook,
    'external-secrets cert controller': eso.certController,
  };
}

describe('stage 2: cluster/ and gitops/', () => {
  it('replaces k8s/ with cluster/ and gitops/', () => {
    const files = Object.keys(render('dev'));
    expect(files.filter(f => f.startsWith('k8s/'))).toEqual([]);
    expect(files.filter(f => /^(cluster|gitops)\//.test(f)).sort()).toEqual([
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
    ]);
  });

  it.each(['dev', 'prod'] as const)(
    'puts Karpenter, the load balancer controller and External Secrets on the core nodes (%s)',
    tier => {
      for (const [name, spec] of Object.entries(corePodSpecs(render(tier)))) {
        expect([name, spec.nodeSelector]).toEqual([
          name,
          expect.objectContaining(CORE_NODE_LABELS),
        ]);
        expect([name, spec.tolerations]).toEqual([
          name,
          expect.arrayContaining([
            { key: CORE_NODE_TAINT_KEY, operator: 'Exists' },
          ]),
        ]);
      }
    },
  );

  it('leaves no add-on without a node to land on', () => {
    const files = render('prod');
    const pools = docs(files, 'cluster/karpenter/nodepools.yaml');
    // A Karpenter pool a pod can use: its labels satisfy the selector, its taints are tolerated.
    const poolFor = (
      selector: Record<string, string> = {},
      tolerations: any[] = [],
    ) =>
      pools.find(
        p =>
          Object.entries(selector).every(
            ([k, v]) =>
              p.spec.template.metadata.labels[k] === v ||
              k === 'kubernetes.io/os',
          ) &&
          (p.spec.template.spec.taints ?? []).every((t: any) =>
            tolerations.some(o => o.key === t.key),
          ),
      );
    const onCore = (spec: any) =>
      Object.entries(CORE_NODE_LABELS).every(
        ([k, v]) => spec.nodeSelector?.[k] === v,
      ) && spec.tolerations?.some((t: any) => t.key === CORE_NODE_TAINT_KEY);
    for (const name of [
      'karpenter',
      'aws-load-balancer-controller',
      'external-secrets',
      'kube-prometheus-stack',
    ]) {
      const values = addon(files, name).spec.source.helm.valuesObject;
      for (const spec of [values, values.webhook, values.certController].filter(
        Boolean,
      )) {
        expect([
          name,
          onCore(spec) || !!poolFor(spec.nodeSelector, spec.tolerations),
        ]).toEqual([name, true]);
      }
    }
    // Karpenter must not wait for the nodes it creates.
    expect(
      onCore(addon(files, 'karpenter').spec.source.helm.valuesObject),
    ).toBe(true);
  });

  it('orders the layers by sync wave across cluster/ and the hub Applications', () => {
    const files = render('prod');
    const wave = (o: any) => Number(o.metadata.annotations[SYNC_WAVE]);
    const layers = [
      [
        wave(one(files, 'Namespace', 'karpenter')),
        wave(one(files, 'StorageClass')),
      ],
      [wave(addon(files, 'karpenter'))],
      [
        wave(one(files, 'NodePool', 'general')),
        wave(one(files, 'EC2NodeClass')),
      ],
      [
        wave(addon(files, 'aws-load-balancer-controller')),
        wave(addon(files, 'external-secrets')),
      ],
      [
        wave(one(files, 'IngressClassParams')),
        wave(one(files, 'IngressClass')),
        wave(one(files, 'ClusterSecretStore')),
      ],
      [wave(addon(files, 'kube-prometheus-stack'))],
    ];
    for (let i = 1; i < layers.length; i++) {
      expect(Math.min(...layers[i])).toBeGreaterThan(
        Math.max(...layers[i - 1]),
      );
    }
    // Registration first, so Applications find their project and cluster.
    expect(wave(one(files, 'Secret'))).toBeLessThan(layers[0][0]);
    expect(wave(one(files, 'AppProject'))).toBeLessThan(layers[0][0]);
    // Custom resources whose CRDs arrive with a chart skip the dry run.
    for (const kind of [
      'NodePool',
      'EC2NodeClass',
      'IngressClassParams',
      'ClusterSecretStore',
    ]) {
      const o = one(files, kind, kind === 'NodePool' ? 'critical' : undefined);
      expect([
        kind,
        o.metadata.annotations['argocd.argoproj.io/sync-options'],
      ]).toEqual([kind, 'SkipDryRunOnMissingResource=true']);
    }
    // Charts whose CRDs exceed client-side apply's 256 KiB annotation.
    for (const name of ['kube-prometheus-stack', 'external-secrets']) {
      expect([name, addon(files, name).spec.syncPolicy.syncOptions]).toEqual([
        name,
        expect.arrayContaining(['ServerSideApply=true']),
      ]);
    }
  });

  it('gives prod Spot first with On-Demand fallback in the general pool, critical stays On-Demand', () => {
    const [general, critical] = docs(
      render('prod', withSpot('prod', true)),
      'cluster/karpenter/nodepools.yaml',
    );
    const capacity = (pool: any) =>
      pool.spec.template.spec.requirements.find(
        (r: any) => r.key === 'karpenter.sh/capacity-type',
      ).values;
    expect(capacity(general)).toEqual(['spot', 'on-demand']);
    expect(capacity(critical)).toEqual(['on-demand']);
    const [onDemandOnly] = docs(
      render('prod', withSpot('prod', false)),
      'cluster/karpenter/nodepools.yaml',
    );
    expect(capacity(onDemandOnly)).toEqual(['on-demand']);
  });

  it('encrypts node and persistent volumes with the environment key alias', () => {
    const files = render('prod');
    const alias = 'arn:aws:kms:eu-west-1:222233334444:alias/orders-prod';
    const nodeClass = one(files, 'EC2NodeClass');
    expect(nodeClass.spec.blockDeviceMappings[0].ebs).toMatchObject({
      encrypted: true,
      kmsKeyID: alias,
    });
    expect(one(files, 'StorageClass')).toMatchObject({
      metadata: {
        name: 'gp3',
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
      },
      provisioner: 'ebs.csi.aws.com',
      parameters: { type: 'gp3', encrypted: 'true', kmsKeyId: alias },
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
    });
    const kps = addon(files, 'kube-prometheus-stack').spec.source.helm
      .valuesObject;
    expect(
      kps.prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec
        .storageClassName,
    ).toBe('gp3');
    expect(
      kps.alertmanager.alertmanagerSpec.storage.volumeClaimTemplate.spec
        .storageClassName,
    ).toBe('gp3');
    expect(kps.grafana.persistence).toMatchObject({
      enabled: true,
      storageClassName: 'gp3',
    });
  });

  it('pins the AMI release everywhere but dev', () => {
    const alias = (tier: Tier) =>
      one(render(tier), 'EC2NodeClass').spec.amiSelectorTerms;
    expect(alias('dev')).toEqual([{ alias: 'al2023@latest' }]);
    for (const tier of ['staging', 'prod'] as const) {
      expect(alias(tier)).toEqual([
        { alias: `al2023@${PINNED_AL2023_RELEASE}` },
      ]);
    }
    expect(PINNED_AL2023_RELEASE).toMatch(/^v20\d{6}$/);
  });

  it('targets only this cluster from the hub, with no credentials', () => {
    const files = render('staging');
    const arn = 'arn:aws:eks:eu-west-1:111122223333:cluster/orders-staging';
    const secret = one(files, 'Secret');
    expect(secret.metadata.labels).toEqual({
      'argocd.argoproj.io/secret-type': 'cluster',
    });
    expect(secret.stringData).toEqual({
      name: 'orders-staging',
      server: arn,
      project: 'orders-staging',
    });
    const project = one(files, 'AppProject');
    expect(project.metadata).toMatchObject({
      name: 'orders-staging',
      namespace: 'argocd',
    });
    expect(project.spec.destinations).toEqual([
      { server: arn, namespace: '*' },
    ]);
    expect(project.spec.sourceRepos).toContain('https://github.com/acme/infra');
    expect(project.spec.sourceRepos.some((r: string) => r.includes('*'))).toBe(
      false,
    );
    const apps = Object.keys(files)
      .filter(f => f.startsWith('gitops/'))
      .flatMap(f => docs(files, f))
      .filter(d => d.kind === 'Application');
    expect(apps).toHaveLength(5);
    for (const app of apps) {
      expect([
        app.metadata.name,
        app.metadata.namespace,
        app.spec.project,
        app.spec.destination.server,
      ]).toEqual([app.metadata.name, 'argocd', 'orders-staging', arn]);
      expect(project.spec.sourceRepos).toContain(app.spec.source.repoURL);
      expect(app.spec.syncPolicy.automated).toEqual({
        prune: true,
        selfHeal: true,
      });
      expect(app.spec.syncPolicy.retry.limit).toBeLessThan(0);
    }
    const root = apps.find(a => a.metadata.name === 'orders-staging-platform');
    expect(root.spec.source).toEqual({
      repoURL: 'https://github.com/acme/infra',
      targetRevision: 'main',
      path: 'environments/orders-staging/cluster',
      directory: { recurse: true },
    });
    // Helm sources are pinned to exact versions.
    for (const app of apps.filter(a => a !== root)) {
      expect(app.spec.source.targetRevision).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  it('configures each controller for Pod Identity, the cluster and its queue', () => {
    const files = render('prod');
    const values = (name: string) =>
      addon(files, name).spec.source.helm.valuesObject;
    for (const [name, sa] of Object.entries(POD_IDENTITY_SERVICE_ACCOUNTS)) {
      const app = addon(files, name);
      expect([
        name,
        app.spec.destination.namespace,
        values(name).serviceAccount,
      ]).toEqual([name, sa.namespace, { create: true, name: sa.name }]);
    }
    expect(values('karpenter').settings).toEqual({
      clusterName: 'orders-prod',
      interruptionQueue: 'orders-prod-karpenter',
    });
    expect(values('aws-load-balancer-controller')).toMatchObject({
      clusterName: 'orders-prod',
      region: 'eu-west-1',
      vpcTags: { Name: 'orders-prod' },
      replicaCount: 2,
      podDisruptionBudget: { maxUnavailable: 1 },
      enableServiceMutatorWebhook: false,
    });
    expect(values('external-secrets')).toMatchObject({
      replicaCount: 2,
      leaderElect: true,
      podDisruptionBudget: { enabled: true },
      webhook: { replicaCount: 2, podDisruptionBudget: { enabled: true } },
    });
    expect(values('karpenter').replicas).toBe(2);
    expect(Object.values(files).join('\n')).not.toContain(
      'eks.amazonaws.com/role-arn',
    );
  });

  it('renders the IngressClassParams with the web ACL by name and ACM discovery', () => {
    const files = render('prod');
    const params = one(files, 'IngressClassParams');
    expect(params.spec).toMatchObject({
      scheme: 'internet-facing',
      group: { name: 'orders-prod' },
      wafv2AclName: 'orders-prod',
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
    });
    expect(params.spec).not.toHaveProperty('certificateArn');
    expect(params.spec.loadBalancerAttributes).toEqual(
      expect.arrayContaining([
        { key: 'access_logs.s3.enabled', value: 'true' },
        {
          key: 'access_logs.s3.bucket',
          value: 'orders-prod-alb-logs-222233334444-eu-west-1',
        },
        { key: 'deletion_protection.enabled', value: 'true' },
        {
          key: 'routing.http.drop_invalid_header_fields.enabled',
          value: 'true',
        },
      ]),
    );
    expect(one(files, 'IngressClass')).toMatchObject({
      metadata: {
        name: 'alb',
        annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' },
      },
      spec: {
        controller: 'ingress.k8s.aws/alb',
        parameters: { name: 'orders-prod' },
      },
    });
  });
});
