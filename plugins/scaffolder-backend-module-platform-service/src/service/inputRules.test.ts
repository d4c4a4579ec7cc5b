import {
  findMetacharacters,
  parseRepoLocation,
  parseServiceRequest,
  ServiceInputError,
} from './inputRules';

const allowed = { hosts: ['github.com'], owners: ['acme'] };
const form = {
  name: 'orders',
  description: "Order intake API and the shop's back-office UI",
  owner: 'group:default/team-orders',
  environments: ['resource:default/dev', 'resource:default/prod'],
  scheduling: 'graviton-ok',
  database: false,
  repoUrl: 'github.com?owner=acme&repo=orders',
};

function issuesOf(input: Record<string, unknown>): string[] {
  try {
    parseServiceRequest({ ...form, ...input } as any, allowed);
  } catch (error) {
    if (error instanceof ServiceInputError) return error.issues;
    throw error;
  }
  return [];
}

describe('parseServiceRequest', () => {
  it('accepts a valid form and applies defaults', () => {
    expect(parseServiceRequest(form, allowed)).toEqual({
      name: 'orders',
      description: form.description,
      owner: 'group:default/team-orders',
      environmentRefs: ['resource:default/dev', 'resource:default/prod'],
      scheduling: 'graviton-ok',
      database: false,
      repo: { host: 'github.com', owner: 'acme', repo: 'orders' },
    });
    const minimal = parseServiceRequest(
      {
        ...form,
        description: undefined,
        scheduling: undefined,
        database: undefined,
      },
      allowed,
    );
    expect(minimal).toMatchObject({
      scheduling: 'spot-ok',
      database: true,
      description: '',
    });
  });

  it.each([
    ['Orders', 'uppercase'],
    ['o', 'too short'],
    ['1orders', 'starts with a digit'],
    ['orders_api', 'underscore'],
    ['a'.repeat(32), 'too long'],
    ['orders;rm', 'shell separator'],
  ])('refuses the name %j (%s), naming the field and the rule', name => {
    expect(issuesOf({ name })).toEqual([
      expect.stringMatching(
        /^name: .* must match \/\^\[a-z\]\[a-z0-9-\]\{1,30\}\$\//,
      ),
    ]);
  });

  it.each([
    ['${{ github.token }}', "'${{' (GitHub Actions expression)"],
    ['{{ values.x }}', "'{{' (template expression)"],
    ['{% raw %}', "'{%' (template tag)"],
    ['`id`', 'a backtick (command substitution)'],
    ['$(id)', "'$(' (command substitution)"],
    ['a; rm -rf /', "';' (command separator)"],
    ['a | sh', "'|' (pipe)"],
    ['a && b', "'&' (background/and operator)"],
    ['a > /etc/passwd', "'>' (redirection)"],
    ['line one\nline two', 'a newline or control character'],
  ])('refuses metacharacters in the description: %j', (description, what) => {
    const issues = issuesOf({ description });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(
      /^description: must not contain template or shell metacharacters; found /,
    );
    expect(issues[0]).toContain(what);
  });

  it('refuses an overlong description', () => {
    expect(issuesOf({ description: 'x'.repeat(201) })).toEqual([
      'description: must be at most 200 characters',
    ]);
  });

  it('refuses a repository outside the allowed organisation, a foreign host and a bad repository name', () => {
    expect(issuesOf({ repoUrl: 'github.com?owner=evil&repo=orders' })).toEqual([
      "repoUrl: repositories must be created in the organisation 'acme', not 'evil'",
    ]);
    expect(
      issuesOf({ repoUrl: 'gitlab.com?owner=acme&repo=orders' })[0],
    ).toMatch(/^repoUrl: host 'gitlab.com' is not allowed/);
    expect(
      issuesOf({ repoUrl: 'github.com?owner=acme&repo=Orders!' })[0],
    ).toMatch(/^repoUrl \(repository name\): 'Orders!' must match/);
    expect(issuesOf({ repoUrl: 'orders' })[0]).toMatch(
      /^repoUrl: expected a repository/,
    );
  });

  it('refuses bad owners, environments and scheduling classes, all at once', () => {
    expect(
      issuesOf({
        owner: 'component:default/x',
        environments: [],
        scheduling: 'cheap',
        database: 'yes',
      }),
    ).toEqual([
      expect.stringMatching(
        /^owner: 'component:default\/x' is not a group or user/,
      ),
      'environments: choose between 1 and 6 target environments',
      "scheduling: 'cheap' must be one of spot-ok, graviton-ok, critical",
      'database: must be true or false',
    ]);
    expect(
      issuesOf({
        environments: ['resource:default/dev', 'resource:default/dev'],
      }),
    ).toEqual(['environments: each environment may be chosen once']);
    expect(
      issuesOf({ environments: ['resource:default/dev$(id)'] })[0],
    ).toMatch(/^environments\[0\]: .* is not an entity reference/);
  });

  it('never echoes control characters back in an error', () => {
    const [issue] = issuesOf({ name: 'a\u0000b' });
    expect(issue).toContain("'a?b'");
  });
});

describe('findMetacharacters', () => {
  it('reports ${{ once, not also as {{ or ${', () => {
    expect(findMetacharacters('${{ x }}')).toEqual([
      "'${{' (GitHub Actions expression)",
      "'}}' (template expression)",
    ]);
  });
  it('accepts ordinary prose with quotes, commas and dashes', () => {
    expect(
      findMetacharacters('The shop\'s order API - v2, "fast" (EU)'),
    ).toEqual([]);
  });
});

describe('parseRepoLocation', () => {
  it('parses the RepoUrlPicker format', () => {
    expect(
      parseRepoLocation('github.com?repo=orders&owner=acme', allowed),
    ).toEqual({
      location: { host: 'github.com', owner: 'acme', repo: 'orders' },
      issues: [],
    });
  });
});
