import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import fc from 'fast-check';
import { objectEntries, parseHclBody } from '../policy/hclBody';
import { stripComments } from '../policy/terraformText';
import { cost, network, request } from './__fixtures__/requests';
import { renderEnvironment } from './renderEnvironment';
import {
  albAccessLogsBucket,
  BUCKET_NAME_MAX,
  IAM_POLICY_NAME_MAX,
  IAM_ROLE_NAME_MAX,
  karpenterQueueName,
  stage1PolicyNames,
  stage1RoleNames,
  WORKLOAD_ROLE_KEY_MAX,
} from './stage1Names';
import { environmentNames } from '../__testUtils__/environmentNames';

const LIBRARY_DIR = resolvePath(
  __dirname,
  '../../../../templates/aws-environment/modules',
);
/** The longest region names (14 characters), for the bucket-name bound. */
const LONGEST_REGION = 'ap-southeast-5';
const ACCOUNT_ID = '123456789012';

function moduleText(name: string): string {
  return readdirSync(join(LIBRARY_DIR, name))
    .filter(f => f.endsWith('.tf'))
    .map(f => stripComments(readFileSync(join(LIBRARY_DIR, name, f), 'utf8')))
    .join('\n');
}

const MODULES = readdirSync(LIBRARY_DIR).filter(m => m !== 'security-baseline');

interface NameTemplate {
  module: string;
  kind: 'role' | 'policy';
  /** Where the name is set, for messages. */
  at: string;
  template: string;
}

/** Module inputs (at any depth of an object literal) that name IAM roles or policies. */
function nameInputs(
  attributes: Map<string, string>,
  at: string,
  out: Array<{ kind: 'role' | 'policy'; at: string; value: string }>,
) {
  for (const [key, value] of attributes) {
    if (/(^|_)role_name$/.test(key))
      out.push({ kind: 'role', at: `${at}.${key}`, value });
    else if (/(^|_)policy_name$/.test(key))
      out.push({ kind: 'policy', at: `${at}.${key}`, value });
    else nameInputs(objectEntries(value), `${at}.${key}`, out);
  }
}

/** Every IAM role/policy name the library sets, resolved through each module's locals. */
function libraryNameTemplates(): NameTemplate[] {
  const templates: NameTemplate[] = [];
  for (const module of MODULES) {
    const body = parseHclBody(moduleText(module));
    const locals = new Map<string, string>();
    for (const b of body.blocks.filter(x => x.type === 'locals')) {
      for (const [k, v] of parseHclBody(b.body).attributes) locals.set(k, v);
    }
    const found: Array<{ kind: 'role' | 'policy'; at: string; value: string }> =
      [];
    for (const b of body.blocks) {
      const attributes = parseHclBody(b.body).attributes;
      if (b.type === 'resource' && b.labels[0] === 'aws_iam_role') {
        found.push({
          kind: 'role',
          at: b.labels.join('.'),
          value: attributes.get('name') ?? '',
        });
      }
      if (b.type === 'resource' && b.labels[0] === 'aws_iam_policy') {
        found.push({
          kind: 'policy',
          at: b.labels.join('.'),
          value: attributes.get('name') ?? '',
        });
      }
      if (b.type === 'module')
        nameInputs(attributes, `module.${b.labels[0]}`, found);
    }
    for (const f of found) {
      const value = f.value.replace(
        /^local\.([\w-]+)$/,
        (_, n) => locals.get(n) ?? _,
      );
      const template = value.replace(/\$\{local\.([\w-]+)\}/g, (_, n) =>
        (locals.get(n) ?? '').replace(/^"|"$/g, ''),
      );
      templates.push({
        module,
        kind: f.kind,
        at: `${module}: ${f.at}`,
        template,
      });
    }
  }
  return templates;
}

/** `var.name`/`var.cluster_name` of each library module as the rendered root binds them. */
function rootBindings(mainTf: string, environment: string) {
  const bindings = new Map<string, Record<string, string>>();
  for (const b of parseHclBody(stripComments(mainTf)).blocks) {
    if (b.type !== 'module') continue;
    const attributes = parseHclBody(b.body).attributes;
    const dir = /"[./]*modules\/([\w-]+)"/.exec(
      attributes.get('source') ?? '',
    )?.[1];
    if (!dir) continue;
    const value = (expression?: string) =>
      expression === undefined
        ? ''
        : expression
            .replace(
              /^(var\.environment|module\.eks\.cluster_name)$/,
              environment,
            )
            .replace(/^"(.*)"$/, '$1')
            .replace(/\$\{var\.environment\}/g, environment);
    bindings.set(dir, {
      name: value(attributes.get('name')),
      cluster_name: value(attributes.get('cluster_name')),
    });
  }
  return bindings;
}

function evaluate(t: NameTemplate, vars: Record<string, string>): string {
  const literal = /^"(.*)"$/.exec(t.template);
  if (!literal)
    throw new Error(`${t.at}: not a string template: ${t.template}`);
  const name = literal[1]
    .replace(/\$\{var\.(name|cluster_name)\}/g, (_, v) => vars[v])
    .replace(/\$\{each\.key\}/g, 'k'.repeat(WORKLOAD_ROLE_KEY_MAX));
  if (/\$\{/.test(name)) throw new Error(`${t.at}: unresolved ${name}`);
  return name;
}

function renderedNames(environment: string) {
  const files = renderEnvironment({
    request: request('prod', { name: environment }),
    network: network('prod'),
    cost: cost('prod'),
  });
  const bindings = rootBindings(
    files[`environments/${environment}/main.tf`],
    environment,
  );
  return libraryNameTemplates().map(t => {
    const vars = bindings.get(t.module);
    if (!vars)
      throw new Error(`${t.at}: module ${t.module} is not called by the root`);
    return { ...t, name: evaluate(t, vars) };
  });
}

describe('stage 1 IAM names', () => {
  it('every role and policy of the library has an explicit name, listed in stage1Names', () => {
    const names = renderedNames('orders-prod');
    const roles = names.filter(n => n.kind === 'role' && n.module !== 'irsa');
    const policies = names.filter(n => n.kind === 'policy');
    expect(roles.map(r => r.name).sort()).toEqual(
      stage1RoleNames('orders-prod').sort(),
    );
    expect(policies.map(p => p.name).sort()).toEqual(
      stage1PolicyNames('orders-prod').sort(),
    );
    expect(names.filter(n => n.module === 'irsa').map(n => n.template)).toEqual(
      ['"${var.cluster_name}-${each.key}"'],
    );
  });

  it('uses no name_prefix and turns every module name prefix off', () => {
    const prefixInputs: string[] = [];
    const withPrefix: string[] = [];
    for (const module of MODULES) {
      const text = moduleText(module);
      for (const b of parseHclBody(text).blocks) {
        const iam = b.type === 'resource' && /^aws_iam_/.test(b.labels[0]);
        if (iam && parseHclBody(b.body).attributes.has('name_prefix')) {
          withPrefix.push(`${module}: ${b.labels.join('.')}`);
        }
      }
      for (const m of text.matchAll(/\b(\w*use_name_prefix)\s*=\s*(\S+)/g)) {
        prefixInputs.push(`${module}: ${m[1]} = ${m[2]}`);
      }
    }
    expect(withPrefix).toEqual([]);
    // Every IAM name-prefix input of the pinned modules the library calls (defaults true except
    // rds-aurora's), set explicitly.
    expect(prefixInputs.sort()).toEqual([
      'database: iam_role_use_name_prefix = false',
      'eks: encryption_policy_use_name_prefix = false',
      'eks: iam_role_use_name_prefix = false',
      'eks: iam_role_use_name_prefix = false',
      'karpenter: iam_policy_use_name_prefix = false',
      'karpenter: iam_role_use_name_prefix = false',
      'karpenter: node_iam_role_use_name_prefix = false',
    ]);
  });

  it('fits IAM, S3 and SQS limits for every environment name the form accepts', () => {
    fc.assert(
      fc.property(environmentNames(), environment => {
        for (const n of renderedNames(environment)) {
          const max =
            n.kind === 'role' ? IAM_ROLE_NAME_MAX : IAM_POLICY_NAME_MAX;
          if (n.name.length > max) {
            throw new Error(
              `${n.at}: ${n.name} is ${n.name.length} > ${max} characters`,
            );
          }
        }
        expect(
          albAccessLogsBucket(environment, ACCOUNT_ID, LONGEST_REGION).length,
        ).toBeLessThanOrEqual(BUCKET_NAME_MAX);
        expect(karpenterQueueName(environment).length).toBeLessThanOrEqual(80);
      }),
      { numRuns: 60 },
    );
  });

  it('the longest name gives the longest role (21 + 21 characters) and bucket (58)', () => {
    const longest = 'a'.repeat(21);
    const roles = renderedNames(longest).filter(n => n.kind === 'role');
    expect(Math.max(...roles.map(r => r.name.length))).toBe(
      21 + 1 + WORKLOAD_ROLE_KEY_MAX,
    );
    expect(
      Math.max(
        ...roles.filter(r => r.module !== 'irsa').map(r => r.name.length),
      ),
    ).toBe(42);
    expect(
      albAccessLogsBucket(longest, ACCOUNT_ID, LONGEST_REGION),
    ).toHaveLength(58);
  });

  it('the bucket and queue names are the ones the modules build', () => {
    expect(moduleText('alb-ingress')).toContain(
      'access_logs_bucket = "${var.cluster_name}-alb-logs-${local.account_id}-${local.region}"',
    );
    const karpenter = moduleText('karpenter');
    expect(karpenter).toMatch(
      /queue_name\s*=\s*"\$\{var\.cluster_name\}-karpenter"/,
    );
    expect(karpenter).toMatch(/\bqueue_name\s*=\s*local\.queue_name/);
    expect(albAccessLogsBucket('orders', ACCOUNT_ID, 'eu-west-1')).toBe(
      'orders-alb-logs-123456789012-eu-west-1',
    );
  });
});
