import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { readFiles } from '../workspaceFiles';
import { renderService } from './__testUtils__/renderService';
import { validForm } from './__testUtils__/serviceFixtures';
import { validateManifests } from './manifests';
import { checkServiceOutput } from './outputChecks';

/*
 * CI check of the flask-react-service template's OUTPUT, for several form combinations: the
 * skeleton rendered the way a task does (prepare + fetch:template with the template's inputs),
 * then `helm lint` + `helm template` per environment with every manifest schema-validated, the
 * workflows actionlint-clean, the generated pytest suite against this machine's PostgreSQL and
 * the generated frontend's build and test. scripts/test installs helm and Debian's python3
 * packages first (scripts/lib/service-template-tools.sh); a missing tool fails the test.
 */

jest.setTimeout(900_000);

const REPO_ROOT = resolvePath(__dirname, '../../../..');
const HELM = [join(REPO_ROOT, '.tools/bin/helm'), 'helm'].find(
  h => spawnSync(h, ['version', '--short']).status === 0,
);
const PYTHON = process.env.SERVICE_TEMPLATE_PYTHON ?? '/usr/bin/python3';
const PG_URL = (
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
  'postgresql://postgres@127.0.0.1:5432'
).replace(/\/+$/, '');
const TOOLS_HINT =
  'run scripts/test, or source scripts/lib/service-template-tools.sh and call ensure_service_template_tools';

const combinations = [
  {
    id: 'db-spot-dev',
    form: {
      ...validForm,
      database: true,
      scheduling: 'spot-ok',
      environments: ['resource:default/dev'],
    },
  },
  {
    id: 'nodb-graviton-3envs',
    form: {
      ...validForm,
      name: 'catalogue',
      repoUrl: 'github.com?owner=acme&repo=catalogue',
      database: false,
      scheduling: 'graviton-ok',
      environments: [
        'resource:default/prod',
        'resource:default/dev',
        'resource:default/staging',
      ],
    },
  },
  {
    id: 'db-critical-qa-prod',
    form: {
      ...validForm,
      database: true,
      scheduling: 'critical',
      environments: ['resource:default/qa', 'resource:default/prod'],
    },
  },
];

/** What the chart must render for a form and environment (database and scheduling class). */
function expectedScheduling(
  form: { database: boolean; scheduling: string; name: string },
  env: string,
) {
  const critical = form.scheduling === 'critical';
  return {
    externalSecretKey: form.database ? `${env}/${form.name}/database` : null,
    migrate: form.database
      ? ['alembic', '-c', 'migrations/alembic.ini', 'upgrade', 'head']
      : null,
    nodeSelector: critical
      ? {
          'workload-class': 'critical',
          'karpenter.sh/capacity-type': 'on-demand',
        }
      : { 'workload-class': 'general' },
    tolerations: critical
      ? [
          {
            key: 'workload-class',
            operator: 'Equal',
            value: 'critical',
            effect: 'NoSchedule',
          },
        ]
      : [],
    prefersSpot: !critical,
    prefersArm64: form.scheduling === 'graviton-ok',
    requiresAmd64: form.scheduling === 'spot-ok',
  };
}

function run(
  cmd: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
) {
  const result = spawnSync(cmd, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    status: result.status,
    output: `${result.stdout ?? ''}${result.stderr ?? ''}`,
    stdout: result.stdout ?? '',
  };
}

function docsOf(yamlText: string): any[] {
  return parseAllDocuments(yamlText)
    .map(d => d.toJS())
    .filter(Boolean);
}

/** Installs the generated frontend's dependencies once per package.json into .tools/. */
function frontendNodeModules(packageJson: string): string {
  const deps = JSON.parse(packageJson);
  const key = createHash('sha256')
    .update(JSON.stringify([deps.dependencies, deps.devDependencies]))
    .digest('hex')
    .slice(0, 16);
  const dir = join(REPO_ROOT, '.tools', 'service-template-frontend', key);
  if (!existsSync(join(dir, 'node_modules', '.package-lock.json'))) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ ...deps, name: 'frontend-deps-cache' }),
    );
    const install = run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--loglevel=error'],
      { cwd: dir },
    );
    if (install.status !== 0)
      throw new Error(
        `npm install of the generated frontend failed:\n${install.output}`,
      );
  }
  return join(dir, 'node_modules');
}

describe.each(combinations)(
  'flask-react-service output: $id',
  ({ id, form }) => {
    const dir = mkdtempSync(join(tmpdir(), `portal-service-${id}-`));
    let rendered: Awaited<ReturnType<typeof renderService>>;
    let files: Record<string, string>;
    const envNames = () =>
      rendered.values.environments.map((e: any) => e.name as string);

    beforeAll(async () => {
      rendered = await renderService(form, dir);
      files = await readFiles(dir);
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('passes the validate action checks (YAML, actionlint, no injection, ArgoCD, catalog-info)', async () => {
      const result = await checkServiceOutput(files, {
        name: form.name,
        owner: form.owner,
      });
      expect(result.problems).toEqual([]);
      expect(result.workflows).toBe(2);
      expect(result.manifests).toBe(form.environments.length);
      for (const env of envNames()) {
        expect(Object.keys(files)).toEqual(
          expect.arrayContaining([
            `chart/values-${env}.yaml`,
            `deploy/argocd/${env}.yaml`,
          ]),
        );
      }
    });

    it('helm lint and helm template pass for every environment, and every manifest is schema-valid', async () => {
      if (!HELM) throw new Error(`helm is not installed: ${TOOLS_HINT}`);
      for (const env of envNames()) {
        const values = `chart/values-${env}.yaml`;
        const lint = run(
          HELM,
          ['lint', 'chart', '--strict', '--values', values],
          { cwd: dir },
        );
        expect({
          env,
          status: lint.status,
          output: lint.status === 0 ? '' : lint.output,
        }).toEqual({
          env,
          status: 0,
          output: '',
        });
        const template = run(
          HELM,
          ['template', form.name, 'chart', '--values', values],
          { cwd: dir },
        );
        expect({
          env,
          status: template.status,
          output: template.status === 0 ? '' : template.output,
        }).toEqual({
          env,
          status: 0,
          output: '',
        });
        const { problems, documents } = await validateManifests({
          [`${env}.yaml`]: template.stdout,
        });
        expect(problems).toEqual([]);
        const docs = docsOf(template.stdout);
        expect(documents).toBe(docs.length);
        const kinds = docs.map(d => d.kind).sort();
        expect(kinds).toEqual(
          [
            'Deployment',
            'Deployment',
            'HorizontalPodAutoscaler',
            'HorizontalPodAutoscaler',
            'Ingress',
            'NetworkPolicy',
            'PodDisruptionBudget',
            'PodDisruptionBudget',
            'Service',
            'Service',
            'ServiceAccount',
            ...(form.database ? ['ExternalSecret'] : []),
          ].sort(),
        );
        const envValues = rendered.values.environments.find(
          (e: any) => e.name === env,
        );
        const ingress = docs.find(d => d.kind === 'Ingress');
        expect(ingress.spec.ingressClassName).toBe('alb');
        expect(ingress.spec.rules[0].host).toBe(envValues.host);
        expect(ingress.spec.tls[0].hosts).toEqual([envValues.host]);
        expect(
          docs.find(d => d.kind === 'ServiceAccount').metadata.annotations[
            'eks.amazonaws.com/role-arn'
          ],
        ).toBe(envValues.roleArn);
        const backend = docs.find(
          d => d.kind === 'Deployment' && d.metadata.name.endsWith('-backend'),
        ).spec.template.spec;
        expect(backend.containers[0].readinessProbe.httpGet.path).toBe(
          '/readyz',
        );
        expect(backend.containers[0].livenessProbe.httpGet.path).toBe(
          '/healthz',
        );
        expect(backend.containers[0].resources.requests).toBeDefined();
        expect(backend.containers[0].securityContext).toMatchObject({
          runAsNonRoot: true,
          readOnlyRootFilesystem: true,
        });
        const nodeAffinity = backend.affinity?.nodeAffinity ?? {};
        const preferred = JSON.stringify(
          nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution ?? [],
        );
        expect({
          externalSecretKey:
            docs.find(d => d.kind === 'ExternalSecret')?.spec.data[0].remoteRef
              .key ?? null,
          migrate: backend.initContainers?.[0]?.command ?? null,
          nodeSelector: backend.nodeSelector,
          tolerations: backend.tolerations ?? [],
          prefersSpot: preferred.includes('"spot"'),
          prefersArm64: preferred.includes('"arm64"'),
          requiresAmd64: JSON.stringify(
            nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution ?? {},
          ).includes('"amd64"'),
        }).toEqual(expectedScheduling(form, env));
      }
    });

    it("the generated backend's pytest suite passes (against PostgreSQL when it has a database)", () => {
      if (
        run(PYTHON, [
          '-c',
          'import flask, pytest, sqlalchemy, psycopg2, alembic',
        ]).status !== 0
      ) {
        throw new Error(
          `${PYTHON} lacks flask/pytest/sqlalchemy/psycopg2/alembic: ${TOOLS_HINT}`,
        );
      }
      const database = `svc_${id.replace(/-/g, '_')}_${process.pid}`;
      const admin = (sql: string) =>
        execFileSync(PYTHON, [
          '-c',
          'import sys, psycopg2\nc = psycopg2.connect(sys.argv[1])\nc.autocommit = True\nc.cursor().execute(sys.argv[2])',
          `${PG_URL}/postgres`,
          sql,
        ]);
      if (form.database) admin(`CREATE DATABASE ${database}`);
      try {
        const pytest = run(
          PYTHON,
          ['-m', 'pytest', '-q', '-p', 'no:cacheprovider'],
          {
            cwd: join(dir, 'backend'),
            env: form.database
              ? {
                  DATABASE_URL: `${PG_URL.replace(
                    /^postgresql:/,
                    'postgresql+psycopg2:',
                  )}/${database}`,
                }
              : {},
          },
        );
        expect({
          status: pytest.status,
          output: pytest.status === 0 ? '' : pytest.output,
        }).toEqual({ status: 0, output: '' });
        // Nothing may be skipped: the database tests really ran.
        expect(pytest.output).toMatch(/\d+ passed in /);
        expect(pytest.output).not.toMatch(/skipped/);
      } finally {
        if (form.database)
          admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      }
    });

    it('the generated frontend builds and its test passes', () => {
      const frontend = join(dir, 'frontend');
      symlinkSync(
        frontendNodeModules(
          readFileSync(join(frontend, 'package.json'), 'utf8'),
        ),
        join(frontend, 'node_modules'),
      );
      const build = run('npm', ['run', 'build'], { cwd: frontend });
      expect({
        status: build.status,
        output: build.status === 0 ? '' : build.output,
      }).toEqual({ status: 0, output: '' });
      expect(existsSync(join(frontend, 'dist', 'index.html'))).toBe(true);
      const test = run('npm', ['test'], {
        cwd: frontend,
        env: { NO_COLOR: '1' },
      });
      expect({
        status: test.status,
        output: test.status === 0 ? '' : test.output,
      }).toEqual({ status: 0, output: '' });
      // eslint-disable-next-line no-control-regex
      expect(test.output.replace(/\u001b\[[0-9;]*m/g, '')).toMatch(
        /Tests\s+2 passed/,
      );
    });
  },
);
