import { EnvironmentRequest } from '../../types';
import { GitOpsOptions, clusterName } from '../options';
import { STORAGE_CLASS, WAVE, clusterArn, onCoreNodes } from './manifests';

/**
 * A Helm chart at a pinned version. `repoURL` is what the Application names and what the
 * AppProject admits; an `oci://` URL names the chart itself (Argo CD 3.1+ OCI sources, path `.`).
 */
export interface PinnedChart {
  repoURL: string;
  chart?: string;
  version: string;
}

/**
 * The charts of stage 2. The CRD schemas under src/validate/crds were extracted at the same
 * versions (external-secrets v2.9.0, aws-load-balancer-controller v3.5.0): bump them together.
 */
export const CHARTS = {
  karpenter: {
    repoURL: 'oci://public.ecr.aws/karpenter/karpenter',
    version: '1.14.1',
  },
  'aws-load-balancer-controller': {
    repoURL: 'https://aws.github.io/eks-charts',
    chart: 'aws-load-balancer-controller',
    version: '3.5.0',
  },
  'external-secrets': {
    repoURL: 'https://charts.external-secrets.io',
    chart: 'external-secrets',
    version: '2.9.0',
  },
  'kube-prometheus-stack': {
    repoURL: 'https://prometheus-community.github.io/helm-charts',
    chart: 'kube-prometheus-stack',
    version: '88.5.3',
  },
} as const satisfies Record<string, PinnedChart>;
export type AddonName = keyof typeof CHARTS;

/**
 * Service accounts that stage 1 associates with an IAM role through EKS Pod Identity: the chart
 * must create exactly these (no role-ARN annotation).
 */
export const POD_IDENTITY_SERVICE_ACCOUNTS = {
  karpenter: { namespace: 'karpenter', name: 'karpenter' },
  'aws-load-balancer-controller': {
    namespace: 'kube-system',
    name: 'aws-load-balancer-controller',
  },
  'external-secrets': {
    namespace: 'external-secrets',
    name: 'external-secrets',
  },
} as const;

interface Addon {
  name: AddonName;
  namespace: string;
  wave: number;
  values: Record<string, unknown>;
  /** Extra Application sync options. */
  syncOptions?: string[];
}

const twoReplicas = { replicas: 2 };

function karpenter(request: EnvironmentRequest): Addon {
  const sa = POD_IDENTITY_SERVICE_ACCOUNTS.karpenter;
  return {
    name: 'karpenter',
    namespace: sa.namespace,
    wave: WAVE.karpenter,
    values: {
      serviceAccount: { create: true, name: sa.name },
      settings: {
        clusterName: clusterName(request),
        // The SQS queue of stage 1 (queue_name of the karpenter module).
        interruptionQueue: `${clusterName(request)}-karpenter`,
      },
      ...twoReplicas,
      // The chart's default PDB (maxUnavailable 1) stays; its affinity keeps the controller off
      // Karpenter's own nodes.
      nodeSelector: {
        'kubernetes.io/os': 'linux',
        ...onCoreNodes().nodeSelector,
      },
      tolerations: onCoreNodes().tolerations,
    },
  };
}

function loadBalancerController(request: EnvironmentRequest): Addon {
  const sa = POD_IDENTITY_SERVICE_ACCOUNTS['aws-load-balancer-controller'];
  return {
    name: 'aws-load-balancer-controller',
    namespace: sa.namespace,
    wave: WAVE.controllers,
    values: {
      clusterName: clusterName(request),
      region: request.region,
      // Nodes allow IMDSv2 with hop limit 1, so the controller cannot read the VPC id from the
      // instance metadata. The chart's `vpcTags` (helm/aws-load-balancer-controller/values.yaml,
      // v3.5.0) becomes the controller flag `--aws-vpc-tags` (templates/deployment.yaml): the
      // VPC is looked up by its Name tag, which stage 1 sets to the environment name.
      vpcTags: { Name: request.name },
      serviceAccount: { create: true, name: sa.name },
      replicaCount: 2,
      podDisruptionBudget: { maxUnavailable: 1 },
      ...onCoreNodes(),
      // IngressClass and IngressClassParams are in cluster/ingress/.
      createIngressClassResource: false,
      ingressClassParams: { create: false },
      // The Service mutator (failurePolicy Fail) would make every new Service wait for this
      // controller; NLBs are asked for explicitly with loadBalancerClass service.k8s.aws/nlb.
      enableServiceMutatorWebhook: false,
    },
  };
}

function externalSecrets(): Addon {
  const sa = POD_IDENTITY_SERVICE_ACCOUNTS['external-secrets'];
  const core = onCoreNodes();
  const pdb = { enabled: true, minAvailable: 1 };
  return {
    name: 'external-secrets',
    namespace: sa.namespace,
    wave: WAVE.controllers,
    // The (Cluster)SecretStore CRDs are far larger than the 256 KiB annotation of client-side apply.
    syncOptions: ['ServerSideApply=true'],
    values: {
      installCRDs: true,
      serviceAccount: { create: true, name: sa.name },
      // Two controllers need leader election.
      leaderElect: true,
      replicaCount: 2,
      podDisruptionBudget: pdb,
      ...core,
      webhook: { replicaCount: 2, podDisruptionBudget: pdb, ...core },
      certController: { replicaCount: 2, podDisruptionBudget: pdb, ...core },
    },
  };
}

function kubePrometheusStack(request: EnvironmentRequest): Addon {
  const prod = request.tier === 'prod';
  const claim = (storage: string) => ({
    volumeClaimTemplate: {
      spec: {
        storageClassName: STORAGE_CLASS,
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage } },
      },
    },
  });
  // No nodeSelector: Prometheus, Grafana and the operator run on Karpenter's general nodes.
  return {
    name: 'kube-prometheus-stack',
    namespace: 'monitoring',
    wave: WAVE.monitoring,
    // Its CRDs exceed the 256 KiB last-applied annotation of client-side apply.
    syncOptions: ['ServerSideApply=true'],
    values: {
      prometheus: {
        prometheusSpec: {
          retention: prod ? '30d' : '10d',
          storageSpec: claim(prod ? '100Gi' : '50Gi'),
        },
      },
      alertmanager: {
        alertmanagerSpec: { replicas: prod ? 2 : 1, storage: claim('10Gi') },
      },
      grafana: {
        persistence: {
          enabled: true,
          storageClassName: STORAGE_CLASS,
          size: '10Gi',
        },
      },
    },
  };
}

export function addons(request: EnvironmentRequest): Addon[] {
  return [
    karpenter(request),
    loadBalancerController(request),
    externalSecrets(),
    kubePrometheusStack(request),
  ];
}

/** Retry without limit: a layer whose CRDs or nodes are not there yet converges once they are. */
export const SYNC_RETRY = {
  limit: -1,
  backoff: { duration: '30s', factor: 2, maxDuration: '5m' },
};

/** The Application of one add-on: a hub object, targeting only this environment's cluster. */
export function addonApplication(
  request: EnvironmentRequest,
  gitops: GitOpsOptions,
  addon: Addon,
) {
  const chart: PinnedChart = CHARTS[addon.name];
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: `${request.name}-${addon.name}`,
      namespace: gitops.namespace,
      annotations: { 'argocd.argoproj.io/sync-wave': String(addon.wave) },
      finalizers: ['resources-finalizer.argocd.argoproj.io'],
    },
    spec: {
      project: request.name,
      source: {
        repoURL: chart.repoURL,
        ...(chart.chart ? { chart: chart.chart } : { path: '.' }),
        targetRevision: chart.version,
        helm: { releaseName: addon.name, valuesObject: addon.values },
      },
      destination: { server: clusterArn(request), namespace: addon.namespace },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        // Namespaces come from the <env>-platform Application (with their Pod Security labels).
        syncOptions: ['CreateNamespace=false', ...(addon.syncOptions ?? [])],
        retry: SYNC_RETRY,
      },
    },
  };
}
