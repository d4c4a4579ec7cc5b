import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  KubernetesValidatorFunctions,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { FleetSnapshot } from '@platform-portal/plugin-aws-insights-common';
import {
  assignEntityNames,
  InsightsResourceType,
  NameableResource,
  slugify,
} from './entityNames';

import {
  AWS_ACCOUNT_ID_ANNOTATION,
  AWS_ARN_ANNOTATION,
  AWS_NAME_ANNOTATION,
  AWS_REGION_ANNOTATION,
  ENVIRONMENT_ANNOTATION,
} from '@platform-portal/platform-common';

export {
  AWS_ACCOUNT_ID_ANNOTATION,
  AWS_ARN_ANNOTATION,
  AWS_NAME_ANNOTATION,
  AWS_REGION_ANNOTATION,
  ENVIRONMENT_ANNOTATION,
};
/**
 * Location type of this module's entities. Not `url:`: the catalog would turn a url location
 * into a "view source" link, and there is no file behind these entities.
 */
export const INSIGHTS_LOCATION_TYPE = 'aws-insights';
export const AWS_PLATFORM_SYSTEM = 'system:default/aws-platform';
export const DEFAULT_OWNER = 'group:default/platform-team';

/** The parts of the fleet this module reads. */
export type FleetEntitySource = Pick<
  FleetSnapshot,
  'sample' | 'clusters' | 'databases' | 'wafs'
>;

export interface FleetToEntitiesOptions {
  /** Owner of resources without a usable `owner` tag. */
  defaultOwner?: string;
}

interface InsightsResource extends NameableResource {
  environment?: string;
  owner?: string;
  description: string;
}

const isValidName = KubernetesValidatorFunctions.isValidObjectName;

/**
 * The `owner` tag as a group or user ref: `group:x`, `user:ns/x`, or a bare `x` meaning
 * `group:default/x`. Anything else (e-mail addresses, other kinds, bad names) gives undefined.
 */
export function ownerRefFromTag(tag: string | undefined): string | undefined {
  const value = tag?.trim();
  if (!value) return undefined;
  try {
    const ref = parseEntityRef(value.toLocaleLowerCase('en-US'), {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    if (ref.kind !== 'group' && ref.kind !== 'user') return undefined;
    if (!KubernetesValidatorFunctions.isValidNamespace(ref.namespace))
      return undefined;
    return isValidName(ref.name) ? stringifyEntityRef(ref) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The snapshot's cluster and web ACL summaries have no `owner` field today (only database
 * records do); read one structurally so they pick it up once the aggregation carries it.
 */
function ownerField(resource: object): string | undefined {
  const owner = (resource as { owner?: unknown }).owner;
  return typeof owner === 'string' ? owner : undefined;
}

const where = (r: { accountId: string; region: string }) =>
  `in account ${r.accountId}, ${r.region}`;

function collectResources(fleet: FleetEntitySource): InsightsResource[] {
  const resources: InsightsResource[] = [
    ...fleet.clusters.map(c => ({
      type: 'kubernetes-cluster' as const,
      arn: c.arn,
      name: c.cluster,
      accountId: c.accountId,
      region: c.region,
      environment: c.environment,
      owner: ownerField(c),
      description: `EKS cluster ${c.cluster} (Kubernetes ${c.version}) ${where(
        c,
      )}.`,
    })),
    ...fleet.databases.map(({ record: d }) => ({
      type: 'database' as const,
      arn: d.arn,
      name: d.identifier,
      accountId: d.accountId,
      region: d.region,
      environment: d.environment ?? d.tags.environment,
      owner: d.owner ?? d.tags.owner,
      description: `${
        d.kind === 'aurora-cluster' ? 'Aurora cluster' : 'RDS instance'
      } ${d.identifier} (${d.engine} ${d.engineVersion}) ${where(d)}.`,
    })),
    ...fleet.wafs.map(w => ({
      type: 'waf' as const,
      arn: w.arn,
      name: w.name,
      accountId: w.accountId,
      region: w.region,
      environment: w.environment,
      owner: ownerField(w),
      description: `WAFv2 web ACL ${w.name} ${where(w)}.`,
    })),
  ];
  // An ARN seen twice is one resource: keep the first.
  const seen = new Set<string>();
  return resources.filter(r => !seen.has(r.arn) && !!seen.add(r.arn));
}

const SAMPLE_NOTE =
  ' Sample data: AWS insights serves its embedded sample fleet because no AWS accounts are configured.';

function toEntity(
  resource: InsightsResource,
  name: string,
  sample: boolean,
  defaultOwner: string,
): Entity {
  const environment = resource.environment?.trim() || undefined;
  const environmentName = environment ? slugify(environment) : '';
  const linkEnvironment =
    environmentName !== '' && isValidName(environmentName);
  const tags = ['aws'];
  if (linkEnvironment && environmentName !== 'aws') tags.push(environmentName);
  if (sample && !tags.includes('sample')) tags.push('sample');

  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      title: resource.name,
      description: resource.description + (sample ? SAMPLE_NOTE : ''),
      annotations: {
        [AWS_ARN_ANNOTATION]: resource.arn,
        [AWS_ACCOUNT_ID_ANNOTATION]: resource.accountId,
        [AWS_REGION_ANNOTATION]: resource.region,
        [AWS_NAME_ANNOTATION]: resource.name,
        ...(environment && { [ENVIRONMENT_ANNOTATION]: environment }),
        [ANNOTATION_LOCATION]: `${INSIGHTS_LOCATION_TYPE}:${resource.arn}`,
        [ANNOTATION_ORIGIN_LOCATION]: `${INSIGHTS_LOCATION_TYPE}:fleet`,
      },
      tags,
    },
    spec: {
      type: resource.type,
      owner: ownerRefFromTag(resource.owner) ?? defaultOwner,
      system: AWS_PLATFORM_SYSTEM,
      // The environment entity (resource:default/<env>, created by the environment template)
      // then lists the resource among what it depends on.
      ...(linkEnvironment && {
        dependencyOf: [`resource:default/${environmentName}`],
      }),
    },
  };
}

/**
 * The fleet's EKS clusters, databases and WAF web ACLs as catalog Resource entities
 * (`spec.type` kubernetes-cluster, database, waf). Pure and deterministic: the same fleet gives
 * the same entities, whatever the order of its lists. Naming rules: see assignEntityNames.
 */
export function fleetToEntities(
  fleet: FleetEntitySource,
  options: FleetToEntitiesOptions = {},
): Entity[] {
  const defaultOwner = options.defaultOwner ?? DEFAULT_OWNER;
  const resources = collectResources(fleet);
  const names = assignEntityNames(resources);
  return resources.map((resource, i) =>
    toEntity(resource, names[i], fleet.sample, defaultOwner),
  );
}

export type { InsightsResourceType };
