import { createHash } from 'node:crypto';

/** The catalog's limit for metadata.name (a Kubernetes object name). */
export const MAX_ENTITY_NAME_LENGTH = 63;

/** The resource types this module emits, as `spec.type` values. */
export type InsightsResourceType = 'kubernetes-cluster' | 'database' | 'waf';

/** Short words used when two resources of different types share a name. */
const TYPE_SUFFIX: Record<InsightsResourceType, string> = {
  'kubernetes-cluster': 'eks',
  database: 'db',
  waf: 'waf',
};

/** What naming needs to know about one AWS resource. */
export interface NameableResource {
  type: InsightsResourceType;
  arn: string;
  /** The real AWS name: cluster name, DB identifier, web ACL name. */
  name: string;
  accountId: string;
  region: string;
}

/** Lowercase, runs of anything but [a-z0-9] become one dash, no dash at either end. */
export function slugify(value: string): string {
  return value
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** `base-suffix...`, with the base cut so the whole stays within the length limit. */
function joinName(base: string, suffixes: string[]): string {
  const suffix = suffixes.map(slugify).filter(Boolean).join('-');
  if (!suffix) return base.slice(0, MAX_ENTITY_NAME_LENGTH).replace(/-+$/, '');
  const room = Math.max(1, MAX_ENTITY_NAME_LENGTH - suffix.length - 1);
  return `${base.slice(0, room).replace(/-+$/, '')}-${suffix}`;
}

const shortHash = (value: string) =>
  createHash('sha256').update(value).digest('hex').slice(0, 8);

/** The attributes, in suffix order, that can tell same-named resources apart. */
const DISTINGUISHERS: Array<(r: NameableResource) => string> = [
  r => TYPE_SUFFIX[r.type],
  r => r.region,
  r => r.accountId,
];

/**
 * Catalog names for the given resources (same order), unique among them and independent of
 * their order. A resource keeps its plain slugged name unless another one slugs the same; then
 * every member of that group gets the type, region and/or account id appended - only those
 * attributes that actually differ inside the group (two `prod-eks` in eu-west-1 and
 * eu-central-1 become `prod-eks-eu-west-1` and `prod-eks-eu-central-1`). Whatever is still
 * ambiguous after that (or was cut at 63 characters) gets a short hash of the ARN.
 */
export function assignEntityNames(resources: NameableResource[]): string[] {
  const bases = resources.map(r => slugify(r.name) || TYPE_SUFFIX[r.type]);
  const groups = new Map<string, number[]>();
  bases.forEach((base, i) =>
    groups.set(base, [...(groups.get(base) ?? []), i]),
  );

  const names = [...bases];
  for (const [base, members] of groups) {
    if (members.length === 1) {
      names[members[0]] = joinName(base, []);
      continue;
    }
    const varying = DISTINGUISHERS.filter(
      attribute => new Set(members.map(i => attribute(resources[i]))).size > 1,
    );
    for (const i of members) {
      names[i] = joinName(
        base,
        varying.map(attribute => attribute(resources[i])),
      );
    }
  }

  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return names.map((name, i) =>
    counts.get(name)! > 1
      ? joinName(name, [shortHash(resources[i].arn)])
      : name,
  );
}
