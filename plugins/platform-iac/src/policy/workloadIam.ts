import {
  WORKLOAD_BOUNDARY_POLICY,
  WORKLOAD_IAM_PATH,
} from '../accountBootstrap';
import type { EnvironmentRequest, PolicyResult } from '../types';
import { HclBlock, objectEntries, parseHclBody } from './hclBody';
import { MODULE_IAM_INPUTS } from './moduleIamInputs';
import { result } from './requestChecks';
import { stripComments } from './terraformText';

/**
 * The account bootstrap lets terraform-apply create IAM roles only under /platform/workloads/
 * and only with the workload permissions boundary (and policies and instance profiles only under
 * that path; users not at all). This checks every place the root and the module library create
 * them: `aws_iam_*` resources, the pinned registry modules' inputs (`MODULE_IAM_INPUTS`) and the
 * boundary each library module is given by its caller.
 */

/** The library modules' input that carries the boundary down from the root. */
const BOUNDARY_VARIABLE = 'permissions_boundary_arn';
const PATH_LITERAL = `"${WORKLOAD_IAM_PATH}"`;

/** A quoted boundary ARN; the account is 12 digits or `${var.account_id}`. */
const BOUNDARY_LITERAL = new RegExp(
  `^"arn:aws[a-z-]*:iam::(\\d{12}|\\$\\{var\\.account_id\\}):${WORKLOAD_BOUNDARY_POLICY.replace(
    /\//g,
    '\\/',
  )}"$`,
);

/** What a boundary expression may be in one file. */
interface FileContext {
  path: string;
  accountId: string;
  /** Module library files receive the boundary as `var.permissions_boundary_arn`. */
  inLibrary: boolean;
  /** `locals` of the root, which may hold the boundary ARN. */
  rootLocals: Map<string, string>;
}

function isBoundary(expression: string | undefined, ctx: FileContext): boolean {
  if (expression === undefined) return false;
  if (ctx.inLibrary && expression === `var.${BOUNDARY_VARIABLE}`) return true;
  const local = /^local\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(expression);
  const literal =
    local && !ctx.inLibrary ? ctx.rootLocals.get(local[1]) : expression;
  const match = literal ? BOUNDARY_LITERAL.exec(literal) : null;
  return !!match && (match[1].startsWith('$') || match[1] === ctx.accountId);
}

function boundaryHint(ctx: FileContext): string {
  const arn = `arn:aws:iam::${ctx.accountId}:${WORKLOAD_BOUNDARY_POLICY}`;
  return ctx.inLibrary ? `var.${BOUNDARY_VARIABLE} or "${arn}"` : `"${arn}"`;
}

function checkResource(block: HclBlock, ctx: FileContext): string[] {
  const [type, name] = block.labels;
  const where = `${ctx.path}: resource "${type}" "${name}"`;
  if (type === 'aws_iam_user') {
    return [`${where}: terraform-apply may not create IAM users`];
  }
  const needsPath = [
    'aws_iam_role',
    'aws_iam_policy',
    'aws_iam_instance_profile',
  ].includes(type);
  if (!needsPath) return [];
  const { attributes } = parseHclBody(block.body);
  const problems: string[] = [];
  if (attributes.get('path') !== PATH_LITERAL) {
    problems.push(`${where} must set path = ${PATH_LITERAL}`);
  }
  if (
    type === 'aws_iam_role' &&
    !isBoundary(attributes.get('permissions_boundary'), ctx)
  ) {
    problems.push(
      `${where} must set permissions_boundary = ${boundaryHint(ctx)}`,
    );
  }
  return problems;
}

function checkRegistryModule(
  where: string,
  source: string,
  attributes: Map<string, string>,
  ctx: FileContext,
): string[] {
  const rule = MODULE_IAM_INPUTS[source];
  if (!rule) {
    return [
      `${where}: ${source} is not a module whose IAM resources are known`,
    ];
  }
  const problems: string[] = [];
  const requireInputs = (
    at: string,
    values: Map<string, string>,
    boundary: string[],
    path: string[],
  ) => {
    for (const input of boundary) {
      if (!isBoundary(values.get(input), ctx)) {
        problems.push(`${at} must set ${input} = ${boundaryHint(ctx)}`);
      }
    }
    for (const input of path) {
      if (values.get(input) !== PATH_LITERAL) {
        problems.push(`${at} must set ${input} = ${PATH_LITERAL}`);
      }
    }
  };
  requireInputs(where, attributes, rule.boundary, rule.path);
  for (const entry of rule.entries ?? []) {
    const value = attributes.get(entry.input);
    if (value === undefined) continue;
    const items = objectEntries(value);
    if (items.size === 0 && value !== '{}') {
      problems.push(
        `${where}: ${entry.input} must be written as an object literal so its roles can be checked`,
      );
    }
    for (const [key, item] of items) {
      requireInputs(
        `${where}: ${entry.input}.${key}`,
        objectEntries(item),
        [entry.boundary],
        [entry.path],
      );
    }
  }
  if (rule.whenSet?.inputs.some(input => attributes.has(input))) {
    requireInputs(where, attributes, rule.whenSet.boundary, rule.whenSet.path);
  }
  for (const input of rule.mustNotBeTrue ?? []) {
    if (attributes.has(input) && attributes.get(input) !== 'false') {
      problems.push(
        `${where} must not set ${input}: ${source} cannot put what it creates under ${WORKLOAD_IAM_PATH}`,
      );
    }
  }
  return problems;
}

/** Repository path of `source = "./x"` / `"../x"` relative to the calling file. */
function localModuleDir(file: string, source: string): string {
  const parts = file.split('/').slice(0, -1);
  for (const part of source.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

function checkModule(
  block: HclBlock,
  ctx: FileContext,
  files: Record<string, string>,
): string[] {
  const where = `${ctx.path}: module "${block.labels[0]}"`;
  const { attributes } = parseHclBody(block.body);
  const source = /^"([^"]*)"$/.exec(attributes.get('source') ?? '')?.[1] ?? '';
  if (!/^\.\.?\//.test(source)) {
    return checkRegistryModule(where, source, attributes, ctx);
  }
  const dir = localModuleDir(ctx.path, source);
  const takesBoundary = Object.entries(files).some(
    ([path, text]) =>
      path.startsWith(`${dir}/`) &&
      path.endsWith('.tf') &&
      new RegExp(`\\bvar\\.${BOUNDARY_VARIABLE}\\b`).test(stripComments(text)),
  );
  return takesBoundary && !isBoundary(attributes.get(BOUNDARY_VARIABLE), ctx)
    ? [`${where} must set ${BOUNDARY_VARIABLE} = ${boundaryHint(ctx)}`]
    : [];
}

function rootLocals(rootFiles: string[], files: Record<string, string>) {
  const locals = new Map<string, string>();
  for (const path of rootFiles) {
    for (const block of parseHclBody(stripComments(files[path])).blocks) {
      if (block.type !== 'locals') continue;
      for (const [k, v] of parseHclBody(block.body).attributes)
        locals.set(k, v);
    }
  }
  return locals;
}

/**
 * Problems with the IAM the environment's root (`environments/<name>/*.tf`) and the module
 * library (`modules/**`) create; empty when every role has the boundary and the path.
 */
export function workloadIamProblems(
  request: EnvironmentRequest,
  files: Record<string, string>,
): string[] {
  const rootDir = `environments/${request.name}/`;
  const rootFiles = Object.keys(files)
    .filter(
      p => p.startsWith(rootDir) && !p.slice(rootDir.length).includes('/'),
    )
    .filter(p => p.endsWith('.tf'))
    .sort();
  const libraryFiles = Object.keys(files)
    .filter(p => p.startsWith('modules/') && p.endsWith('.tf'))
    .sort();
  const locals = rootLocals(rootFiles, files);
  const problems: string[] = [];
  for (const path of [...rootFiles, ...libraryFiles]) {
    const ctx: FileContext = {
      path,
      accountId: request.account.accountId,
      inLibrary: path.startsWith('modules/'),
      rootLocals: locals,
    };
    for (const block of parseHclBody(stripComments(files[path])).blocks) {
      if (block.type === 'resource')
        problems.push(...checkResource(block, ctx));
      if (block.type === 'module')
        problems.push(...checkModule(block, ctx, files));
    }
  }
  return problems;
}

/** At most this many problems in the message; the rest are counted. */
const MAX_LISTED_PROBLEMS = 5;

/** The `workload-iam` policy result: an error, so a failure blocks the plan. */
export function workloadIamCheck(
  request: EnvironmentRequest,
  files: Record<string, string>,
): PolicyResult {
  const problems = workloadIamProblems(request, files);
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS).join('; ');
  const more = problems.length - MAX_LISTED_PROBLEMS;
  return result(
    'workload-iam',
    'error',
    problems.length === 0,
    `every IAM role carries the workload permissions boundary and the path ${WORKLOAD_IAM_PATH}`,
    more > 0 ? `${listed}; and ${more} more` : listed,
  );
}
