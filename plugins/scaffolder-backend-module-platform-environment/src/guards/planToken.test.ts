import { PlanClaims, PlanTokens } from './planToken';

const claims: PlanClaims = {
  task: 'task-1',
  environment: 'qa',
  tier: 'dev',
  account: { name: 'dev-account', accountId: '000000000003' },
  digest: 'a'.repeat(64),
};

describe('PlanTokens', () => {
  const tokens = PlanTokens.withRandomKey();

  it('verifies what it signed and returns the claims', () => {
    const token = tokens.sign(claims);
    expect(token).toMatch(/^v1\.[\w-]+\.[\w-]+$/);
    expect(tokens.verify(token)).toEqual(claims);
  });

  it('refuses a token whose claims were edited (e.g. the tier)', () => {
    const [version, , mac] = tokens.sign(claims).split('.');
    const edited = Buffer.from(
      JSON.stringify({ ...claims, tier: 'prod' }),
    ).toString('base64url');
    expect(() => tokens.verify(`${version}.${edited}.${mac}`)).toThrow(
      'planToken: not issued by platform:environment:plan on this backend (signature mismatch)',
    );
  });

  it('refuses a token of another backend (another key)', () => {
    const other = PlanTokens.withRandomKey().sign(claims);
    expect(() => tokens.verify(other)).toThrow(/signature mismatch/);
  });

  it.each(['', 'v1', 'v1..', 'v2.e30.AAAA', `${'x'.repeat(10)}.a.b.c`])(
    'refuses the malformed token %p',
    token => {
      expect(() => tokens.verify(token)).toThrow(/^planToken: /);
    },
  );

  it('names the missing input and how to pass it', () => {
    expect(() => tokens.verify(undefined)).toThrow(
      'planToken: missing; platform:iac:publish commits only what platform:environment:plan rendered in the same task',
    );
  });
});
