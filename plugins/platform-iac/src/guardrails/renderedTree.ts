import { createHash } from 'node:crypto';

/** The folder of the company's module library in the workspace and the repository. */
export const MODULE_LIBRARY_FOLDER = 'modules';

/** `environments/<name>`: the one folder an environment change owns. */
export function environmentFolder(name: string): string {
  return `environments/${name}`;
}

/**
 * What an environment change may contain: `environments/<name>/**` and the module library
 * `modules/**`. Everything else in the workspace (top-level files, `.github/`, other
 * environments) is never published.
 */
export function renderedTree(
  files: Record<string, string>,
  name: string,
): Record<string, string> {
  const prefixes = [`${environmentFolder(name)}/`, `${MODULE_LIBRARY_FOLDER}/`];
  return Object.fromEntries(
    Object.entries(files).filter(([path]) =>
      prefixes.some(prefix => path.startsWith(prefix)),
    ),
  );
}

const sha256 = (text: string) =>
  createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * SHA-256 over the rendered tree of `name` (see renderedTree): every path with the digest of its
 * content, sorted by path. Plan computes it over what it rendered and the library it checked;
 * publish over what it is about to commit. Any added, removed or changed file changes it.
 */
export function renderedTreeDigest(
  files: Record<string, string>,
  name: string,
): string {
  const tree = renderedTree(files, name);
  const lines = Object.keys(tree)
    .sort()
    .map(path => `${path}\0${sha256(tree[path])}\n`);
  return sha256(lines.join(''));
}

/**
 * Checks an `ifMissing` entry of platform:iac:publish: only the module library (`modules/` or
 * one module `modules/<x>/`) may be added when the base branch lacks it. Returns the problem,
 * naming the field and the rule, or undefined.
 */
export function ifMissingProblem(entry: string): string | undefined {
  const clean = entry.replace(/\/+$/, '');
  const segments = clean.split('/');
  const safe = segments.every(s => /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(s));
  if (safe && segments[0] === MODULE_LIBRARY_FOLDER && segments.length <= 2) {
    return undefined;
  }
  return `ifMissing: '${entry}' is outside the module library; only '${MODULE_LIBRARY_FOLDER}/' or '${MODULE_LIBRARY_FOLDER}/<module>/' may be added besides environments/<name>/`;
}
