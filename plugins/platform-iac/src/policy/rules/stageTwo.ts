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
