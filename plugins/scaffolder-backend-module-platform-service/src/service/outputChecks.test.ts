import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFiles } from '@platform-portal/platform-node';
import { renderService } from './__testUtils__/renderService';
import { validForm } from './__testUtils__/serviceFixtures';
import { validateExternalSecret } from './externalSecret';
import { validateManifests } from './manifests';
import {
  checkCatalogInfo,
  checkServiceOutput,
  checkWorkflowInjection,
  findUnrenderedPlaceholders,
} from './outputChecks';

jest.setTimeout(60_000);
const expected = { name: 'orders', owner: 'group:default/team-orders' };

describe('checkServiceOutput on the real rendered skeleton', () => {
  let dir: string;
  let files: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portal-service-output-'));
    await renderService(
      {
        ...validForm,
        environments: ['resource:default/dev', 'resource:default/prod'],
      },
      dir,
    );
    files = await readFiles(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes the rendered repository', async () => {
    const result = await checkServiceOutput(files, expected);
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ workflows: 2, manifests: 2 });
  });

  it('detects a workflow that interpolates pull request text into a script', async () => {
    const ci = files['.github/workflows/ci.yaml'].replace(
      '        run: ruff check .',
      '        run: echo "${{ github.event.pull_request.title }}" && ruff check .',
    );
    expect(ci).not.toBe(files['.github/workflows/ci.yaml']);
    const { problems } = await checkServiceOutput(
      { ...files, '.github/workflows/ci.yaml': ci },
      expected,
    );
    expect(problems).toEqual([
      {
        file: '.github/workflows/ci.yaml',
        message: expect.stringMatching(
          /^jobs\.backend\.steps\[3\] interpolates user-controlled '\$\{\{ github\.event\.pull_request\.title \}\}'/,
        ),
      },
      // actionlint's own expression check agrees (defence in depth).
      {
        file: '.github/workflows/ci.yaml',
        message: expect.stringMatching(
          /potentially untrusted.*\[expression\]$/,
        ),
      },
    ]);
  });

  it('reports actionlint findings with line and column', async () => {
    const broken = files['.github/workflows/delivery.yaml'].replace(
      'needs: [images]',
      'needs: [no-such-job]',
    );
    const { problems } = await checkServiceOutput(
      { ...files, '.github/workflows/delivery.yaml': broken },
      expected,
    );
    expect(problems).toEqual([
      {
        file: '.github/workflows/delivery.yaml',
        message: expect.stringMatching(
          /^\d+:\d+: .*no-such-job.* \[job-needs\]$/,
        ),
      },
    ]);
  });

  it('detects an invalid ArgoCD Application, a broken catalog-info and unrendered placeholders', async () => {
    const { problems } = await checkServiceOutput(
      {
        ...files,
        'deploy/argocd/dev.yaml': files['deploy/argocd/dev.yaml'].replace(
          'path: chart',
          'path: [chart]',
        ),
        'catalog-info.yaml': files['catalog-info.yaml'].replace(
          'type: service',
          'type: website',
        ),
        'docs/index.md': '# ${{ values.name }}\n',
      },
      expected,
    );
    expect(problems.map(p => p.file)).toEqual([
      'docs/index.md',
      'deploy/argocd/dev.yaml',
      'catalog-info.yaml',
    ]);
    expect(problems[1].message).toMatch(
      /^Application orders-dev: \/spec\/source\/path must be string/,
    );
    expect(problems[2].message).toBe('Component: spec.type must be service');
  });

  it('detects YAML syntax errors and missing pieces', async () => {
    const { problems } = await checkServiceOutput(
      { 'chart/values.yaml': 'a: [1', 'README.md': '# x' },
      expected,
    );
    expect(problems.map(p => `${p.file}: ${p.message.slice(0, 30)}`)).toEqual([
      'chart/values.yaml: YAML syntax error: Flow sequen',
      '.github/workflows: no workflows rendered',
      'deploy/argocd: no ArgoCD Application rendered',
      'catalog-info.yaml: missing',
    ]);
  });
});

describe('individual checks', () => {
  it('finds github.head_ref and inputs in github-script too', () => {
    const text = `on: pull_request
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo \${{ github.head_ref }}
      - uses: actions/github-script@v7
        with:
          script: console.log("\${{ inputs.name }}")
      - env:
          TITLE: \${{ github.event.pull_request.title }}
        run: echo "$TITLE"
`;
    expect(
      checkWorkflowInjection('w.yaml', text).map(p => p.message.slice(0, 20)),
    ).toEqual(['jobs.a.steps[0] inte', 'jobs.a.steps[1] inte']);
  });

  it("ignores Helm template syntax but not the portal's own", () => {
    expect(
      findUnrenderedPlaceholders({
        'chart/templates/a.yaml': '{{ .Values.x }} {{- if .Values.y }}',
        'a.md': '{% if values.database %}',
      }),
    ).toEqual([
      { file: 'a.md', message: "unrendered template placeholder '{% if'" },
    ]);
  });

  it("validates catalog-info with the catalog's own policies", async () => {
    const problems = await checkCatalogInfo(
      'catalog-info.yaml',
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: Bad Name\nspec:\n  type: service\n  owner: group:default/team-orders\n',
      expected,
    );
    expect(problems.map(p => p.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Component Bad Name: .*metadata\.name/),
        'Component: name must be orders',
      ]),
    );
  });
});

describe('validateManifests', () => {
  const externalSecret = {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: { name: 'orders-database' },
    spec: {
      refreshInterval: '1h',
      secretStoreRef: {
        kind: 'ClusterSecretStore',
        name: 'aws-secrets-manager',
      },
      target: { name: 'orders-database', creationPolicy: 'Owner' },
      data: [
        {
          secretKey: 'PGHOST',
          remoteRef: { key: 'dev/orders/database', property: 'host' },
        },
      ],
    },
  };

  it('accepts valid core, ArgoCD and ExternalSecret documents and rejects invalid ones', async () => {
    const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: { name: a }
spec:
  selector: { matchLabels: { a: b } }
  template:
    metadata: { labels: { a: b } }
    spec:
      containers: [{ name: a, image: x, ports: [{ containerPort: "80" }] }]
`;
    const { problems, documents } = await validateManifests({
      'es.yaml': JSON.stringify(externalSecret),
      'bad.yaml': deployment,
      'unknown.yaml':
        'apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }\n',
    });
    expect(documents).toBe(3);
    expect(problems).toEqual([
      {
        file: 'unknown.yaml',
        message:
          "Widget w: no schema for apiVersion 'example.com/v1' kind 'Widget'",
      },
      {
        file: 'bad.yaml',
        message: expect.stringMatching(
          /^Deployment a: \/spec\/template\/spec\/containers\/0\/ports\/0\/containerPort must be integer/,
        ),
      },
    ]);
  });

  it('ExternalSecret model: required fields, enums and unknown fields', () => {
    expect(validateExternalSecret(externalSecret)).toEqual([]);
    const broken = JSON.parse(JSON.stringify(externalSecret));
    broken.spec.secretStoreRef.kind = 'Vault';
    broken.spec.target.creationPolicy = 'Always';
    broken.spec.data[0].remoteRef = { property: 'host' };
    broken.spec.refreshIntervall = '1h';
    broken.spec.refreshInterval = 'hourly';
    expect(validateExternalSecret(broken)).toEqual([
      '/spec/refreshIntervall: unknown field of ExternalSecret v1',
      '/spec/refreshInterval: must be a duration such as 1h',
      '/spec/secretStoreRef/kind: must be SecretStore or ClusterSecretStore',
      '/spec/target/creationPolicy: must be Owner, Orphan, Merge or None',
      '/spec/data/0/remoteRef/key: must be a non-empty string',
    ]);
  });
});
