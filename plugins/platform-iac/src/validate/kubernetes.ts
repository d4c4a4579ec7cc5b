import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { LineCounter, parseAllDocuments, Document } from 'yaml';
import { ValidationProblem } from '../types';
import { vendoredCrd, validateAgainstCrd } from './crds';

/** Model packages by API group; every other group is kubernetes-models. */
const MODEL_PACKAGES: Record<string, string> = {
  'karpenter.sh': '@kubernetes-models/karpenter',
  'karpenter.k8s.aws': '@kubernetes-models/karpenter',
  'argoproj.io': '@kubernetes-models/argo-cd',
};

interface ModelCheck {
  /** Absolute path of the model's ES module, or undefined when apiVersion/kind is malformed. */
  modelFile?: string;
  kind: string;
  doc: unknown;
}

interface ModelResult {
  status: 'ok' | 'unknown' | 'invalid';
  errors?: Array<{ instancePath?: string; message?: string }>;
  message?: string;
}

/**
 * The model packages are ESM with import-only exports, which neither a CommonJS
 * require nor Jest's module registry can load; a worker thread imports them natively.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
async function check({ modelFile, kind, doc }) {
  if (!modelFile) return { status: 'unknown' };
  let Model;
  try { Model = (await import(pathToFileURL(modelFile).href))[kind]; } catch { return { status: 'unknown' }; }
  if (typeof Model !== 'function') return { status: 'unknown' };
  try { new Model(doc).validate(); return { status: 'ok' }; }
  catch (e) { return { status: 'invalid', errors: e.details || e.errors, message: e.message }; }
}
Promise.all(workerData.map(check)).then(r => parentPort.postMessage(r), e => parentPort.postMessage({ error: String(e) }));
`;

function packageRoot(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

/** Maps apiVersion + kind to the model file, rejecting anything path-like. */
function modelFile(apiVersion: unknown, kind: unknown): string | undefined {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string')
    return undefined;
  if (!/^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion)) return undefined;
  if (!/^[A-Z][A-Za-z0-9]*$/.test(kind)) return undefined;
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  const pkg = MODEL_PACKAGES[group] ?? 'kubernetes-models';
  return path.join(packageRoot(pkg), apiVersion, `${kind}.js`);
}

function runWorker(checks: ModelCheck[]): Promise<ModelResult[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: checks,
    });
    worker.once('message', message => {
      worker.terminate();
      if (Array.isArray(message)) resolve(message);
      else reject(new Error(message?.error ?? 'model worker failed'));
    });
    worker.once('error', reject);
  });
}

interface ParsedDoc {
  file: string;
  doc: Document;
  lines: LineCounter;
}

/** 1-based line of the node at an ajv instancePath, falling back to its nearest parent. */
function lineOf(parsed: ParsedDoc, instancePath = ''): number | undefined {
  const segments = instancePath
    .split('/')
    .filter(Boolean)
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map(s => (/^\d+$/.test(s) ? Number(s) : s));
  for (let n = segments.length; n >= 0; n--) {
    const node = parsed.doc.getIn(segments.slice(0, n), true) as
      | { range?: [number, number, number] }
      | undefined;
    if (node?.range) return parsed.lines.linePos(node.range[0]).line;
  }
  return parsed.doc.contents?.range
    ? parsed.lines.linePos(parsed.doc.contents.range[0]).line
    : undefined;
}

function parseYamlFile(
  file: string,
  text: string,
): { docs: ParsedDoc[]; problems: ValidationProblem[] } {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines });
  const problems: ValidationProblem[] = [];
  const parsed: ParsedDoc[] = [];
  for (const doc of Array.isArray(docs) ? docs : []) {
    for (const error of doc.errors) {
      problems.push({
        file,
        line: error.linePos?.[0].line,
        column: error.linePos?.[0].col,
        message: `YAML syntax error: ${error.message}`,
      });
    }
    if (!doc.errors.length && doc.contents) parsed.push({ file, doc, lines });
  }
  return { docs: parsed, problems };
}

function describe(doc: Document): { apiVersion: unknown; kind: unknown } {
  return { apiVersion: doc.get('apiVersion'), kind: doc.get('kind') };
}

/**
 * Validates custom resources without a model package against their vendored CRD schema
 * (src/validate/crds); `undefined` for every other document.
 */
function checkVendoredCrd(doc: Document): ModelResult | undefined {
  const { apiVersion, kind } = describe(doc);
  const crd = vendoredCrd(apiVersion, kind);
  if (!crd) return undefined;
  const errors = validateAgainstCrd(crd, doc.toJS());
  return errors.length ? { status: 'invalid', errors } : { status: 'ok' };
}

/**
 * Schema-validates every document of the given YAML files by apiVersion + kind: the
 * kubernetes-models packages (core, Karpenter, Argo CD) or a vendored CRD schema; any other
 * apiVersion/kind is reported as unknown.
 */
export async function validateKubernetesFiles(
  files: Record<string, string>,
): Promise<ValidationProblem[]> {
  const problems: ValidationProblem[] = [];
  const docs: ParsedDoc[] = [];
  for (const [file, text] of Object.entries(files)) {
    const result = parseYamlFile(file, text);
    problems.push(...result.problems);
    docs.push(...result.docs);
  }
  if (docs.length === 0) return problems;
  const results: Array<ModelResult | undefined> = docs.map(({ doc }) =>
    checkVendoredCrd(doc),
  );
  const modelled = docs.filter((_, i) => !results[i]);
  if (modelled.length > 0) {
    const checks = modelled.map(({ doc }) => {
      const { apiVersion, kind } = describe(doc);
      return {
        modelFile: modelFile(apiVersion, kind),
        kind: String(kind),
        doc: doc.toJS(),
      };
    });
    const modelResults = await runWorker(checks);
    let next = 0;
    results.forEach((r, i) => {
      if (!r) results[i] = modelResults[next++];
    });
  }
  (results as ModelResult[]).forEach((result, i) => {
    const parsed = docs[i];
    const { apiVersion, kind } = describe(parsed.doc);
    const name = `${String(kind)} (${String(apiVersion)})`;
    if (result.status === 'unknown') {
      problems.push({
        file: parsed.file,
        line: lineOf(parsed, '/kind'),
        message: `unknown apiVersion/kind: ${name}`,
      });
      return;
    }
    for (const error of result.status === 'invalid'
      ? result.errors ?? [{}]
      : []) {
      problems.push({
        file: parsed.file,
        line: lineOf(parsed, error.instancePath),
        message: `${name} ${error.instancePath || '/'}: ${
          error.message ?? result.message
        }`,
      });
    }
  });
  return problems;
}
