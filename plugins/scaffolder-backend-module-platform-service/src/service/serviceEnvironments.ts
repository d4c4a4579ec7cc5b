import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  AWS_ACCOUNT_ID_ANNOTATION,
  AWS_ACCOUNT_ID_PATTERN,
  AWS_REGION_ANNOTATION,
  AWS_REGION_PATTERN,
  DOMAIN_ANNOTATION,
  INGRESS_CLASS_ANNOTATION,
  TIER_ANNOTATION,
  VPC_CIDR_ANNOTATION,
} from '@platform-portal/platform-common';

/** Matches `ingress_class_name`'s default in templates/aws-environment/modules/alb-ingress. */
export const DEFAULT_INGRESS_CLASS = 'alb';
const TIER_ORDER = ['dev', 'other', 'staging', 'prod'];

/** What the chart, ArgoCD Application and workflows need to know about one environment. */
export interface ServiceEnvironment {
  name: string;
  entityRef: string;
  tier: string;
  accountId: string;
  region: string;
  ingressClass: string;
  host: string;
  /** Pod role; the environment's irsa module names roles `<cluster>-<key>` (cluster = env name). */
  roleArn: string;
  /** Under `<environment>/*`, the prefix the environment's External Secrets store may read. */
  databaseSecretKey: string;
  albSourceCidr: string;
  /** dev/other tiers follow main; staging and prod wait for a reviewer. */
  autoDeploy: boolean;
}

/**
 * The environment's AWS account id: its own annotation (environments from the environment
 * template), else the aws-account it dependsOn (the reference environments in catalog/).
 */
export function environmentAccountId(
  entity: Entity,
  accounts: Entity[],
): string | undefined {
  const own = entity.metadata.annotations?.[AWS_ACCOUNT_ID_ANNOTATION];
  if (own) return own;
  const dependsOn = (entity.spec?.dependsOn as string[] | undefined) ?? [];
  const account = accounts.find(
    a =>
      a.kind === 'Resource' &&
      a.spec?.type === 'aws-account' &&
      dependsOn.includes(stringifyEntityRef(a)),
  );
  return account?.metadata.annotations?.[AWS_ACCOUNT_ID_ANNOTATION];
}

/** Why an entity cannot be a target environment, or undefined when it can. */
export function environmentProblem(
  entity: Entity | undefined,
  ref: string,
  accountId = entity?.metadata.annotations?.[AWS_ACCOUNT_ID_ANNOTATION],
): string | undefined {
  if (
    !entity ||
    entity.kind !== 'Resource' ||
    entity.spec?.type !== 'environment'
  ) {
    return `'${ref}' is not an environment resource in the catalog`;
  }
  const a = entity.metadata.annotations ?? {};
  if (!AWS_ACCOUNT_ID_PATTERN.test(accountId ?? '')) {
    return `${stringifyEntityRef(
      entity,
    )} has no 12-digit ${AWS_ACCOUNT_ID_ANNOTATION} annotation, on itself or on the aws-account it dependsOn`;
  }
  if (!AWS_REGION_PATTERN.test(a[AWS_REGION_ANNOTATION] ?? '')) {
    return `${stringifyEntityRef(
      entity,
    )} has no valid ${AWS_REGION_ANNOTATION} annotation`;
  }
  if (!/^[a-z][a-z0-9-]{1,30}$/.test(entity.metadata.name)) {
    return `${stringifyEntityRef(
      entity,
    )}: the environment name is not usable in resource names`;
  }
  return undefined;
}

function safeAnnotation(value: string | undefined, pattern: RegExp) {
  return value && pattern.test(value) ? value : undefined;
}

/** Derives one environment's deployment settings from its catalog entity (checked before). */
export function describeEnvironment(
  entity: Entity,
  service: string,
  accountId = entity.metadata.annotations?.[AWS_ACCOUNT_ID_ANNOTATION] ?? '',
): ServiceEnvironment {
  const a = entity.metadata.annotations ?? {};
  const name = entity.metadata.name;
  const tier = TIER_ORDER.includes(a[TIER_ANNOTATION] ?? '')
    ? a[TIER_ANNOTATION]
    : 'other';
  const domain =
    safeAnnotation(a[DOMAIN_ANNOTATION], /^[a-z0-9]([a-z0-9-.]*[a-z0-9])?$/) ??
    `${name}.example.com`;
  return {
    name,
    entityRef: stringifyEntityRef(entity),
    tier,
    accountId,
    region: a[AWS_REGION_ANNOTATION],
    ingressClass:
      safeAnnotation(a[INGRESS_CLASS_ANNOTATION], /^[a-z0-9][a-z0-9.-]*$/) ??
      DEFAULT_INGRESS_CLASS,
    host: `${service}.${domain}`,
    roleArn: `arn:aws:iam::${accountId}:role/${name}-${service}`,
    databaseSecretKey: `${name}/${service}/database`,
    albSourceCidr:
      safeAnnotation(
        a[VPC_CIDR_ANNOTATION],
        /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/,
      ) ?? '10.0.0.0/8',
    autoDeploy: tier === 'dev' || tier === 'other',
  };
}

/** Delivery order: dev first, prod last; the name breaks ties so output is stable. */
export function sortForDelivery(
  environments: ServiceEnvironment[],
): ServiceEnvironment[] {
  return [...environments].sort(
    (a, b) =>
      TIER_ORDER.indexOf(a.tier) - TIER_ORDER.indexOf(b.tier) ||
      a.name.localeCompare(b.name),
  );
}
