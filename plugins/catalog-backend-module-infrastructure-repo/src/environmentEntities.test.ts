import { INFRASTRUCTURE_BRANCH_ANNOTATION } from '@platform-portal/platform-common';
import { RepositoryFile } from '@platform-portal/platform-node';
import { stringify } from 'yaml';
import { environmentEntities } from './environmentEntities';

const env = (name: string, tier: string) =>
  stringify({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, annotations: { 'platform-portal.io/tier': tier } },
    spec: { type: 'environment', owner: 'group:default/platform-team' },
  });

const file = (
  branch: string,
  name: string,
  content: string,
): RepositoryFile => ({
  branch,
  path: `environments/${name}/catalog-info.yaml`,
  content,
  location: `https://github.com/acme/infra/blob/${branch}/environments/${name}/catalog-info.yaml`,
});

describe('environmentEntities', () => {
  it('lets the base branch win over env/* branches and marks where each entity came from', () => {
    const entities = environmentEntities(
      [
        file('main', 'staging', env('staging', 'staging')),
        file('env/qa', 'qa', env('qa', 'dev')),
        file('env/qa', 'staging', env('staging', 'proposed-change')),
      ],
      'https://github.com/acme/infra',
      'main',
    );
    const byName = Object.fromEntries(entities.map(e => [e.metadata.name, e]));
    expect(Object.keys(byName).sort()).toEqual(['qa', 'staging']);
    expect(byName.staging.metadata.annotations).toMatchObject({
      'platform-portal.io/tier': 'staging',
      [INFRASTRUCTURE_BRANCH_ANNOTATION]: 'main',
    });
    expect(byName.qa.metadata.annotations).toMatchObject({
      [INFRASTRUCTURE_BRANCH_ANNOTATION]: 'env/qa',
      'backstage.io/managed-by-location':
        'url:https://github.com/acme/infra/blob/env/qa/environments/qa/catalog-info.yaml',
      'backstage.io/managed-by-origin-location':
        'url:https://github.com/acme/infra',
    });
  });

  it('skips broken files and files that are not Resources', () => {
    expect(
      environmentEntities(
        [
          file('main', 'bad', 'kind: [unclosed'),
          file('main', 'nameless', 'kind: Resource\nmetadata: {}\n'),
          file(
            'main',
            'component',
            env('component', 'dev').replace('Resource', 'Component'),
          ),
          file('main', 'ok', env('ok', 'dev')),
        ],
        'file:///repo.git',
        'main',
      ).map(e => e.metadata.name),
    ).toEqual(['ok']);
  });

  it('emits only environment Resources named after their folder, and from env/<name> only <name>', () => {
    const user = stringify({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: 'mallory' },
      spec: { memberOf: ['platform-team'] },
    });
    expect(
      environmentEntities(
        [
          file('main', 'mallory', user),
          file(
            'main',
            'db',
            env('db', 'dev').replace('environment', 'database'),
          ),
          file('main', 'renamed', env('prod', 'dev')),
          file('env/qa', 'prod2', env('prod2', 'prod')),
          file('feature/x', 'qa3', env('qa3', 'dev')),
          file('env/qa4', 'qa4', env('qa4', 'dev')),
        ],
        'file:///repo.git',
        'main',
      ).map(e => e.metadata.name),
    ).toEqual(['qa4']);
  });
});
