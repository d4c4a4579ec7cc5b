#!/usr/bin/env node
/*
 * Writes src/data/terraform-module-variable-types.json: the declared type of every input variable
 * of the pinned terraform-aws-modules (the sources and versions of src/data/terraform-module-inputs.json),
 * read with `git show <tag>:<path>` from local copies of the module repositories.
 *
 *   node plugins/platform-iac/scripts/generate-module-variable-types.mjs <dir>
 *
 * <dir> holds one git directory per repository, either `terraform-aws-<name>` (a clone) or
 * `terraform-aws-modules+terraform-aws-<name>/repo` (a bare mirror). Types are stored as written,
 * comments removed and white space collapsed; validate/variableTypes.ts parses them.
 */
import { parse } from '@cdktf/hcl2json';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const DATA = resolve(import.meta.dirname, '../src/data');
const root = process.argv[2];
if (!root) {
  console.error(
    'usage: generate-module-variable-types.mjs <dir with the module repositories>',
  );
  process.exit(2);
}

function gitDir(repo) {
  for (const candidate of [
    join(root, `terraform-aws-modules+${repo}`, 'repo'),
    join(root, repo),
  ]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`no copy of ${repo} under ${root}`);
}

const git = (dir, ...args) =>
  execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' });

/** Removes comments outside strings, then collapses white space. */
function normaliseType(source) {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '"') {
      const end = source.indexOf('"', i + 1);
      out += source.slice(i, end + 1);
      i = end;
    } else if (c === '#' || (c === '/' && source[i + 1] === '/')) {
      while (i < source.length && source[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && source[i + 1] === '*') {
      i = source.indexOf('*/', i) + 1;
    } else out += c;
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** `${map(string)}` (hcl2json's form of an expression) -> `map(string)`. */
const unwrap = type =>
  typeof type === 'string' && type.startsWith('${') && type.endsWith('}')
    ? type.slice(2, -1)
    : type;

const inputs = JSON.parse(
  readFileSync(join(DATA, 'terraform-module-inputs.json'), 'utf8'),
);
const modules = {};
for (const [source, { version }] of Object.entries(inputs)) {
  const [, name, , subdir] =
    /^terraform-aws-modules\/([^/]+)\/([^/]+)(?:\/\/(.+))?$/.exec(source);
  const repo = `terraform-aws-${name}`;
  const dir = gitDir(repo);
  const tag = version.startsWith('v') ? version : `v${version}`;
  const prefix = subdir ? `${subdir}/` : '';
  const tfFiles = git(dir, 'ls-tree', '--name-only', tag, prefix || '.')
    .split('\n')
    .filter(p => /\.tf$/.test(p))
    .map(p => (p.startsWith(prefix) ? p : `${prefix}${p}`));
  const variables = {};
  for (const path of tfFiles) {
    const json = await parse(path, git(dir, 'show', `${tag}:${path}`));
    for (const [variable, [block]] of Object.entries(json.variable ?? {})) {
      variables[variable] =
        block.type === undefined
          ? 'any'
          : normaliseType(String(unwrap(block.type)));
    }
  }
  modules[source] = {
    repository: `https://github.com/terraform-aws-modules/${repo}`,
    tag,
    commit: git(dir, 'rev-list', '-n', '1', tag).trim(),
    path: prefix || '.',
    variables: Object.fromEntries(
      Object.entries(variables).sort(([a], [b]) => a.localeCompare(b)),
    ),
  };
}
const out = join(DATA, 'terraform-module-variable-types.json');
writeFileSync(out, `${JSON.stringify(modules, null, 1)}\n`);
console.log(`wrote ${out}: ${Object.keys(modules).length} modules`);
