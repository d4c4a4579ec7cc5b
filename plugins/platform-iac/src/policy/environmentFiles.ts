import { parseAllDocuments } from 'yaml';
import type { EnvironmentRequest } from '../types';
import { HclBlock, HclBody, parseHclBody } from './hclBody';
import { stripComments } from './terraformText';

/** One Terraform file of stage 1, comment-free and parsed. */
export interface TfFile {
  path: string;
  text: string;
  body: HclBody;
  /** `environments/<name>` for the root, `modules/<x>` for a local module. */
  dir: string;
}

/** One YAML document of stage 2 (or any manifest rendered under the environment folder). */
export interface Manifest {
  path: string;
  doc: any;
}

/** Folder of the environment's Terraform root. */
export const rootDir = (request: EnvironmentRequest) =>
  `environments/${request.name}`;

function normalisePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/** Repository-relative folders of `source = "./x"` / `"../x"` modules called from `dir`. */
export function localModuleDirs(dir: string, text: string): string[] {
  const sources = [...text.matchAll(/\bsource\s*=\s*"(\.\.?\/[^"]*)"/g)];
  return [...new Set(sources.map(m => normalisePath(`${dir}/${m[1]}`)))];
}

function tfFile(path: string, source: string, dir: string): TfFile {
  const text = stripComments(source);
  return { path, text, body: parseHclBody(text), dir };
}

/**
 * Stage 1: the `.tf` files directly in `environments/<name>/` and the `.tf` files of the local
 * modules they call (`source = "../../modules/x"`), as far as `files` holds them. Undefined
 * when the root has no `main.tf`.
 */
export function stageOneFiles(
  request: EnvironmentRequest,
  files: Record<string, string>,
): TfFile[] | undefined {
  const dir = rootDir(request);
  if (files[`${dir}/main.tf`] === undefined) return undefined;
  const root = Object.keys(files)
    .filter(
      p =>
        p.startsWith(`${dir}/`) && /^[^/]+\.tf$/.test(p.slice(dir.length + 1)),
    )
    .sort()
    .map(p => tfFile(p, files[p], dir));
  const moduleDirs = localModuleDirs(dir, root.map(f => f.text).join('\n'));
  const modules = Object.keys(files)
    .filter(p => {
      const slash = p.lastIndexOf('/');
      return p.endsWith('.tf') && moduleDirs.includes(p.slice(0, slash));
    })
    .sort()
    .map(p => tfFile(p, files[p], p.slice(0, p.lastIndexOf('/'))));
  return [...root, ...modules];
}

/** Every YAML document under `environments/<name>/` except the catalog entity. */
export function environmentManifests(
  request: EnvironmentRequest,
  files: Record<string, string>,
): Manifest[] {
  const dir = `${rootDir(request)}/`;
  const manifests: Manifest[] = [];
  for (const path of Object.keys(files).sort()) {
    if (!path.startsWith(dir) || !/\.ya?ml$/.test(path)) continue;
    if (path.endsWith('/catalog-info.yaml')) continue;
    for (const doc of parseAllDocuments(files[path])) {
      const value = doc.errors.length ? undefined : doc.toJS();
      if (value && typeof value === 'object')
        manifests.push({ path, doc: value });
    }
  }
  return manifests;
}

/** Manifests of one kind. */
export const manifestsOfKind = (manifests: Manifest[], kind: string) =>
  manifests.filter(m => m.doc.kind === kind);

/** A top-level block of a file with where it was found. */
export interface Located {
  file: TfFile;
  block: HclBlock;
}

/** `resource "<type>" "<name>"` blocks (every type when `type` is omitted). */
export function resources(tf: TfFile[], type?: string | RegExp): Located[] {
  return blocksOf(tf, 'resource', type);
}

/** `data "<type>" "<name>"` blocks. */
export function dataSources(tf: TfFile[], type?: string | RegExp): Located[] {
  return blocksOf(tf, 'data', type);
}

function blocksOf(
  tf: TfFile[],
  kind: string,
  type?: string | RegExp,
): Located[] {
  return tf.flatMap(file =>
    file.body.blocks
      .filter(b => b.type === kind)
      .filter(
        b =>
          type === undefined ||
          (typeof type === 'string'
            ? b.labels[0] === type
            : type.test(b.labels[0])),
      )
      .map(block => ({ file, block })),
  );
}

/** `module` blocks whose `source` is the given registry source (version pins aside). */
export function registryModules(tf: TfFile[], source: string): Located[] {
  return tf.flatMap(file =>
    file.body.blocks
      .filter(b => b.type === 'module')
      .filter(
        b => unquote(parseHclBody(b.body).attributes.get('source')) === source,
      )
      .map(block => ({ file, block })),
  );
}

/** The arguments of a block. */
export const argumentsOf = (block: HclBlock) => parseHclBody(block.body);

/** `"x"` -> `x`; anything else unchanged (undefined stays undefined). */
export function unquote(expression: string | undefined): string | undefined {
  if (expression === undefined) return undefined;
  const m = /^"([^"$]*)"$/.exec(expression.trim());
  return m ? m[1] : expression.trim();
}

/** `resource.type.name` of a located block, for messages. */
export const address = ({ block }: Located) =>
  `${block.type === 'resource' ? '' : `${block.type}.`}${block.labels.join(
    '.',
  )}`;

/** The quoted strings of a list expression `["a", "b"]` (templates kept as written). */
export function listStrings(expression: string | undefined): string[] {
  if (!expression) return [];
  return [...expression.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(m => m[1]);
}
