import { ConfigReader } from '@backstage/config';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join, resolve as resolvePath } from 'node:path';
import { createInfrastructureRepository } from './createInfrastructureRepository';

const withEnv = (dataDir: string | undefined, fn: () => void) => {
  const before = process.env.PORTAL_DATA_DIR;
  if (dataDir === undefined) delete process.env.PORTAL_DATA_DIR;
  else process.env.PORTAL_DATA_DIR = dataDir;
  try {
    fn();
  } finally {
    if (before === undefined) delete process.env.PORTAL_DATA_DIR;
    else process.env.PORTAL_DATA_DIR = before;
  }
};

const FAKE_APP = {
  appId: 1,
  clientId: 'client',
  clientSecret: 'secret',
  webhookSecret: 'hook',
  privateKey:
    '-----BEGIN RSA PRIVATE KEY-----\nx\n-----END RSA PRIVATE KEY-----',
};

describe('createInfrastructureRepository: GitHub or local, decided once', () => {
  it('is the local bare repository under the data dir without platform.iac.repositoryUrl', () => {
    withEnv('/srv/portal-data', () => {
      const repository = createInfrastructureRepository(new ConfigReader({}));
      expect(repository.kind).toBe('local');
      expect(repository.target).toBe(
        `local:${join('/srv/portal-data', 'git', 'infrastructure.git')}`,
      );
      expect(repository.baseBranch).toBe('main');
    });
    withEnv(undefined, () => {
      expect(createInfrastructureRepository(new ConfigReader({})).target).toBe(
        `local:${resolvePath('../../data/git/infrastructure.git')}`,
      );
    });
  });

  it('honours localRepositoryDir and baseBranch', () => {
    const repository = createInfrastructureRepository(
      new ConfigReader({
        platform: {
          iac: { localRepositoryDir: '/tmp/infra.git', baseBranch: 'trunk' },
        },
      }),
    );
    expect(repository.target).toBe('local:/tmp/infra.git');
    expect(repository.baseBranch).toBe('trunk');
  });

  it.each([
    ['a token', { token: 'ghp_test' }],
    ['a GitHub App', { apps: [FAKE_APP] }],
  ])(
    'is GitHub when integrations.github has %s for the host',
    (_name, credentials) => {
      const repository = createInfrastructureRepository(
        new ConfigReader({
          integrations: { github: [{ host: 'github.com', ...credentials }] },
          platform: {
            iac: {
              repositoryUrl: 'https://github.com/acme/infrastructure.git',
            },
          },
        }),
      );
      expect(repository.kind).toBe('github');
      expect(repository.target).toBe('acme/infrastructure');
      expect(repository.fileUrl('env/qa', 'environments/qa/x.yaml')).toBe(
        'https://github.com/acme/infrastructure/blob/env/qa/environments/qa/x.yaml',
      );
    },
  );

  it.each([
    ['no integrations.github entry', []],
    ['an entry without credentials', [{ host: 'github.com' }]],
    [
      'credentials for another host only',
      [{ host: 'ghe.example.com', token: 't' }],
    ],
  ])(
    'refuses to start with a repositoryUrl and %s, naming both config keys',
    (_name, github) => {
      const config = new ConfigReader({
        integrations: { github },
        platform: {
          iac: { repositoryUrl: 'https://github.com/acme/infrastructure' },
        },
      });
      expect(() => createInfrastructureRepository(config)).toThrow(
        /^platform\.iac\.repositoryUrl is https:\/\/github\.com\/acme\/infrastructure, but integrations\.github has no entry with a token or a GitHub App for github\.com/,
      );
    },
  );

  it.each([
    'github.com/acme/infrastructure',
    'https://github.com/acme',
    'ssh://github.com/acme/infrastructure',
    'https://github.com/acme/infrastructure/tree/main',
  ])('refuses repositoryUrl %s naming the key and the form', url => {
    expect(() =>
      createInfrastructureRepository(
        new ConfigReader({
          integrations: { github: [{ host: 'github.com', token: 't' }] },
          platform: { iac: { repositoryUrl: url } },
        }),
      ),
    ).toThrow(
      `platform.iac.repositoryUrl must look like https://<host>/<owner>/<repo>`,
    );
  });

  describe('on a GitHub Enterprise host', () => {
    let server: Server;
    const seen: Array<{ url?: string; headers: IncomingHttpHeaders }> = [];
    let apiBaseUrl: string;
    beforeAll(async () => {
      server = createServer((req, res) => {
        seen.push({ url: req.url, headers: req.headers });
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"message":"Not Found"}');
      });
      await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
      apiBaseUrl = `http://127.0.0.1:${
        (server.address() as AddressInfo).port
      }/api/v3`;
    });
    afterAll(() => new Promise(r => server.close(r)));

    it("calls the integration's apiBaseUrl with its token, per operation", async () => {
      const repository = createInfrastructureRepository(
        new ConfigReader({
          integrations: {
            github: [
              { host: 'ghe.example.com', token: 'ghe-token', apiBaseUrl },
            ],
          },
          platform: {
            iac: { repositoryUrl: 'https://ghe.example.com/platform/infra' },
          },
        }),
      );
      expect(repository.url).toBe('https://ghe.example.com/platform/infra');
      expect(await repository.readFile('README.md')).toBeUndefined();
      expect(seen).toHaveLength(1);
      expect(seen[0].url).toBe(
        '/api/v3/repos/platform/infra/contents/README.md?ref=main',
      );
      expect(seen[0].headers.authorization).toBe('token ghe-token');
    });
  });
});
