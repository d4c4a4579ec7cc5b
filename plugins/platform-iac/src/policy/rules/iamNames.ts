import type { EnvironmentRequest, PolicyResult } from '../../types';
import { argumentsOf, TfFile, unquote } from '../environmentFiles';
import { HclBlock, objectEntries } from '../hclBody';
import {
  MODULE_ROLE_NAMES,
  ModuleRoleName,
  NODE_GROUP_MAP_INPUTS,
} from '../moduleIamInputs';
import { result } from '../requestChecks';
import { allScopes, Evaluated, rootScope, Scope } from '../terraformScope';

/** IAM limits: role names 64 characters, `name_prefix` 38 (Terraform appends 26); policies 128. */
export const ROLE_NAME_MAX = 64;
export const POLICY_NAME_MAX = 128;

/** One IAM role the environment creates and how it is named. */
export interface RoleNameUse {
  /** `modules/eks/main.tf: module.eks (cluster)` */
  where: string;
  /** The name as far as it is known; unknown parts (e.g. `each.key`) are left out. */
  name: Evaluated;
  /** The role is named with `name_prefix` / a module's `use_name_prefix = true`. */
  prefix: boolean;
  /** A managed policy rather than a role. */
  policy?: boolean;
}

const fileOf = (scope: Scope, block: HclBlock) =>
  scope.files.find(f => f.body.blocks.includes(block))?.path ?? scope.dir;

/** Evaluates `fallback` (a template over module inputs, e.g. `"${name}-cluster"`). */
function fallbackName(
  fallback: string,
  input: (name: string) => Evaluated | undefined,
): Evaluated {
  let complete = true;
  const text = fallback.slice(1, -1).replace(/\$\{(\w+)\}/g, (_, name) => {
    const value = input(name);
    complete = complete && !!value?.complete;
    return value?.text ?? '';
  });
  return { text, complete };
}

function isSet(body: string, inputs: string[]): boolean {
  return inputs.some(input =>
    new RegExp(`(^|[\\s{,])${input}\\s*=\\s*(?!null\\b|0\\b)\\S`, 'm').test(
      body,
    ),
  );
}

/** The role a registry module creates from `args` (a module block or a node-group entry). */
function moduleRole(
  spec: ModuleRoleName,
  args: Map<string, string>,
  body: string,
  scope: Scope,
  defaults: Record<string, string> = {},
): { name: Evaluated; prefix: boolean } | undefined {
  const create = spec.create && args.get(spec.create.input);
  if (spec.create && (create ?? String(spec.create.default)) === 'false')
    return undefined;
  if (spec.onlyWhenSet && !isSet(body, spec.onlyWhenSet)) return undefined;
  const input = (name: string) => {
    const value = args.get(name) ?? defaults[name];
    return value === undefined || value === 'null'
      ? undefined
      : scope.evaluate(value);
  };
  const prefix = args.get(spec.prefix) ?? String(spec.prefixDefault);
  const name = input(spec.name) ?? fallbackName(spec.fallback, input);
  return { name, prefix: prefix !== 'false' };
}

function registryRoles(scope: Scope, block: HclBlock): RoleNameUse[] {
  const args = argumentsOf(block).attributes;
  const source = unquote(args.get('source')) ?? '';
  const at = `${fileOf(scope, block)}: module.${block.labels[0]}`;
  const uses: RoleNameUse[] = [];
  for (const spec of MODULE_ROLE_NAMES[source] ?? []) {
    const role = moduleRole(spec, args, block.body, scope);
    if (role) {
      const where = `${at} (${spec.role}${spec.policy ? '' : ' role'})`;
      uses.push({ where, ...role, policy: spec.policy });
    }
  }
  if (source !== 'terraform-aws-modules/eks/aws') return uses;
  // Each managed node group is a node-group module call with the entry's settings.
  const [nodeGroup] =
    MODULE_ROLE_NAMES[
      'terraform-aws-modules/eks/aws//modules/eks-managed-node-group'
    ];
  for (const input of NODE_GROUP_MAP_INPUTS) {
    for (const [key, entry] of objectEntries(args.get(input) ?? '')) {
      const entryArgs = objectEntries(entry);
      const role = moduleRole(nodeGroup, entryArgs, entry, scope, {
        name: `"${key}"`,
      });
      if (role)
        uses.push({
          where: `${at} ${input}.${key} (node group role)`,
          ...role,
        });
    }
  }
  return uses;
}

function resourceRoles(scope: Scope, block: HclBlock): RoleNameUse[] {
  const type = block.labels[0];
  if (type !== 'aws_iam_role' && type !== 'aws_iam_policy') return [];
  const args = argumentsOf(block).attributes;
  const where = `${fileOf(scope, block)}: ${type}.${block.labels[1]}`;
  const prefix = args.get('name_prefix');
  const name = args.get('name') ?? prefix;
  return [
    {
      where,
      name: name ? scope.evaluate(name) : { text: '', complete: false },
      prefix: prefix !== undefined,
      policy: type === 'aws_iam_policy',
    },
  ];
}

/**
 * Every IAM role and managed policy stage 1 creates, with its name computed from the request
 * where possible.
 */
export function iamRoleNames(
  request: EnvironmentRequest,
  files: Record<string, string>,
  tf: TfFile[],
): RoleNameUse[] {
  return allScopes(rootScope(request, files, tf)).flatMap(scope => [
    ...scope.blocks('module').flatMap(b => registryRoles(scope, b)),
    ...scope.blocks('resource').flatMap(b => resourceRoles(scope, b)),
  ]);
}

const show = (use: RoleNameUse) =>
  `${use.where} = "${use.name.text}${use.name.complete ? '' : '…'}"`;

function nameProblem(use: RoleNameUse): string | undefined {
  const max = use.policy ? POLICY_NAME_MAX : ROLE_NAME_MAX;
  if (use.prefix) {
    const limit = use.policy
      ? ''
      : '; IAM allows role prefixes of 38 characters';
    return `${show(use)} uses name_prefix (names must be explicit${limit})`;
  }
  if (!use.name.complete && use.name.text.length === 0) {
    return `${use.where} has no explicit name computable from the request`;
  }
  if (use.name.text.length > max) {
    const length = use.name.text.length;
    return `${show(use)} is ${length} characters (max ${max})`;
  }
  return undefined;
}

/**
 * `iam-name-length` (A7): every role and managed policy has an explicit name (no `name_prefix`,
 * no module `use_name_prefix` left at its default true) of at most 64 (roles) or 128 (policies)
 * characters.
 */
export function iamNameLength(
  request: EnvironmentRequest,
  files: Record<string, string>,
  tf: TfFile[],
): PolicyResult {
  const uses = iamRoleNames(request, files, tf);
  const problems = uses.map(nameProblem).filter((p): p is string => !!p);
  return result(
    'iam-name-length',
    'error',
    problems.length === 0,
    `${uses.length} IAM role(s) and policies with explicit names within IAM's limits (roles ${ROLE_NAME_MAX}, policies ${POLICY_NAME_MAX} characters)`,
    `iam-name-length: ${problems.join('; ')}`,
  );
}

/**
 * `iam-names-per-environment`: IAM names are global in the account, so every role name contains
 * the environment name; module defaults such as `KarpenterController` or `core-eks-node-group`
 * collide with the second environment in the account.
 */
export function iamNamesPerEnvironment(
  request: EnvironmentRequest,
  files: Record<string, string>,
  tf: TfFile[],
): PolicyResult {
  const clashes = iamRoleNames(request, files, tf).filter(
    use => use.name.text.length > 0 && !use.name.text.includes(request.name),
  );
  return result(
    'iam-names-per-environment',
    'error',
    clashes.length === 0,
    `every IAM role name contains the environment name ${request.name}`,
    `iam-names-per-environment: role names must contain "${
      request.name
    }" so environments in one account do not collide: ${clashes
      .map(show)
      .join('; ')}`,
  );
}
