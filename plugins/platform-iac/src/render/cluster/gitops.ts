import { EnvironmentRequest } from '../../types';
import { GitOpsOptions } from '../options';
import { CHARTS, SYNC_RETRY, addonApplication, addons } from './addons';
import { WAVE, clusterArn, waveAnnotations, yamlFile } from './manifests';

/** Where the `<env>-platform` Application reads the in-cluster manifests. */
export function clusterPath(request: EnvironmentRequest): string {
  return `environments/${request.name}/cluster`;
}

/**
 * Registers the environment's cluster with the hub. The EKS Argo CD capability identifies a
 * cluster by its ARN and authenticates as its capability role, which stage 1 gives an access
 * entry: no token, no CA data, nothing secret in this Secret.
 */
export function clusterSecret(
  request: EnvironmentRequest,
  gitops: GitOpsOptions,
) {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: `cluster-${request.name}`,
      namespace: gitops.namespace,
      labels: { 'argocd.argoproj.io/secret-type': 'cluster' },
      annotations: waveAnnotations(WAVE.registration),
    },
    type: 'Opaque',
    stringData: {
      name: request.name,
      server: clusterArn(request),
      // Only the environment's own project may deploy to it.
      project: request.name,
    },
  };
}

/** Sources admitted by the project: the infrastructure repository and the pinned charts. */
export function projectSourceRepos(gitops: GitOpsOptions): string[] {
  return [gitops.repoUrl, ...Object.values(CHARTS).map(c => c.repoURL)];
}

export function appProject(request: EnvironmentRequest, gitops: GitOpsOptions) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: {
      name: request.name,
      namespace: gitops.namespace,
      annotations: waveAnnotations(WAVE.registration),
    },
    spec: {
      description: `Stage 2 of environment ${request.name} (${request.tier}, ${request.account.accountId}/${request.region})`,
      sourceRepos: projectSourceRepos(gitops),
      // This cluster only; never the hub itself.
      destinations: [{ server: clusterArn(request), namespace: '*' }],
      // The charts install CRDs, webhooks and cluster roles; namespaces and the StorageClass are ours.
      clusterResourceWhitelist: [{ group: '*', kind: '*' }],
    },
  };
}

/** The in-cluster manifests under cluster/, in their own sync waves. */
export function platformApplication(
  request: EnvironmentRequest,
  gitops: GitOpsOptions,
) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: `${request.name}-platform`,
      namespace: gitops.namespace,
      annotations: { 'argocd.argoproj.io/sync-wave': String(WAVE.base) },
      finalizers: ['resources-finalizer.argocd.argoproj.io'],
    },
    spec: {
      project: request.name,
      source: {
        repoURL: gitops.repoUrl,
        targetRevision: gitops.revision,
        path: clusterPath(request),
        directory: { recurse: true },
      },
      destination: { server: clusterArn(request) },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        syncOptions: ['CreateNamespace=false'],
        retry: SYNC_RETRY,
      },
    },
  };
}

/** `gitops/` files relative to the environment root: what the hub's root Application applies. */
export function renderGitOpsManifests(
  request: EnvironmentRequest,
  gitops: GitOpsOptions,
): Record<string, string> {
  const files: Record<string, string> = {
    'gitops/cluster.yaml': yamlFile(
      [
        `Registers cluster ${request.name} with the Argo CD hub (namespace ${gitops.namespace}).`,
        'No credentials: the hub capability role has an EKS access entry on the cluster (stage 1).',
      ],
      [clusterSecret(request, gitops)],
    ),
    'gitops/project.yaml': yamlFile(
      [
        `Project ${request.name}: deploys only to this cluster, only from the infrastructure repository and the pinned charts.`,
      ],
      [appProject(request, gitops)],
    ),
    'gitops/platform.yaml': yamlFile(
      [
        `Syncs ${clusterPath(
          request,
        )}/ (namespaces, StorageClass, NodePools, IngressClass, secret store).`,
      ],
      [platformApplication(request, gitops)],
    ),
  };
  for (const addon of addons(request)) {
    const chart = CHARTS[addon.name];
    files[`gitops/addons/${addon.name}.yaml`] = yamlFile(
      [
        `${addon.name} ${chart.version} from ${chart.repoURL}, into namespace ${addon.namespace} of ${request.name}.`,
      ],
      [addonApplication(request, gitops, addon)],
    );
  }
  return files;
}
