import { parse, stringify } from 'yaml';
import { PINNED_MODULE_INPUTS } from '../data';
import { cost, network, request } from '../render/__fixtures__/requests';
import { renderEnvironment } from '../render/renderEnvironment';
import { TIERS } from '../types';
import { VENDORED_CRDS } from './crds';
import { validateRenderedFiles } from './validateRenderedFiles';

function stageTwo(tier: (typeof TIERS)[number]): Record<string, string> {
  const files = renderEnvironment({
    request: request(tier),
    network: network(tier),
    cost: cost(tier),
  });
  return Object.fromEntries(
    Object.entries(files).filter(([f]) => /\/(cluster|gitops)\//.test(f)),
  );
}

const validate = (files: Record<string, string>) =>
  validateRenderedFiles(files, PINNED_MODULE_INPUTS);

/** One document, edited, as the only file to validate. */
async function problemsOf(doc: unknown) {
  return validate({ 'cluster/x.yaml': stringify(doc) });
}

const store = (spec: unknown, kind = 'ClusterSecretStore') => ({
  apiVersion: 'external-secrets.io/v1',
  kind,
  metadata: { name: 'platform', namespace: 'x' },
  spec,
});
const aws = { service: 'SecretsManager', region: 'eu-west-1' };

describe('stage 2 schema validation', () => {
  it.each(TIERS)(
    'finds every rendered %s manifest schema-valid',
    async tier => {
      const files = stageTwo(tier);
      expect(Object.keys(files).length).toBeGreaterThanOrEqual(13);
      await expect(validate(files)).resolves.toEqual([]);
    },
  );

  it('vendors the CRD of every custom resource that has no model package', () => {
    expect(
      VENDORED_CRDS.map(c => `${c.group}/${c.version} ${c.kind}`).sort(),
    ).toEqual([
      'elbv2.k8s.aws/v1beta1 IngressClassParams',
      'external-secrets.io/v1 ClusterSecretStore',
      'external-secrets.io/v1 ExternalSecret',
      'external-secrets.io/v1 SecretStore',
    ]);
  });

  it('rejects a ClusterSecretStore with a bad condition, provider or unknown field', async () => {
    await expect(
      problemsOf(
        store({
          conditions: [{ namespaces: ['Not_A_Name'] }],
          provider: { aws },
        }),
      ),
    ).resolves.toEqual([
      expect.objectContaining({
        message: expect.stringContaining(
          'ClusterSecretStore (external-secrets.io/v1) /spec/conditions/0/namespaces/0: must match pattern',
        ),
      }),
    ]);
    const wrongService = await problemsOf(
      store({ provider: { aws: { ...aws, service: 'S3' } } }),
    );
    expect(wrongService.map(p => p.message)).toContainEqual(
      expect.stringContaining(
        '/spec/provider/aws/service: must be equal to one of the allowed values',
      ),
    );
    const missingRegion = await problemsOf(
      store({ provider: { aws: { service: 'SecretsManager' } } }),
    );
    expect(missingRegion.map(p => p.message)).toContainEqual(
      expect.stringContaining(
        "/spec/provider/aws: must have required property 'region'",
      ),
    );
    const typo = await problemsOf(
      store({ provider: { aws: { ...aws, prefx: 'a/' } } }),
    );
    expect(typo.map(p => p.message)).toEqual([
      'ClusterSecretStore (external-secrets.io/v1) /spec/provider/aws: unknown field "prefx"',
    ]);
  });

  it('rejects a broken SecretStore and ExternalSecret', async () => {
    const secretStore = await problemsOf(
      store({ refreshInterval: '1h' }, 'SecretStore'),
    );
    expect(secretStore.map(p => p.message)).toEqual([
      "SecretStore (external-secrets.io/v1) /spec: must have required property 'provider'",
    ]);
    const externalSecret = await problemsOf({
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: 'db', namespace: 'monitoring' },
      spec: {
        secretStoreRef: { kind: 'ClusterSecretStore', name: 'platform' },
        data: [{ secretKey: 'password' }],
      },
    });
    expect(externalSecret.map(p => p.message)).toContainEqual(
      "ExternalSecret (external-secrets.io/v1) /spec/data/0: must have required property 'remoteRef'",
    );
  });

  it('rejects broken IngressClassParams at the offending line', async () => {
    const file = 'environments/orders-prod/cluster/ingress/ingressclass.yaml';
    const text = stageTwo('prod')[file].replace(
      'scheme: internet-facing',
      'scheme: public',
    );
    const problems = await validate({ [file]: text });
    expect(problems).toEqual([
      {
        file,
        line: text.split('\n').findIndex(l => l.includes('scheme: public')) + 1,
        message:
          'IngressClassParams (elbv2.k8s.aws/v1beta1) /spec/scheme: must be equal to one of the allowed values',
      },
    ]);
    const noGroupName = await validate({
      [file]: stageTwo('prod')[file].replace(
        /group:\n\s+name: orders-prod/,
        'group: {}',
      ),
    });
    expect(noGroupName.map(p => p.message)).toEqual([
      "IngressClassParams (elbv2.k8s.aws/v1beta1) /spec/group: must have required property 'name'",
    ]);
  });

  it('validates Argo CD objects with their models', async () => {
    const files = stageTwo('dev');
    const appFile = 'environments/orders-dev/gitops/platform.yaml';
    const badApp = await validate({
      [appFile]: files[appFile].replace('recurse: true', 'recurse: always'),
    });
    expect(badApp.map(p => p.message)).toContainEqual(
      expect.stringContaining(
        'Application (argoproj.io/v1alpha1) /spec/source/directory/recurse',
      ),
    );
    const projectFile = 'environments/orders-dev/gitops/project.yaml';
    const project = parse(files[projectFile]);
    project.spec.sourceRepos = 'https://github.com/acme/infrastructure';
    const badProject = await validate({ [projectFile]: stringify(project) });
    expect(badProject.map(p => p.message)).toContainEqual(
      expect.stringContaining(
        'AppProject (argoproj.io/v1alpha1) /spec/sourceRepos',
      ),
    );
    const unknownKind = await validate({
      'gitops/x.yaml':
        'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: x\n',
    });
    expect(unknownKind.map(p => p.message)).toEqual([
      'unknown apiVersion/kind: Rollout (argoproj.io/v1alpha1)',
    ]);
  });
});
