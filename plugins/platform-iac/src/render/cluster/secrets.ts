import { EnvironmentRequest } from '../../types';
import {
  PLATFORM_NAMESPACES,
  SKIP_DRY_RUN,
  WAVE,
  waveAnnotations,
  yamlFile,
} from './manifests';

export const PLATFORM_SECRET_STORE = 'platform';

/** Secrets Manager names the platform store reads: `<env>/platform/<key>`, nothing else. */
export function platformSecretPrefix(request: EnvironmentRequest): string {
  return `${request.name}/platform/`;
}

export function platformSecretStore(request: EnvironmentRequest) {
  return {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ClusterSecretStore',
    metadata: {
      name: PLATFORM_SECRET_STORE,
      annotations: waveAnnotations(WAVE.classes, SKIP_DRY_RUN),
    },
    spec: {
      // ExternalSecrets of other namespaces cannot use this store.
      conditions: [{ namespaces: [...PLATFORM_NAMESPACES] }],
      provider: {
        aws: {
          service: 'SecretsManager',
          region: request.region,
          // Every key is read as <env>/platform/<key>: the database master secret (rds!...)
          // and <env>/<service>/ secrets are out of reach. No auth block: the controller's own
          // Pod Identity credentials, whose policy (stage 1) is limited to the same prefix.
          prefix: platformSecretPrefix(request),
        },
      },
    },
  };
}

/** `cluster/secrets/` files relative to the environment root. */
export function renderSecretManifests(
  request: EnvironmentRequest,
): Record<string, string> {
  return {
    'cluster/secrets/clustersecretstore.yaml': yamlFile(
      [
        `The one cluster-wide store: Secrets Manager names under ${platformSecretPrefix(
          request,
        )}, for the platform namespaces (${PLATFORM_NAMESPACES.join(
          ', ',
        )}) only.`,
        'Services get namespaced SecretStores of their own, created with each service;',
        'no store of this environment reads the database master secret.',
      ],
      [platformSecretStore(request)],
    ),
  };
}
