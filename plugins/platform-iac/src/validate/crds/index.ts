import Ajv, { ValidateFunction } from 'ajv';
import ingressClassParams from './elbv2.k8s.aws_v1beta1_IngressClassParams.json';
import clusterSecretStore from './external-secrets.io_v1_ClusterSecretStore.json';
import externalSecret from './external-secrets.io_v1_ExternalSecret.json';
import secretStore from './external-secrets.io_v1_SecretStore.json';

/** One served version of a CustomResourceDefinition: its openAPIV3Schema without descriptions. */
export interface VendoredCrd {
  group: string;
  version: string;
  kind: string;
  scope: string;
  schema: Record<string, unknown>;
}

/**
 * Custom resources of stage 2 that no kubernetes-models package covers (the external-secrets
 * models lack external-secrets.io/v1): validated against the CRD of the chart version that
 * stage 2 pins. Sources and how to refresh them: README.md next to this file.
 */
export const VENDORED_CRDS: VendoredCrd[] = [
  clusterSecretStore,
  secretStore,
  externalSecret,
  ingressClassParams,
];

export function vendoredCrd(
  apiVersion: unknown,
  kind: unknown,
): VendoredCrd | undefined {
  return VENDORED_CRDS.find(
    crd => `${crd.group}/${crd.version}` === apiVersion && crd.kind === kind,
  );
}

/**
 * An unknown field is a typo in generated output (and kubectl's default strict field validation
 * refuses it), so an object schema that lists its properties admits no others, unless it
 * preserves unknown fields or declares additionalProperties itself.
 */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    // Property names are data, not schemas: recurse into their values only.
    out[key] =
      key === 'properties' && value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value).map(([name, s]) => [name, strict(s)]),
          )
        : strict(value);
  }
  if (
    out.properties &&
    !('additionalProperties' in out) &&
    out['x-kubernetes-preserve-unknown-fields'] !== true
  ) {
    out.additionalProperties = false;
  }
  return out;
}

// OpenAPI keywords (nullable, x-kubernetes-*) and formats such as int32 are not JSON Schema:
// non-strict mode ignores them instead of refusing the schema.
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const compiled = new Map<VendoredCrd, ValidateFunction>();

export interface CrdError {
  instancePath: string;
  message: string;
}

/** Validates one document against its CRD; an empty list when it is valid. */
export function validateAgainstCrd(crd: VendoredCrd, doc: unknown): CrdError[] {
  let validate = compiled.get(crd);
  if (!validate) {
    validate = ajv.compile(strict(crd.schema) as Record<string, unknown>);
    compiled.set(crd, validate);
  }
  if (validate(doc)) return [];
  return (validate.errors ?? []).map(e => ({
    instancePath: e.instancePath,
    message:
      e.keyword === 'additionalProperties'
        ? `unknown field ${JSON.stringify(
            (e.params as { additionalProperty: string }).additionalProperty,
          )}`
        : e.message ?? 'invalid',
  }));
}
