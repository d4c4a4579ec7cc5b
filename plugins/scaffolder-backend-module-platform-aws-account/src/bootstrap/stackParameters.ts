import type { Parameter, Tag } from '@aws-sdk/client-cloudformation';
import { InputError } from '@backstage/errors';
import {
  BOOTSTRAP_FINGERPRINT_TAG,
  BOOTSTRAP_TEMPLATE_SHA256_TAG,
  MANAGED_BY_TAG,
} from '@platform-portal/platform-common';
import { createHash } from 'node:crypto';

/** The stack every account gets; the insights backend collects stacks named `platform-*`. */
export const BOOTSTRAP_STACK_NAME = 'platform-bootstrap';

export const ACCOUNT_ROLES = ['shared', 'workload', 'management'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export interface GitHubRepository {
  org: string;
  repo: string;
}

export interface BootstrapParameterInput {
  accountRole: AccountRole;
  repository: GitHubRepository;
  /** GitHub environments of the repository whose jobs may assume terraform-apply (besides main). */
  applyEnvironments: string[];
  portalPrincipalArn: string;
  externalId: string;
  existingOidcProviderArn?: string;
  stateAccountId?: string;
  stateBucketName?: string;
  /** Shared account only: the accounts whose Terraform roles its own may assume. */
  workloadAccountIds?: string[];
  applyRoleManagedPolicyArn?: string;
}

const ENVIRONMENT_SUBJECT =
  'repo:[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}:environment:[A-Za-z0-9._-]{1,100}';

// The same rules as the template's AllowedPattern, so bad input fails before any AWS call.
export const PARAMETER_RULES = {
  GitHubOrg: /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/,
  GitHubRepo: /^[A-Za-z0-9._-]{1,100}$/,
  PortalPrincipalArn:
    /^arn:aws[a-z-]*:iam::[0-9]{12}:(root|role\/[\w+=,.@/-]+|user\/[\w+=,.@/-]+)$/,
  PortalExternalId: /^[\w+=,.@:/-]{8,1224}$/,
  ExistingOidcProviderArn:
    /^(arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider\/token\.actions\.githubusercontent\.com)?$/,
  StateAccountId: /^([0-9]{12})?$/,
  StateBucketName: /^([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])?$/,
  ApplyRoleManagedPolicyArn:
    /^arn:aws[a-z-]*:iam::(aws|[0-9]{12}):policy\/[\w+=,.@/-]+$/,
  // Comma-separated lists.
  ApplyEnvironmentSubjects: new RegExp(
    `^${ENVIRONMENT_SUBJECT}(,${ENVIRONMENT_SUBJECT})*$`,
  ),
  WorkloadAccountIds: /^([0-9]{12}(,[0-9]{12})*)?$/,
};

/** A GitHub environment name the apply trust may list (the account entity names qualify). */
export const GITHUB_ENVIRONMENT_NAME = /^[A-Za-z0-9._-]{1,100}$/;

/** The OIDC `sub` of a job that runs in GitHub environment `name` of the repository. */
export function environmentSubject(
  repository: GitHubRepository,
  name: string,
): string {
  return `repo:${repository.org}/${repository.repo}:environment:${name}`;
}

function checked(
  key: keyof typeof PARAMETER_RULES,
  value: string,
  field: string,
  rule: string,
): Parameter {
  if (!PARAMETER_RULES[key].test(value)) {
    throw new InputError(`${field} ${rule}, got '${value}'`);
  }
  return { ParameterKey: key, ParameterValue: value };
}

/** A comma-separated list parameter, each value checked on its own (the error names it). */
function list(
  key: 'WorkloadAccountIds' | 'ApplyEnvironmentSubjects',
  values: string[],
  field: string,
  rule: string,
): Parameter {
  for (const value of values) {
    if (!value || !PARAMETER_RULES[key].test(value)) {
      throw new InputError(`${field} ${rule}, got '${value}'`);
    }
  }
  return { ParameterKey: key, ParameterValue: values.join(',') };
}

/** The stack parameters, validated; the error names the field (input or config key) and the rule. */
export function bootstrapParameters(
  input: BootstrapParameterInput,
  fields: Partial<Record<keyof BootstrapParameterInput, string>> = {},
): Parameter[] {
  const field = (k: keyof BootstrapParameterInput) => fields[k] ?? k;
  if (!ACCOUNT_ROLES.includes(input.accountRole)) {
    throw new InputError(
      `${field('accountRole')} must be one of ${ACCOUNT_ROLES.join(
        ', ',
      )}, got '${input.accountRole}'`,
    );
  }
  const parameters: Parameter[] = [
    { ParameterKey: 'AccountRole', ParameterValue: input.accountRole },
    checked(
      'GitHubOrg',
      input.repository.org,
      field('repository'),
      'must name a GitHub organisation (letters, digits, dashes)',
    ),
    checked(
      'GitHubRepo',
      input.repository.repo,
      field('repository'),
      'must name a GitHub repository (letters, digits, ".", "_", "-")',
    ),
    checked(
      'PortalPrincipalArn',
      input.portalPrincipalArn,
      field('portalPrincipalArn'),
      'must be an IAM role, user or account root ARN',
    ),
  ];
  if (!PARAMETER_RULES.PortalExternalId.test(input.externalId)) {
    // Never echo the external id itself.
    throw new InputError(
      `${field(
        'externalId',
      )} must be 8-1224 characters of letters, digits and +=,.@:/-_`,
    );
  }
  parameters.push({
    ParameterKey: 'PortalExternalId',
    ParameterValue: input.externalId,
  });
  parameters.push(
    checked(
      'ExistingOidcProviderArn',
      input.existingOidcProviderArn ?? '',
      field('existingOidcProviderArn'),
      'must be empty or the ARN of the token.actions.githubusercontent.com OIDC provider',
    ),
    checked(
      'StateAccountId',
      input.accountRole === 'shared' ? '' : input.stateAccountId ?? '',
      field('stateAccountId'),
      'must be a 12-digit account id',
    ),
    checked(
      'StateBucketName',
      input.accountRole === 'shared' ? input.stateBucketName ?? '' : '',
      field('stateBucketName'),
      'must be an S3 bucket name (3-63 lowercase letters, digits, dots, dashes)',
    ),
    list(
      'WorkloadAccountIds',
      input.accountRole === 'shared' ? input.workloadAccountIds ?? [] : [],
      field('workloadAccountIds'),
      'must hold 12-digit account ids',
    ),
  );
  if (input.applyEnvironments.length === 0) {
    throw new InputError(
      `${field(
        'applyEnvironments',
      )} must name at least one GitHub environment whose jobs may run terraform apply`,
    );
  }
  for (const name of input.applyEnvironments) {
    if (!GITHUB_ENVIRONMENT_NAME.test(name)) {
      throw new InputError(
        `${field(
          'applyEnvironments',
        )} must hold GitHub environment names (1-100 letters, digits, '.', '_', '-'), got '${name}'`,
      );
    }
  }
  parameters.push(
    list(
      'ApplyEnvironmentSubjects',
      input.applyEnvironments.map(name =>
        environmentSubject(input.repository, name),
      ),
      field('applyEnvironments'),
      'must be environments of the infrastructure repository',
    ),
  );
  if (input.applyRoleManagedPolicyArn) {
    parameters.push(
      checked(
        'ApplyRoleManagedPolicyArn',
        input.applyRoleManagedPolicyArn,
        field('applyRoleManagedPolicyArn'),
        'must be an IAM managed policy ARN',
      ),
    );
  }
  return parameters;
}

/** `org/repo`, or a repository URL such as https://github.com/org/repo(.git). */
export function parseGitHubRepository(
  value: string,
  field: string,
): GitHubRepository {
  const path = /^https?:\/\//.test(value) ? new URL(value).pathname : value;
  const match = path.match(/^\/?([^/]+)\/([^/]+?)(\.git)?\/?$/);
  if (!match) {
    throw new InputError(
      `${field} must be <org>/<repo> or a repository URL, got '${value}'`,
    );
  }
  return { org: match[1], repo: match[2] };
}

/** `platform.iac.stateBucketPattern` applied, as platform:environment:plan does. */
export function stateBucketName(
  pattern: string,
  accountId: string,
  region: string,
): string {
  return pattern.replace('{accountId}', accountId).replace('{region}', region);
}

/**
 * A digest of everything the stack is made from. CloudFormation masks NoEcho parameters, so
 * without it a changed external id would look like "no change".
 */
export function inputsFingerprint(
  templateBody: string,
  parameters: readonly Parameter[],
): string {
  const sorted = [...parameters]
    .map(p => [p.ParameterKey ?? '', p.ParameterValue ?? ''])
    .sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256')
    .update(templateBody)
    .update('\0')
    .update(JSON.stringify(sorted))
    .digest('hex');
}

export function stackTags(fingerprint: string, templateSha256: string): Tag[] {
  return [
    { Key: MANAGED_BY_TAG, Value: 'platform-portal' },
    { Key: BOOTSTRAP_FINGERPRINT_TAG, Value: fingerprint },
    // Which bundled template the stack was made from, for anyone auditing the account.
    { Key: BOOTSTRAP_TEMPLATE_SHA256_TAG, Value: templateSha256 },
  ];
}
