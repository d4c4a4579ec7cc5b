import { z } from 'zod';
import {
  VPC_PREFIX_MAX,
  VPC_PREFIX_MIN,
  isPrivateCidr,
  parseCidr,
} from '../cidr';
import { DATABASE_ENGINES, TIERS } from '../types';
import {
  AWS_ACCOUNT_ID_PATTERN,
  AWS_REGION_PATTERN,
  ENVIRONMENT_NAME_PATTERN,
} from '@platform-portal/platform-common';
import {
  BUCKET_PATTERN,
  CERTIFICATE_ARN_PATTERN,
  DEFAULT_KUBERNETES_VERSION,
  DEFAULT_WAF_RATE_LIMIT,
  DOMAIN_PATTERN,
  INSTANCE_CATEGORIES,
  INSTANCE_CLASS_PATTERN,
  KUBERNETES_MAX_MINOR,
  KUBERNETES_MIN_MINOR,
  KUBERNETES_VERSION_PATTERN,
  OWNER_PATTERN,
  RESERVED_NAMES,
  WAF_RATE_LIMIT_MAX,
  WAF_RATE_LIMIT_MIN,
  bucketNameProblem,
} from './rules';
import { safeString } from './safeText';
import { applyTierDefaults, checkTierRules } from './tierRules';

/** A string field: injection check first, then the field's own pattern. */
const text = (pattern: RegExp, rule: string) =>
  safeString(z.string().regex(pattern, rule));

const int = (min: number, max: number) =>
  z
    .number()
    .int('must be a whole number')
    .min(min, `must be between ${min} and ${max}`)
    .max(max, `must be between ${min} and ${max}`);

const nameSchema = text(
  ENVIRONMENT_NAME_PATTERN,
  'must start with a lowercase letter followed by 1-20 lowercase letters, digits or hyphens',
).refine(name => !RESERVED_NAMES.includes(name), {
  message: 'is a reserved name',
});

const regionSchema = text(
  AWS_REGION_PATTERN,
  'must be an AWS region code such as eu-west-1',
);
const accountIdSchema = text(
  AWS_ACCOUNT_ID_PATTERN,
  'must be a 12-digit AWS account id',
);

/** Accepts `group:x` and normalises it to `group:default/x`, the catalog's full ref. */
const ownerSchema = text(
  OWNER_PATTERN,
  'must be a group entity ref such as group:default/team-orders or group:team-orders',
).transform(ref => (ref.includes('/') ? ref : `group:default/${ref.slice(6)}`));

const kubernetesVersionSchema = text(
  KUBERNETES_VERSION_PATTERN,
  'must look like 1.33',
).refine(
  v => {
    const minor = Number(v.slice(2));
    return minor >= KUBERNETES_MIN_MINOR && minor <= KUBERNETES_MAX_MINOR;
  },
  {
    message: `must be a supported EKS version, 1.${KUBERNETES_MIN_MINOR} to 1.${KUBERNETES_MAX_MINOR}`,
  },
);

const karpenterSchema = z.object({
  allowSpot: z.boolean().default(true),
  allowGraviton: z.boolean().default(true),
  instanceCategories: z
    .array(
      safeString(
        z.enum(INSTANCE_CATEGORIES, {
          error: `must be one of ${INSTANCE_CATEGORIES.join(', ')}`,
        }),
      ),
    )
    .min(1, 'must list at least one instance category')
    .refine(list => new Set(list).size === list.length, {
      message: 'must not repeat a category',
    })
    .default(['c', 'm', 'r']),
  minInstanceGeneration: int(2, 9).default(5),
  cpuLimit: int(8, 10000).default(1000),
});

/** Tier-dependent fields stay optional here; `applyTierDefaults` fills them. */
const databaseSchema = z.object({
  engine: safeString(
    z.enum(DATABASE_ENGINES, {
      error: `must be one of ${DATABASE_ENGINES.join(', ')}`,
    }),
  ).optional(),
  instanceClass: text(
    INSTANCE_CLASS_PATTERN,
    'must be a DB instance class such as db.r6g.large, db.t4g.medium or db.serverless',
  ).optional(),
  backupRetentionDays: int(7, 30).optional(),
  readReplicas: int(0, 5).optional(),
  multiAz: z.boolean().optional(),
});

const certificateArnSchema = text(
  CERTIFICATE_ARN_PATTERN,
  'must be an ACM certificate ARN such as arn:aws:acm:eu-west-1:123456789012:certificate/<uuid>',
);

const bucketSchema = text(
  BUCKET_PATTERN,
  'must be an S3 bucket name: 3-63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit',
).superRefine((name, ctx) => {
  const problem = bucketNameProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** Format, RFC 1918 and size; overlaps are checked later by `allocateVpcCidr`. */
function checkVpcCidr(value: string, ctx: z.RefinementCtx): void {
  let prefix: number;
  try {
    prefix = parseCidr(value).prefix;
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
    return;
  }
  if (!isPrivateCidr(value)) {
    ctx.addIssue({
      code: 'custom',
      message: `${value} must be a private RFC 1918 block (10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16)`,
    });
  } else if (prefix < VPC_PREFIX_MIN || prefix > VPC_PREFIX_MAX) {
    ctx.addIssue({
      code: 'custom',
      message: `${value} must have a prefix between /${VPC_PREFIX_MIN} and /${VPC_PREFIX_MAX} inclusive`,
    });
  }
}

/**
 * The request as the form submits it, before tier defaults. Unknown keys
 * are stripped (not rejected) so the scaffolder form can carry extra UI-only
 * fields.
 */
export const environmentRequestInputSchema = z.object({
  name: nameSchema,
  tier: safeString(
    z.enum(TIERS, { error: `must be one of ${TIERS.join(', ')}` }),
  ),
  account: z.object({
    name: safeString(
      z
        .string()
        .min(1, 'must not be empty')
        .max(50, 'must be at most 50 characters'),
    ),
    accountId: accountIdSchema,
  }),
  region: regionSchema,
  owner: ownerSchema,
  network: z
    .object({
      cidr: safeString(z.string()).superRefine(checkVpcCidr).optional(),
      singleNatGateway: z.boolean().optional(),
    })
    .default({}),
  kubernetes: z
    .object({
      version: kubernetesVersionSchema.default(DEFAULT_KUBERNETES_VERSION),
      karpenter: karpenterSchema.prefault({}),
    })
    .prefault({}),
  database: databaseSchema.default({}),
  waf: z
    .object({
      rateLimitPer5Minutes: int(WAF_RATE_LIMIT_MIN, WAF_RATE_LIMIT_MAX).default(
        DEFAULT_WAF_RATE_LIMIT,
      ),
    })
    .prefault({}),
  ingress: z.object({
    domain: text(
      DOMAIN_PATTERN,
      'must be a lowercase DNS name such as qa.example.com, without a trailing dot',
    ),
    certificateArn: certificateArnSchema.optional(),
  }),
  state: z.object({
    bucket: bucketSchema,
    region: regionSchema,
    accountId: accountIdSchema,
  }),
});

export type EnvironmentRequestInput = z.input<
  typeof environmentRequestInputSchema
>;

/**
 * The full schema: input rules, then tier defaults (which never override a
 * value the user gave), then the cross-field tier rules.
 */
export const environmentRequestSchema = environmentRequestInputSchema
  .transform(applyTierDefaults)
  .superRefine(checkTierRules);
