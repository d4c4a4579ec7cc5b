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

export const SECRET_STORE_IDENTITY_POLICY = 'secretstore-requires-own-identity';

/**
 * A namespaced SecretStore without `auth` reads with the controller's own credentials, which are
 * for the platform namespaces. Outside them, a store must name an identity of its own (its
 * service's role), or any namespace could read the platform's secrets.
 */
export function secretStoreIdentityPolicy() {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: {
      name: SECRET_STORE_IDENTITY_POLICY,
      annotations: waveAnnotations(WAVE.base),
    },
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: {
        resourceRules: [
          {
            apiGroups: ['external-secrets.io'],
            apiVersions: ['*'],
            operations: ['CREATE', 'UPDATE'],
            resources: ['secretstores'],
          },
        ],
      },
      validations: [
        {
          expression:
            '!has(object.spec.provider) || !has(object.spec.provider.aws) || has(object.spec.provider.aws.auth)',
          message:
            'spec.provider.aws.auth is required outside the platform namespaces: the External Secrets controller credentials are for the platform only; name the service account of this service.',
          reason: 'Forbidden',
        },
      ],
    },
  };
}

export function secretStoreIdentityPolicyBinding() {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: {
      name: SECRET_STORE_IDENTITY_POLICY,
      annotations: waveAnnotations(WAVE.base),
    },
    spec: {
      policyName: SECRET_STORE_IDENTITY_POLICY,
      validationActions: ['Deny'],
      matchResources: {
        namespaceSelector: {
          matchExpressions: [
            {
              key: 'kubernetes.io/metadata.name',
              operator: 'NotIn',
              values: [...PLATFORM_NAMESPACES],
            },
          ],
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
    'cluster/secrets/secretstore-identity-policy.yaml': yamlFile(
      [
        'Outside the platform namespaces a SecretStore must name its own identity: without one it',
        "would read with the External Secrets controller's credentials (<env>/platform/*).",
      ],
      [secretStoreIdentityPolicy(), secretStoreIdentityPolicyBinding()],
    ),
  };
}
