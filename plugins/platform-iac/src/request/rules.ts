/**
 * Formats and limits for the environment request, in one place so the form,
 * the docs and the tests can quote them.
 */

/**
 * Names an environment may not take, because the name ends up in Kubernetes
 * namespaces, Terraform state keys, DNS labels, IAM names and catalog refs:
 * - default, shared, prod-shared, global, management, org-root, root: names of
 *   the organisation's own accounts/environments and Backstage's default namespace;
 * - admin, administrator, security, audit, log-archive: privileged/landing-zone accounts;
 * - aws, amazon: reserved prefixes in AWS resource names and tags;
 * - kube-system, kube-public, kube-node-lease, kubernetes, karpenter: Kubernetes
 *   system namespaces and components;
 * - portal, backstage, terraform: the platform's own tooling;
 * - none, null, undefined, true, false: values that read as "unset" in YAML/HCL/JS;
 * - localhost, www, api: DNS labels that would shadow shared hosts.
 * `test` is deliberately allowed: it is a common, legitimate environment name.
 */
export const RESERVED_NAMES: readonly string[] = [
  'default',
  'shared',
  'prod-shared',
  'global',
  'management',
  'org-root',
  'root',
  'admin',
  'administrator',
  'security',
  'audit',
  'log-archive',
  'aws',
  'amazon',
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'kubernetes',
  'karpenter',
  'portal',
  'backstage',
  'terraform',
  'none',
  'null',
  'undefined',
  'true',
  'false',
  'localhost',
  'www',
  'api',
];

/** `group:name` or `group:namespace/name`, Backstage entity name rules. */
export const OWNER_PATTERN =
  /^group:(?:([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)\/)?([a-zA-Z0-9](?:[a-zA-Z0-9._-]{0,61}[a-zA-Z0-9])?)$/;

/**
 * EKS versions we create clusters with. Older ones are in (paid) extended
 * support or out of support; newer ones have not been validated with our
 * add-ons yet. Bump these together with the Terraform module versions.
 */
export const KUBERNETES_MIN_MINOR = 31;
export const KUBERNETES_MAX_MINOR = 34;
export const DEFAULT_KUBERNETES_VERSION = '1.33';
export const KUBERNETES_VERSION_PATTERN = /^1\.\d\d$/;

/**
 * EC2 instance categories Karpenter may pick from: compute (c), general
 * purpose (m), memory (r), burstable (t), storage (i), memory-extreme (x),
 * high-frequency (z). GPU/accelerated families are excluded on purpose.
 */
export const INSTANCE_CATEGORIES = ['c', 'm', 'r', 't', 'i', 'x', 'z'] as const;

/** e.g. db.r6g.large, db.t4g.medium, db.r7g.2xlarge, or db.serverless (Aurora Serverless v2). */
export const INSTANCE_CLASS_PATTERN =
  /^db\.(?:serverless|[a-z][a-z0-9]*\d[a-z0-9-]*\.(?:micro|small|medium|large|xlarge|\d{1,2}xlarge))$/;
export const SERVERLESS_CLASS = 'db.serverless';

/**
 * AWS WAF accepts a rate limit of 10 and up (per 5-minute window by
 * default); we require at least 100 so a typo cannot lock out every user
 * behind a shared NAT, and cap it at 2,000,000, WAF's documented maximum.
 */
export const WAF_RATE_LIMIT_MIN = 100;
export const WAF_RATE_LIMIT_MAX = 2_000_000;
export const DEFAULT_WAF_RATE_LIMIT = 2000;

/** Lowercase DNS name of at least two labels, no trailing dot. */
export const DOMAIN_PATTERN =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
export const CERTIFICATE_ARN_PATTERN = new RegExp(
  `^arn:aws(?:-[a-z]+)?:acm:([a-z0-9-]+):\\d{12}:certificate/${UUID}$`,
);

/** S3 general purpose bucket naming rules (3-63 chars, lowercase, digits, dots, hyphens). */
export const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
export const BUCKET_RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
export const BUCKET_RESERVED_SUFFIXES = [
  '-s3alias',
  '--ol-s3',
  '.mrap',
  '--x-s3',
  '--table-s3',
];

/** The rule a bucket name breaks beyond the basic pattern, if any. */
export function bucketNameProblem(name: string): string | undefined {
  if (name.includes('..')) return 'must not contain two adjacent periods';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name))
    return 'must not be formatted as an IP address';
  const prefix = BUCKET_RESERVED_PREFIXES.find(p => name.startsWith(p));
  if (prefix) return `must not start with the reserved prefix '${prefix}'`;
  const suffix = BUCKET_RESERVED_SUFFIXES.find(s => name.endsWith(s));
  if (suffix) return `must not end with the reserved suffix '${suffix}'`;
  return undefined;
}
