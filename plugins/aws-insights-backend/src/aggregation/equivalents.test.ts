import { armEquivalent, splitInstanceType, x86Equivalent } from './equivalents';

describe('x86Equivalent', () => {
  it.each([
    ['m7g.large', 'm7i.large'],
    ['c7g.2xlarge', 'c7i.2xlarge'],
    ['r7g.xlarge', 'r7i.xlarge'],
    ['m6g.large', 'm6i.large'],
    ['c6g.4xlarge', 'c6i.4xlarge'],
    ['r6g.large', 'r6i.large'],
    ['t4g.medium', 't3.medium'],
  ])('maps Graviton %s to %s', (arm, x86) => {
    expect(x86Equivalent(arm)).toBe(x86);
  });

  it('maps a known x86_64 type to itself', () => {
    expect(x86Equivalent('m7i.xlarge')).toBe('m7i.xlarge');
    expect(x86Equivalent('c5.large')).toBe('c5.large');
    expect(x86Equivalent('t3.small')).toBe('t3.small');
  });

  it('is undefined when the x86_64 family lacks the size', () => {
    expect(x86Equivalent('m7g.medium')).toBeUndefined();
    expect(x86Equivalent('c6g.medium')).toBeUndefined();
  });

  it('is undefined for unknown families and malformed names', () => {
    expect(x86Equivalent('x2gd.large')).toBeUndefined();
    expect(x86Equivalent('m7g')).toBeUndefined();
    expect(x86Equivalent('')).toBeUndefined();
  });
});

describe('armEquivalent', () => {
  it.each([
    ['m5.large', 'm7g.large'],
    ['m6i.xlarge', 'm7g.xlarge'],
    ['m7i.2xlarge', 'm7g.2xlarge'],
    ['m6a.large', 'm7g.large'],
    ['c5.xlarge', 'c7g.xlarge'],
    ['c6i.large', 'c7g.large'],
    ['c7i.4xlarge', 'c7g.4xlarge'],
    ['r5.large', 'r7g.large'],
    ['r6i.2xlarge', 'r7g.2xlarge'],
    ['r7i.xlarge', 'r7g.xlarge'],
    ['t3.medium', 't4g.medium'],
    ['t3a.small', 't4g.small'],
  ])('maps x86_64 %s to %s', (x86, arm) => {
    expect(armEquivalent(x86)).toBe(arm);
  });

  it('is undefined when Graviton lacks the size', () => {
    expect(armEquivalent('m7i.24xlarge')).toBeUndefined();
    expect(armEquivalent('m7i.48xlarge')).toBeUndefined();
  });

  it('is undefined for Graviton and unknown types', () => {
    expect(armEquivalent('m7g.large')).toBeUndefined();
    expect(armEquivalent('p4d.24xlarge')).toBeUndefined();
    expect(armEquivalent('nonsense')).toBeUndefined();
  });
});

describe('splitInstanceType', () => {
  it('splits family and size', () => {
    expect(splitInstanceType('m7g.2xlarge')).toEqual({
      family: 'm7g',
      size: '2xlarge',
    });
    expect(splitInstanceType('.large')).toBeUndefined();
    expect(splitInstanceType('m7g.')).toBeUndefined();
  });
});
