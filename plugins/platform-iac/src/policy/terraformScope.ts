import type { EnvironmentRequest } from '../types';
import { argumentsOf, rootDir, TfFile, unquote } from './environmentFiles';
import { HclBlock, parseHclBody } from './hclBody';
import { stripComments } from './terraformText';

/**
 * The value of a string expression as far as it can be known from the rendered files: `text`
 * holds the known parts (unknown interpolations left out), `complete` says whether it is all.
 */
export interface Evaluated {
  text: string;
  complete: boolean;
}

const UNKNOWN: Evaluated = { text: '', complete: false };

/**
 * Outputs of pinned registry modules that are one of their inputs, so `module.eks.cluster_name`
 * evaluates to what the caller passed as `name` (read from the modules' outputs.tf).
 */
const REGISTRY_OUTPUT_INPUTS: Record<string, Record<string, string>> = {
  'terraform-aws-modules/eks/aws': { cluster_name: 'name' },
  'terraform-aws-modules/eks/aws//modules/karpenter': {
    node_iam_role_name: 'node_iam_role_name',
    queue_name: 'queue_name',
  },
  'terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts': {
    name: 'name',
  },
};

/** Index of the `}` closing the `${` whose `{` is at `open`. */
function closeBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return text.length;
}

/**
 * A Terraform module instance (the root, or one call of a local module): its files, the
 * arguments it was called with, and the scope of its caller.
 */
export class Scope {
  private readonly locals = new Map<string, string>();
  private readonly variables = new Map<string, string>();

  constructor(
    readonly dir: string,
    readonly files: TfFile[],
    private readonly allFiles: TfFile[],
    /** Variable values: expressions in `caller`'s scope (module arguments) or literals (tfvars). */
    private readonly inputs: Map<string, string>,
    private readonly caller?: Scope,
  ) {
    for (const file of files) {
      for (const block of file.body.blocks) {
        if (block.type === 'locals') {
          for (const [k, v] of argumentsOf(block).attributes)
            this.locals.set(k, v);
        }
        if (block.type === 'variable') {
          const fallback = argumentsOf(block).attributes.get('default');
          if (fallback !== undefined)
            this.variables.set(block.labels[0], fallback);
        }
      }
    }
  }

  /** Blocks of a type in this module instance. */
  blocks(type: string): HclBlock[] {
    return this.files.flatMap(f => f.body.blocks.filter(b => b.type === type));
  }

  /** The value of a reference such as `var.name`, `local.x` or `module.eks.cluster_name`. */
  lookup(ref: string, depth = 0): Evaluated {
    if (depth > 12) return UNKNOWN;
    const [head, name, output] = ref.split('.');
    if (head === 'var') {
      const given = this.inputs.get(name);
      if (given !== undefined) {
        return this.caller
          ? this.caller.evaluate(given, depth + 1)
          : this.evaluate(given, depth + 1);
      }
      const fallback = this.variables.get(name);
      return fallback === undefined
        ? UNKNOWN
        : this.evaluate(fallback, depth + 1);
    }
    if (head === 'local') {
      const value = this.locals.get(name);
      return value === undefined ? UNKNOWN : this.evaluate(value, depth + 1);
    }
    if (head === 'module' && output)
      return this.moduleOutput(name, output, depth);
    return UNKNOWN;
  }

  private moduleOutput(
    label: string,
    output: string,
    depth: number,
  ): Evaluated {
    const call = this.blocks('module').find(b => b.labels[0] === label);
    if (!call) return UNKNOWN;
    const args = argumentsOf(call).attributes;
    const source = unquote(args.get('source')) ?? '';
    const input = REGISTRY_OUTPUT_INPUTS[source]?.[output];
    if (input) {
      const value = args.get(input);
      return value === undefined ? UNKNOWN : this.evaluate(value, depth + 1);
    }
    const child = this.child(call);
    const out = child?.blocks('output').find(b => b.labels[0] === output);
    const value = out && argumentsOf(out).attributes.get('value');
    return child && value ? child.evaluate(value, depth + 1) : UNKNOWN;
  }

  /** The scope of a local module call made from this scope, if its files are known. */
  child(call: HclBlock): Scope | undefined {
    const args = argumentsOf(call).attributes;
    const source = unquote(args.get('source')) ?? '';
    if (!/^\.\.?\//.test(source)) return undefined;
    const dir = normalise(`${this.dir}/${source}`);
    const files = this.allFiles.filter(f => f.dir === dir);
    return files.length
      ? new Scope(dir, files, this.allFiles, args, this)
      : undefined;
  }

  /** Evaluates a string expression: quoted templates and plain references. */
  evaluate(expression: string, depth = 0): Evaluated {
    const expr = expression.trim();
    if (/^[a-z_][\w-]*(\.[\w-]+)+$/.test(expr)) return this.lookup(expr, depth);
    if (/^-?\d+(\.\d+)?$/.test(expr) || expr === 'true' || expr === 'false') {
      return { text: expr, complete: true };
    }
    if (!expr.startsWith('"') || !expr.endsWith('"')) return UNKNOWN;
    const body = expr.slice(1, -1);
    let text = '';
    let complete = true;
    let i = 0;
    while (i < body.length) {
      if (body[i] === '$' && body[i + 1] === '{') {
        const end = closeBrace(body, i + 1);
        const inner = body.slice(i + 2, end).trim();
        const value = /^[a-z_][\w-]*(\.[\w-]+)+$/.test(inner)
          ? this.lookup(inner, depth + 1)
          : UNKNOWN;
        text += value.text;
        complete = complete && value.complete;
        i = end + 1;
      } else {
        text += body[i];
        i++;
      }
    }
    return { text, complete };
  }
}

function normalise(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/** The root module of the environment, its variables set from `terraform.tfvars`. */
export function rootScope(
  request: EnvironmentRequest,
  files: Record<string, string>,
  tf: TfFile[],
): Scope {
  const dir = rootDir(request);
  const tfvars = files[`${dir}/terraform.tfvars`];
  const inputs = tfvars
    ? parseHclBody(stripComments(tfvars)).attributes
    : new Map<string, string>();
  return new Scope(
    dir,
    tf.filter(f => f.dir === dir),
    tf,
    inputs,
  );
}

/** The root and every local module instance reachable from it. */
export function allScopes(root: Scope): Scope[] {
  const scopes = [root];
  for (let i = 0; i < scopes.length && i < 50; i++) {
    for (const call of scopes[i].blocks('module')) {
      const child = scopes[i].child(call);
      if (child) scopes.push(child);
    }
  }
  return scopes;
}
