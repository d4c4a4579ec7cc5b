import {
  ifMissingProblem,
  renderedTree,
  renderedTreeDigest,
} from './renderedTree';

const tree = {
  'environments/qa/main.tf': 'module "vpc" {}\n',
  'environments/qa/catalog-info.yaml': 'kind: Resource\n',
  'modules/vpc/main.tf': '# vpc\n',
};

describe('renderedTree', () => {
  it('keeps environments/<name>/ and modules/, nothing else', () => {
    expect(
      Object.keys(
        renderedTree(
          {
            ...tree,
            'environments/qa2/main.tf': 'x',
            'environments/qa.tf': 'x',
            '.github/workflows/apply.yaml': 'x',
            'README.md': 'x',
            'modulesx/a.tf': 'x',
          },
          'qa',
        ),
      ).sort(),
    ).toEqual(Object.keys(tree).sort());
  });
});

describe('renderedTreeDigest', () => {
  const digest = renderedTreeDigest(tree, 'qa');

  it('is a sha256 that ignores order and files outside the tree', () => {
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    const reversed = Object.fromEntries(Object.entries(tree).reverse());
    expect(
      renderedTreeDigest({ ...reversed, '.github/x.yaml': 'y' }, 'qa'),
    ).toBe(digest);
  });

  it.each([
    ['a changed file', { ...tree, 'environments/qa/main.tf': 'evil\n' }],
    ['an added file', { ...tree, 'environments/qa/extra.tf': '' }],
    ['an added module', { ...tree, 'modules/evil/main.tf': '' }],
    [
      'a removed file',
      { 'environments/qa/main.tf': tree['environments/qa/main.tf'] },
    ],
    [
      'content moved between files',
      {
        ...tree,
        'environments/qa/main.tf': '',
        'modules/vpc/main.tf': `module "vpc" {}\n# vpc\n`,
      },
    ],
  ])('changes with %s', (_, changed) => {
    expect(renderedTreeDigest(changed, 'qa')).not.toBe(digest);
  });

  it('depends on the environment name', () => {
    const renamed = Object.fromEntries(
      Object.entries(tree).map(([p, c]) => [p.replace('/qa/', '/qb/'), c]),
    );
    expect(renderedTreeDigest(renamed, 'qb')).not.toBe(digest);
  });
});

describe('ifMissingProblem', () => {
  it.each(['modules', 'modules/', 'modules/vpc', 'modules/vpc/'])(
    'accepts %p',
    entry => expect(ifMissingProblem(entry)).toBeUndefined(),
  );

  it.each([
    '.github',
    '.github/workflows/',
    '',
    '/',
    'environments/',
    'modules/../.github',
    'modules/vpc/sub/',
    '../modules',
    'README.md',
  ])('refuses %p, naming the field and the rule', entry => {
    expect(ifMissingProblem(entry)).toMatch(
      /^ifMissing: '.*' is outside the module library; only 'modules\/' or 'modules\/<module>\/' may be added/,
    );
  });
});
