import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFiles } from '@platform-portal/platform-node';
import { renderService } from './__testUtils__/renderService';
import { validForm } from './__testUtils__/serviceFixtures';
import { checkServiceOutput } from './outputChecks';
import {
  checkFrontend,
  checkHelmEnvironment,
  hasDatabase,
  runPytest,
} from '@platform-portal/service-repo-checks';

/*
 * CI check of the flask-react-service template's OUTPUT, for several form combinations: the
 * skeleton rendered the way a task does (prepare + fetch:template with the template's inputs),
 * then `helm lint` + `helm template` per environment with every manifest schema-validated, the
 * workflows actionlint-clean, the generated pytest suite against this machine's PostgreSQL and
 * the generated frontend's build and test. scripts/test installs helm and Debian's python3
 * packages first (scripts/lib/service-template-tools.sh); a missing tool fails the test.
 */

jest.setTimeout(900_000);

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
      for (const env of envNames()) {
        const { lint, template, problems, documents, docs } =
          await checkHelmEnvironment(dir, form.name, env);
        expect({
          env,
          status: lint.status,
          output: lint.status === 0 ? '' : lint.output,
        }).toEqual({
          env,
          status: 0,
          output: '',
        });
        expect({
          env,
          status: template.status,
          output: template.status === 0 ? '' : template.output,
        }).toEqual({
          env,
          status: 0,
          output: '',
        });
        expect(problems).toEqual([]);
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
      // The repository itself says whether it has a database; it must agree with the form.
      expect(hasDatabase(dir)).toBe(form.database);
      const pytest = runPytest(dir, { database: form.database, label: id });
      expect({
        status: pytest.status,
        output: pytest.status === 0 ? '' : pytest.output,
      }).toEqual({ status: 0, output: '' });
      // Nothing may be skipped: the database tests really ran.
      expect(pytest.output).toMatch(/\d+ passed in /);
      expect(pytest.output).not.toMatch(/skipped/);
      expect(pytest.ok).toBe(true);
    });

    it('the generated frontend builds and its test passes', () => {
      const { build, indexHtml, test, testsPassed } = checkFrontend(dir);
      expect({
        status: build.status,
        output: build.status === 0 ? '' : build.output,
      }).toEqual({ status: 0, output: '' });
      expect(indexHtml).toBe(true);
      expect({
        status: test?.status,
        output: test?.status === 0 ? '' : test?.output,
      }).toEqual({ status: 0, output: '' });
      expect(testsPassed).toBe(2);
    });
  },
);
