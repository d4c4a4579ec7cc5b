import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { parseAllDocuments } from 'yaml';
import { validateExternalSecret } from './externalSecret';

/** One problem in one file: `file: message`. */
export interface OutputProblem {
  file: string;
  message: string;
}

/**
 * The model packages are ESM with import-only exports, which neither CommonJS require nor Jest's
 * module registry can load; a worker thread imports them natively.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
async function check({ modelFile, kind, doc }) {
  let Model;
  try { Model = (await import(pathToFileURL(modelFile).href))[kind]; } catch { return { status: 'unknown' }; }
  if (typeof Model !== 'function') return { status: 'unknown' };
  try { new Model(doc).validate(); return { status: 'ok' }; }
  catch (e) { return { status: 'invalid', errors: (e.details || e.errors || []).map(d => (d.instancePath || '/') + ' ' + d.message), message: e.message }; }
}
Promise.all(workerData.map(check)).then(r => parentPort.postMessage(r), e => parentPort.postMessage({ error: String(e) }));
`;

const packageRoot = (name: string) =>
  path.dirname(require.resolve(`${name}/package.json`));

/** The model file of apiVersion + kind, or undefined when no package models it. */
function modelFile(apiVersion: string, kind: string): string | undefined {
  if (!/^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion)) return undefined;
  if (!/^[A-Z][A-Za-z0-9]*$/.test(kind)) return undefined;
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  if (group === 'argoproj.io') {
    return path.join(
      packageRoot('@kubernetes-models/argo-cd'),
      apiVersion,
      `${kind}.js`,
    );
  }
  if (group.includes('.') && !group.endsWith('.k8s.io')) return undefined;
  return path.join(packageRoot('kubernetes-models'), apiVersion, `${kind}.js`);
}

type Check = { modelFile: string; kind: string; doc: unknown };
type Result = {
  status: 'ok' | 'unknown' | 'invalid';
  errors?: string[];
  message?: string;
};

function runWorker(checks: Check[]): Promise<Result[]> {
  if (checks.length === 0) return Promise.resolve([]);
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

/**
 * Validates every document of the given YAML files against its Kubernetes schema:
 * kubernetes-models for the core API groups, @kubernetes-models/argo-cd for ArgoCD, a structural
 * model for ExternalSecret v1. Unknown kinds are problems too: nothing passes unchecked.
 */
export async function validateManifests(
  files: Record<string, string>,
): Promise<{ problems: OutputProblem[]; documents: number }> {
  const problems: OutputProblem[] = [];
  const checks: Array<Check & { file: string; name: string }> = [];
  let documents = 0;
  for (const [file, text] of Object.entries(files)) {
    for (const doc of parseAllDocuments(text) as any[]) {
      if (doc.errors?.length) {
        problems.push(
          ...doc.errors.map((e: Error) => ({
            file,
            message: `YAML syntax error: ${e.message}`,
          })),
        );
        continue;
      }
      const value = doc.toJS();
      if (value === null || value === undefined) continue;
      documents++;
      const apiVersion = String(value.apiVersion ?? '');
      const kind = String(value.kind ?? '');
      const name = `${kind} ${value.metadata?.name ?? '(unnamed)'}`;
      if (
        apiVersion === 'external-secrets.io/v1' &&
        kind === 'ExternalSecret'
      ) {
        problems.push(
          ...validateExternalSecret(value).map(message => ({
            file,
            message: `${name}: ${message}`,
          })),
        );
        continue;
      }
      const model = modelFile(apiVersion, kind);
      if (!model) {
        problems.push({
          file,
          message: `${name}: no schema for apiVersion '${apiVersion}' kind '${kind}'`,
        });
        continue;
      }
      checks.push({ modelFile: model, kind, doc: value, file, name });
    }
  }
  const results = await runWorker(
    checks.map(({ modelFile: m, kind, doc }) => ({ modelFile: m, kind, doc })),
  );
  results.forEach((result, i) => {
    const { file, name } = checks[i];
    if (result.status === 'unknown') {
      problems.push({ file, message: `${name}: unknown apiVersion/kind` });
    } else if (result.status === 'invalid') {
      const details = result.errors?.length
        ? result.errors
        : [result.message ?? 'invalid'];
      problems.push(...details.map(d => ({ file, message: `${name}: ${d}` })));
    }
  });
  return { problems, documents };
}
