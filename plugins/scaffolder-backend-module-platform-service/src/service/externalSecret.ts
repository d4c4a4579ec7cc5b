/**
 * A careful structural model of `external-secrets.io/v1` ExternalSecret: the kubernetes-models
 * packages ship no v1 schema and the CRD is not installable offline. It covers the fields the
 * chart uses and rejects unknown ones, following the CRD's openAPIV3Schema (v0.16+): required
 * keys, enums and types.
 */

type Problems = string[];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function onlyKeys(
  value: Record<string, unknown>,
  allowed: string[],
  path: string,
  problems: Problems,
) {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      problems.push(`${path}/${key}: unknown field of ExternalSecret v1`);
  }
}

function requireString(
  value: Record<string, unknown>,
  key: string,
  path: string,
  problems: Problems,
  optional = false,
) {
  const v = value[key];
  if (v === undefined && optional) return;
  if (typeof v !== 'string' || v.length === 0)
    problems.push(`${path}/${key}: must be a non-empty string`);
}

const DURATION = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;

function checkRemoteRef(ref: unknown, path: string, problems: Problems) {
  if (!isObject(ref)) {
    problems.push(`${path}: must be an object`);
    return;
  }
  onlyKeys(
    ref,
    [
      'key',
      'property',
      'version',
      'metadataPolicy',
      'conversionStrategy',
      'decodingStrategy',
      'nullBytePolicy',
    ],
    path,
    problems,
  );
  requireString(ref, 'key', path, problems);
  requireString(ref, 'property', path, problems, true);
  requireString(ref, 'version', path, problems, true);
  if (
    ref.metadataPolicy !== undefined &&
    !['None', 'Fetch'].includes(ref.metadataPolicy as string)
  ) {
    problems.push(`${path}/metadataPolicy: must be None or Fetch`);
  }
}

/** Problems of one ExternalSecret document (JSON-pointer-like paths), empty when valid. */
export function validateExternalSecret(doc: unknown): string[] {
  const problems: Problems = [];
  if (!isObject(doc)) return ['/: must be an object'];
  if (doc.apiVersion !== 'external-secrets.io/v1')
    problems.push('/apiVersion: must be external-secrets.io/v1');
  if (doc.kind !== 'ExternalSecret')
    problems.push('/kind: must be ExternalSecret');
  onlyKeys(doc, ['apiVersion', 'kind', 'metadata', 'spec'], '', problems);
  if (!isObject(doc.metadata) || typeof doc.metadata.name !== 'string') {
    problems.push('/metadata/name: is required');
  }
  const spec = doc.spec;
  if (!isObject(spec)) {
    problems.push('/spec: is required');
    return problems;
  }
  onlyKeys(
    spec,
    [
      'secretStoreRef',
      'target',
      'refreshInterval',
      'refreshPolicy',
      'data',
      'dataFrom',
    ],
    '/spec',
    problems,
  );
  if (
    spec.refreshInterval !== undefined &&
    !(
      typeof spec.refreshInterval === 'string' &&
      DURATION.test(spec.refreshInterval)
    )
  ) {
    problems.push('/spec/refreshInterval: must be a duration such as 1h');
  }
  const store = spec.secretStoreRef;
  if (!isObject(store)) {
    problems.push('/spec/secretStoreRef: is required');
  } else {
    onlyKeys(store, ['name', 'kind'], '/spec/secretStoreRef', problems);
    requireString(store, 'name', '/spec/secretStoreRef', problems);
    if (
      store.kind !== undefined &&
      !['SecretStore', 'ClusterSecretStore'].includes(store.kind as string)
    ) {
      problems.push(
        '/spec/secretStoreRef/kind: must be SecretStore or ClusterSecretStore',
      );
    }
  }
  if (spec.target !== undefined) {
    if (!isObject(spec.target)) {
      problems.push('/spec/target: must be an object');
    } else {
      onlyKeys(
        spec.target,
        ['name', 'creationPolicy', 'deletionPolicy', 'template', 'immutable'],
        '/spec/target',
        problems,
      );
      requireString(spec.target, 'name', '/spec/target', problems, true);
      const policy = spec.target.creationPolicy;
      if (
        policy !== undefined &&
        !['Owner', 'Orphan', 'Merge', 'None'].includes(policy as string)
      ) {
        problems.push(
          '/spec/target/creationPolicy: must be Owner, Orphan, Merge or None',
        );
      }
    }
  }
  if (spec.data === undefined && spec.dataFrom === undefined) {
    problems.push('/spec: needs data or dataFrom');
  }
  if (spec.data !== undefined) {
    if (!Array.isArray(spec.data)) {
      problems.push('/spec/data: must be an array');
    } else {
      spec.data.forEach((item, i) => {
        const path = `/spec/data/${i}`;
        if (!isObject(item)) {
          problems.push(`${path}: must be an object`);
          return;
        }
        onlyKeys(item, ['secretKey', 'remoteRef', 'sourceRef'], path, problems);
        requireString(item, 'secretKey', path, problems);
        checkRemoteRef(item.remoteRef, `${path}/remoteRef`, problems);
      });
    }
  }
  return problems;
}
