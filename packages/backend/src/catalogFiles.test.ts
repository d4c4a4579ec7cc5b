import { Entity } from '@backstage/catalog-model';
import { ENVIRONMENT_NAME_PATTERN } from '@platform-portal/platform-common';
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  CatalogDocument,
  findCatalogProblems,
  readCatalogTree,
} from './__testUtils__/catalogValidation';

const REPO_ROOT = resolvePath(__dirname, '../../..');
const ENTRY = resolvePath(REPO_ROOT, 'catalog/all.yaml');

const doc = (entity: Entity): CatalogDocument => ({
  file: 'test.yaml',
  index: 0,
  entity,
});
const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'platform-team' },
  spec: { type: 'team', children: [] },
};
const account = (
  overrides: Partial<Entity['metadata']> = {},
  spec = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'prod',
    annotations: {
      'aws.amazon.com/account-id': '000000000005',
      'aws.amazon.com/region': 'eu-west-1',
    },
    ...overrides,
  },
  spec: { type: 'aws-account', owner: 'group:default/platform-team', ...spec },
});

describe('the repository catalog', () => {
  const documents = readCatalogTree(ENTRY);

  it('is accepted by the catalog, with every relation target defined', async () => {
    expect(await findCatalogProblems(documents)).toEqual([]);
  });

  it('holds the five accounts of the reference layout, owned by platform-team', () => {
    const accounts = documents
      .map(d => d.entity)
      .filter(e => e.kind === 'Resource' && e.spec?.type === 'aws-account');
    expect(accounts.map(a => a.metadata.name).sort()).toEqual([
      'dev-account',
      'org-root-account',
      'prod-account',
      'shared-account',
      'staging-account',
    ]);
    for (const a of accounts) {
      expect(a.spec?.owner).toBe('group:default/platform-team');
      // Fake ids are visibly fake: ten leading zeros.
      expect(a.metadata.annotations?.['aws.amazon.com/account-id']).toMatch(
        /^0{10}\d{2}$/,
      );
    }
    const workloads = accounts.filter(a =>
      ['dev-account', 'staging-account', 'prod-account'].includes(
        a.metadata.name,
      ),
    );
    for (const w of workloads) {
      expect(w.spec?.dependsOn).toEqual(['resource:default/shared-account']);
    }
  });

  it('has a platform team and at least two application teams with users', () => {
    const entities = documents.map(d => d.entity);
    const teams = entities.filter(
      e => e.kind === 'Group' && e.spec?.type === 'team',
    );
    expect(teams.map(t => t.metadata.name)).toContain('platform-team');
    expect(teams.length).toBeGreaterThanOrEqual(3);
    for (const team of teams) {
      const members = entities.filter(
        e =>
          e.kind === 'User' &&
          (e.spec?.memberOf as string[]).includes(team.metadata.name),
      );
      expect(members.length).toBeGreaterThan(0);
    }
  });
});

describe('the environment template', () => {
  it("offers the server's environment-name rule in its form", () => {
    const template = parseYaml(
      readFileSync(
        resolvePath(REPO_ROOT, 'templates/aws-environment/template.yaml'),
        'utf8',
      ),
    );
    const name = template.spec.parameters[0].properties.name;
    expect(name.pattern).toBe(ENVIRONMENT_NAME_PATTERN.source);
    // The names RDS would refuse (`ab-` makes `ab--postgres`) are refused in the form too.
    for (const bad of ['ab-', 'a--b']) {
      expect(new RegExp(name.pattern).test(bad)).toBe(false);
    }
  });
});

describe('findCatalogProblems', () => {
  it('accepts a valid account', async () => {
    expect(await findCatalogProblems([doc(group), doc(account())])).toEqual([]);
  });

  it('rejects a name the catalog would refuse', async () => {
    const problems = await findCatalogProblems([
      doc(group),
      doc(account({ name: 'Prod Account!' })),
    ]);
    expect(problems.join('\n')).toMatch(/metadata\.name/);
  });

  it('rejects a Resource without an owner', async () => {
    const bad = account();
    delete bad.spec!.owner;
    const problems = await findCatalogProblems([doc(group), doc(bad)]);
    expect(problems.join('\n')).toMatch(/owner/);
  });

  it('rejects an unknown root field', async () => {
    const bad = { ...account(), extra: true } as Entity;
    expect(
      (await findCatalogProblems([doc(group), doc(bad)])).join('\n'),
    ).toMatch(/extra/);
  });

  it('rejects a relation to an entity that no file defines', async () => {
    const problems = await findCatalogProblems([
      doc(group),
      doc(account({}, { dependsOn: ['resource:default/shared'] })),
    ]);
    expect(problems).toEqual([
      'test.yaml#1 (Resource:prod): spec.dependsOn points at resource:default/shared, which no catalog file defines',
    ]);
  });

  it('rejects an account without a 12-digit id', async () => {
    const problems = await findCatalogProblems([
      doc(group),
      doc(
        account({
          annotations: {
            'aws.amazon.com/account-id': '1234',
            'aws.amazon.com/region': 'eu-west-1',
          },
        }),
      ),
    ]);
    expect(problems.join('\n')).toMatch(/12-digit account id/);
  });

  it('rejects duplicates', async () => {
    const problems = await findCatalogProblems([
      doc(group),
      doc(account()),
      doc(account()),
    ]);
    expect(problems.join('\n')).toMatch(/duplicate/);
  });
});
