import { EnvironmentRequestError, parseEnvironmentRequest } from './parse';
import { findUnsafeConstructs, safeText } from './safeText';

describe('findUnsafeConstructs', () => {
  it.each([
    ['${{ secrets.TOKEN }}', ["'${{' (GitHub Actions expression)"]],
    ['${var.x}', ["'${' (HCL/shell interpolation)"]],
    ['%{ if true }', ["'%{' (HCL template directive)"]],
    ['{{ .Values }}', ["'{{' (template expression)"]],
    ['../../etc', ["'../' (path traversal)"]],
    ["o'brien", ['a single quote']],
    ['say "hi"', ['a double quote']],
    ['`id`', ['a backtick']],
    ['a\\b', ['a backslash']],
    ['a\nb', ['a newline or control character']],
    ['a\tb', ['a newline or control character']],
    ['a\u0000b', ['a newline or control character']],
    ['a\u2028b', ['a newline or control character']],
    ['x"${y}', ["'${' (HCL/shell interpolation)", 'a double quote']],
  ])('finds the construct in %j', (value, expected) => {
    expect(findUnsafeConstructs(value)).toEqual(expected);
  });

  it.each([
    'team-orders',
    'group:default/x',
    'a.b.c',
    '$5 {ok}',
    '10.0.0.0/16',
    'x..y',
    'a/b',
  ])('accepts %j', value => {
    expect(findUnsafeConstructs(value)).toEqual([]);
    expect(safeText.safeParse(value).success).toBe(true);
  });

  it('is stable across repeated calls (no regex state leaks)', () => {
    expect(findUnsafeConstructs('a\nb')).toHaveLength(1);
    expect(findUnsafeConstructs('a\nb')).toHaveLength(1);
  });
});

const base = {
  name: 'qa',
  tier: 'dev',
  account: { name: 'workloads-dev', accountId: '123456789012' },
  region: 'eu-west-1',
  owner: 'group:default/team-orders',
  network: { cidr: '10.1.0.0/16' },
  kubernetes: { version: '1.33', karpenter: { instanceCategories: ['c'] } },
  database: { engine: 'rds-postgresql', instanceClass: 'db.t4g.medium' },
  ingress: {
    domain: 'qa.example.com',
    certificateArn:
      'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
  },
  state: {
    bucket: 'tfstate-bucket',
    region: 'eu-west-1',
    accountId: '210987654321',
  },
};

const STRING_FIELDS: Array<[string, (input: any, v: string) => void]> = [
  ['name', (i, v) => (i.name = v)],
  ['tier', (i, v) => (i.tier = v)],
  ['account.name', (i, v) => (i.account.name = v)],
  ['account.accountId', (i, v) => (i.account.accountId = v)],
  ['region', (i, v) => (i.region = v)],
  ['owner', (i, v) => (i.owner = v)],
  ['network.cidr', (i, v) => (i.network.cidr = v)],
  ['kubernetes.version', (i, v) => (i.kubernetes.version = v)],
  [
    'kubernetes.karpenter.instanceCategories.0',
    (i, v) => (i.kubernetes.karpenter.instanceCategories = [v]),
  ],
  ['database.engine', (i, v) => (i.database.engine = v)],
  ['database.instanceClass', (i, v) => (i.database.instanceClass = v)],
  ['ingress.domain', (i, v) => (i.ingress.domain = v)],
  ['ingress.certificateArn', (i, v) => (i.ingress.certificateArn = v)],
  ['state.bucket', (i, v) => (i.state.bucket = v)],
  ['state.region', (i, v) => (i.state.region = v)],
  ['state.accountId', (i, v) => (i.state.accountId = v)],
];

const PAYLOADS: Array<[string, RegExp]> = [
  ['x"; }', /a double quote/],
  ["x'", /a single quote/],
  ['x`', /a backtick/],
  ['x\\', /a backslash/],
  ['x\ny', /a newline or control character/],
  ['${file("/etc/passwd")}', /'\$\{' \(HCL\/shell interpolation\)/],
  ['%{for x in y}', /'%\{' \(HCL template directive\)/],
  ['{{7*7}}', /'\{\{' \(template expression\)/],
  ['${{ github.token }}', /'\$\{\{' \(GitHub Actions expression\)/],
  ['../../x', /'\.\.\/' \(path traversal\)/],
];

describe('every string field rejects injection constructs', () => {
  it('the base request is valid', () => {
    expect(() => parseEnvironmentRequest(base)).not.toThrow();
  });

  describe.each(STRING_FIELDS)('%s', (field, set) => {
    it.each(PAYLOADS)('rejects %j', (payload, construct) => {
      const input = structuredClone(base);
      set(input, payload);
      let error: EnvironmentRequestError | undefined;
      try {
        parseEnvironmentRequest(input);
      } catch (e) {
        error = e as EnvironmentRequestError;
      }
      expect(error).toBeInstanceOf(EnvironmentRequestError);
      const issue = error!.issues.find(i => i.field === field);
      expect(issue?.message).toMatch(/^must not contain /);
      expect(issue?.message).toMatch(construct);
    });
  });
});
