import type { EnvironmentRequest, PolicyResult } from '../../types';
import { Manifest, manifestsOfKind } from '../environmentFiles';
import { result } from '../requestChecks';

const name = (m: Manifest) =>
  `${m.path}: ${m.doc.kind} ${m.doc.metadata?.name ?? '?'}`;

/**
 * `pinned-ami-in-prod`: prod nodes run an AMI version chosen on purpose, so a new AMI reaches
 * prod only through a change (Karpenter drifts every node to a new `@latest` on its own).
 */
export function pinnedAmiInProd(
  request: EnvironmentRequest,
  manifests: Manifest[],
): PolicyResult {
  const classes = manifestsOfKind(manifests, 'EC2NodeClass');
  const prod = request.tier === 'prod';
  const floating = classes.filter(m => {
    const terms: any[] = m.doc.spec?.amiSelectorTerms ?? [];
    return (
      terms.length === 0 ||
      terms.some(
        t => !t?.id && !t?.name && !/@v\d+$/.test(String(t?.alias ?? '')),
      )
    );
  });
  const problems: string[] = [];
  if (prod && classes.length === 0) problems.push('no EC2NodeClass rendered');
  for (const m of prod ? floating : []) {
    problems.push(
      `${name(m)} selects a floating AMI (${JSON.stringify(
        m.doc.spec?.amiSelectorTerms ?? [],
      )}); pin a version, e.g. al2023@v20250715`,
    );
  }
  return result(
    'pinned-ami-in-prod',
    'error',
    problems.length === 0,
    prod
      ? 'prod EC2NodeClasses pin their AMI version'
      : `floating AMIs are allowed in ${request.tier}`,
    `pinned-ami-in-prod: ${problems.join('; ')}`,
  );
}

/**
 * `secret-store-scope`: a ClusterSecretStore serves every namespace unless its conditions say
 * otherwise, so one without conditions lets any namespace read every secret the External Secrets
 * role can read, the database master credentials included.
 */
export function secretStoreScope(manifests: Manifest[]): PolicyResult {
  const open = manifestsOfKind(manifests, 'ClusterSecretStore').filter(m => {
    const conditions: any[] = m.doc.spec?.conditions ?? [];
    return (
      conditions.length === 0 ||
      conditions.some(
        c =>
          !c?.namespaces?.length &&
          !c?.namespaceSelector &&
          !c?.namespaceRegexes?.length,
      )
    );
  });
  return result(
    'secret-store-scope',
    'error',
    open.length === 0,
    'every ClusterSecretStore is limited to named namespaces',
    `secret-store-scope: ${open
      .map(name)
      .join(
        '; ',
      )} must limit spec.conditions to the namespaces that may read it`,
  );
}

/**
 * `default-storage-class` (A4): one default StorageClass, gp3 through the EBS CSI driver,
 * encrypted with the environment key (EKS 1.30+ has no default class).
 */
export function defaultStorageClass(
  request: EnvironmentRequest,
  manifests: Manifest[],
): PolicyResult {
  const defaults = manifestsOfKind(manifests, 'StorageClass').filter(
    m =>
      String(
        m.doc.metadata?.annotations?.[
          'storageclass.kubernetes.io/is-default-class'
        ],
      ) === 'true',
  );
  const problems =
    defaults.length !== 1
      ? [`${defaults.length} default StorageClasses rendered (expected 1)`]
      : [];
  for (const m of defaults) {
    const p = m.doc.parameters ?? {};
    if (m.doc.provisioner !== 'ebs.csi.aws.com')
      problems.push(`${name(m)} provisioner must be ebs.csi.aws.com`);
    if (p.type !== 'gp3') problems.push(`${name(m)} must use type gp3`);
    if (String(p.encrypted) !== 'true')
      problems.push(`${name(m)} must set encrypted "true"`);
    if (!String(p.kmsKeyId ?? '').endsWith(`:alias/${request.name}`)) {
      problems.push(
        `${name(m)} kmsKeyId must be the environment key alias/${request.name}`,
      );
    }
  }
  return result(
    'default-storage-class',
    'error',
    problems.length === 0,
    'one default StorageClass: encrypted gp3 with the environment key',
    `default-storage-class: ${problems.join('; ')}`,
  );
}

/**
 * Charts that must run before any Karpenter node exists, and the values paths of their pods:
 * they go on the core managed node group (decision 4).
 */
const CORE_CHARTS: Record<string, string[]> = {
  karpenter: [''],
  'aws-load-balancer-controller': [''],
  'external-secrets': ['', 'webhook', 'certController'],
};

/** The chart of an Argo CD source: `chart`, or the last segment of an OCI `repoURL` (`path: .`). */
function chartOf(source: any): string | undefined {
  if (source?.chart) return source.chart;
  const url = String(source?.repoURL ?? '');
  return url.startsWith('oci://') ? url.split('/').pop() : undefined;
}

function placementProblem(values: any, path: string): string | undefined {
  const pod = path ? values?.[path] : values;
  const tolerates = (pod?.tolerations ?? []).some(
    (t: any) =>
      t?.key === 'CriticalAddonsOnly' &&
      (t.operator === 'Exists' ||
        (t.operator === 'Equal' && t.value === 'true')),
  );
  if (pod?.nodeSelector?.['workload-class'] === 'core' && tolerates)
    return undefined;
  return `${
    path || 'the chart'
  } needs nodeSelector workload-class: core and a CriticalAddonsOnly toleration`;
}

/**
 * `core-addons-placement` (A3): Karpenter, the load balancer controller and External Secrets
 * (with its webhook and cert controller) are scheduled on the tainted core node group; without
 * it they stay Pending, no node is ever provisioned and the webhooks reject new objects.
 */
export function coreAddonsPlacement(manifests: Manifest[]): PolicyResult {
  const sources = manifestsOfKind(manifests, 'Application').flatMap(app =>
    [app.doc.spec?.source, ...(app.doc.spec?.sources ?? [])]
      .filter(Boolean)
      .map((source: any) => ({ app, source })),
  );
  const problems: string[] = [];
  for (const [chart, paths] of Object.entries(CORE_CHARTS)) {
    const found = sources.find(({ source }) => chartOf(source) === chart);
    if (!found) {
      problems.push(`no Argo CD Application installs the ${chart} chart`);
      continue;
    }
    const { app, source } = found;
    const values = source.helm?.valuesObject;
    for (const path of paths) {
      const problem = placementProblem(values, path);
      if (problem) problems.push(`${name(app)} (${chart}): ${problem}`);
    }
  }
  return result(
    'core-addons-placement',
    'error',
    problems.length === 0,
    'Karpenter, the load balancer controller and External Secrets run on the core node group',
    `core-addons-placement: ${problems.join('; ')}`,
  );
}

/** Every `storageClassName` value anywhere in a document. */
function storageClassNames(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(storageClassNames);
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) =>
    k === 'storageClassName' && typeof v === 'string'
      ? [v]
      : storageClassNames(v),
  );
}

/**
 * `storage-class-exists` (A4): every StorageClass that stage 2 asks for (PVCs, chart values) is
 * one stage 2 creates, so volumes do not stay Pending.
 */
export function storageClassExists(manifests: Manifest[]): PolicyResult {
  const classes = new Set(
    manifestsOfKind(manifests, 'StorageClass').map(m => m.doc.metadata?.name),
  );
  const missing = manifests.flatMap(m =>
    storageClassNames(m.doc)
      .filter(c => !classes.has(c))
      .map(c => `${name(m)} asks for StorageClass "${c}"`),
  );
  return result(
    'storage-class-exists',
    'error',
    missing.length === 0,
    'every StorageClass stage 2 asks for is rendered',
    `storage-class-exists: ${[...new Set(missing)].join('; ')} (rendered: ${
      [...classes].join(', ') || 'none'
    })`,
  );
}
