import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { Octokit } from 'octokit';
import { FakeGitHub, startFakeGitHub } from './fakeGitHub';

const TOKEN = 'ghp_portal';

jest.setTimeout(30_000);

describe('startFakeGitHub with Backstage', () => {
  let fake: FakeGitHub;
  let config: ConfigReader;

  beforeEach(async () => {
    fake = await startFakeGitHub({ tokens: [TOKEN] });
    await fake.createRepo('acme', 'catalog', {
      'catalog-info.yaml': 'kind: Component\n',
      'docs/index.md': '# Docs\n',
      'docs/api/openapi.yaml': 'openapi: 3.0.0\n',
    });
    config = new ConfigReader({
      integrations: { github: [fake.integrationConfig(TOKEN)] },
    });
  });

  afterEach(() => fake.stop());

  it('is the integration and credentials Backstage picks for its URLs', async () => {
    const url = `${fake.baseUrl}/acme/catalog/blob/main/catalog-info.yaml`;
    const integrations = ScmIntegrations.fromConfig(config);
    const integration = integrations.github.byUrl(url);
    expect(integration?.config).toMatchObject({
      host: fake.host,
      apiBaseUrl: fake.apiBaseUrl,
      rawBaseUrl: fake.rawBaseUrl,
    });
    const credentials = await DefaultGithubCredentialsProvider.fromIntegrations(
      integrations,
    ).getCredentials({ url });
    expect(credentials).toMatchObject({ type: 'token', token: TOKEN });

    // the client as the portal's publishers build it: default throttling and retries
    const octokit = new Octokit({
      auth: credentials.token,
      baseUrl: integration!.config.apiBaseUrl,
    });
    const { data: repo } = await octokit.rest.repos.get({
      owner: 'acme',
      repo: 'catalog',
    });
    expect(repo.html_url).toBe(`${fake.baseUrl}/acme/catalog`);
    const { data: ref } = await octokit.rest.git.createRef({
      owner: 'acme',
      repo: 'catalog',
      ref: 'refs/heads/copy',
      sha: (await fake.branches('acme', 'catalog')).main,
    });
    expect(ref.ref).toBe('refs/heads/copy');
  });

  it('reads a blob URL through the real GitHub UrlReader, then 304 with its ETag until the file changes', async () => {
    const reader = UrlReaders.default({
      config,
      logger: mockServices.logger.mock(),
    });
    const url = `${fake.baseUrl}/acme/catalog/blob/main/catalog-info.yaml`;
    const first = await reader.readUrl(url);
    expect((await first.buffer()).toString()).toBe('kind: Component\n');
    expect(first.etag).toBeTruthy();
    expect(fake.requests().at(-1)).toMatchObject({
      method: 'GET',
      path: '/api/v3/repos/acme/catalog/contents/catalog-info.yaml',
      token: TOKEN,
      status: 200,
    });

    await expect(
      reader.readUrl(url, { etag: first.etag }),
    ).rejects.toMatchObject({ name: 'NotModifiedError' });
    expect(fake.requests().at(-1)?.status).toBe(304);

    await fake.commitFiles('acme', 'catalog', 'main', {
      'catalog-info.yaml': 'kind: API\n',
    });
    const changed = await reader.readUrl(url, { etag: first.etag });
    expect((await changed.buffer()).toString()).toBe('kind: API\n');
    await expect(
      reader.readUrl(`${fake.baseUrl}/acme/catalog/blob/main/missing.yaml`),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });

  it('reads a folder (tarball) and searches a glob (trees + blobs) through the UrlReader', async () => {
    const reader = UrlReaders.default({
      config,
      logger: mockServices.logger.mock(),
    });
    const tree = await reader.readTree(
      `${fake.baseUrl}/acme/catalog/tree/main/docs`,
    );
    const files = await tree.files();
    expect(files.map(f => f.path).sort()).toEqual([
      'api/openapi.yaml',
      'index.md',
    ]);
    expect(
      (await files.find(f => f.path === 'index.md')!.content()).toString(),
    ).toBe('# Docs\n');
    expect(tree.etag).toBe((await fake.branches('acme', 'catalog')).main);
    await expect(
      reader.readTree(`${fake.baseUrl}/acme/catalog/tree/main/docs`, {
        etag: tree.etag,
      }),
    ).rejects.toMatchObject({ name: 'NotModifiedError' });

    const found = await reader.search(
      `${fake.baseUrl}/acme/catalog/blob/main/**/*.yaml`,
    );
    expect(found.files.map(f => f.url).sort()).toEqual([
      `${fake.baseUrl}/acme/catalog/blob/main/catalog-info.yaml`,
      `${fake.baseUrl}/acme/catalog/blob/main/docs/api/openapi.yaml`,
    ]);
    const openapi = found.files.find(f => f.url.endsWith('openapi.yaml'))!;
    expect((await openapi.content()).toString()).toBe('openapi: 3.0.0\n');
    expect(fake.unhandled()).toEqual([]);
  });
});
