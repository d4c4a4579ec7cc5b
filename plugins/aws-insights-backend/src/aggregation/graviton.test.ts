import { instance, onDemand, SPECS, spot } from './__testUtils__/fixtures';
import { findGravitonCandidates } from './graviton';

const x86 = { architecture: 'x86_64' as const };
const PRICES = [
  onDemand('m7i.large', 0.11),
  onDemand('m7g.large', 0.09),
  onDemand('m7i.xlarge', 0.22),
  onDemand('m7g.xlarge', 0.18),
  onDemand('c7i.large', 0.1),
  onDemand('c7g.large', 0.08),
  onDemand('m7i.large', 0.1, 'eu-central-1'),
  spot('m7i.large', undefined, 0.04),
];

describe('findGravitonCandidates', () => {
  it('groups On-Demand x86_64 instances by cluster, pool and type', () => {
    const candidates = findGravitonCandidates(
      [
        instance({ ...x86, instanceType: 'm7i.large', nodePool: 'critical' }),
        instance({ ...x86, instanceType: 'm7i.large', nodePool: 'critical' }),
        instance({ ...x86, instanceType: 'm7i.large', nodePool: 'general' }),
      ],
      SPECS,
      PRICES,
    );
    expect(candidates).toHaveLength(2);
    expect(candidates[0]).toEqual({
      cluster: 'alpha',
      pool: 'critical',
      instanceType: 'm7i.large',
      armInstanceType: 'm7g.large',
      count: 2,
      currentUsdPerMonth: expect.closeTo(0.22 * 730, 6),
      armUsdPerMonth: expect.closeTo(0.18 * 730, 6),
      savingsUsdPerMonth: expect.closeTo(0.04 * 730, 6),
    });
    expect(candidates[1]).toMatchObject({ pool: 'general', count: 1 });
  });

  it('sorts by savings, largest first', () => {
    const candidates = findGravitonCandidates(
      [
        instance({ ...x86, instanceType: 'c7i.large' }),
        instance({ ...x86, instanceType: 'm7i.xlarge' }),
        instance({ ...x86, instanceType: 'm7i.large' }),
      ],
      SPECS,
      PRICES,
    );
    expect(candidates.map(c => c.instanceType)).toEqual([
      'm7i.xlarge',
      'c7i.large',
      'm7i.large',
    ]);
    expect(candidates[0].savingsUsdPerMonth).toBeCloseTo(0.04 * 730);
  });

  it('skips Spot, arm64 and non-running instances', () => {
    expect(
      findGravitonCandidates(
        [
          instance({ ...x86, instanceType: 'm7i.large', lifecycle: 'spot' }),
          instance({ instanceType: 'm7g.large' }),
          instance({ ...x86, instanceType: 'm7i.large', state: 'stopped' }),
        ],
        SPECS,
        PRICES,
      ),
    ).toEqual([]);
  });

  it('skips types without a Graviton equivalent, price, or saving', () => {
    expect(
      findGravitonCandidates(
        [
          instance({ ...x86, instanceType: 'p4d.24xlarge' }),
          instance({ ...x86, instanceType: 'm7i.large', region: 'us-east-1' }),
          // Graviton price unknown in eu-central-1.
          instance({
            ...x86,
            instanceType: 'm7i.large',
            region: 'eu-central-1',
          }),
        ],
        SPECS,
        PRICES,
      ),
    ).toEqual([]);
    expect(
      findGravitonCandidates(
        [instance({ ...x86, instanceType: 'c7i.large' })],
        SPECS,
        [onDemand('c7i.large', 0.08), onDemand('c7g.large', 0.08)],
      ),
    ).toEqual([]);
  });

  it('keeps same-named clusters of different accounts apart', () => {
    const candidates = findGravitonCandidates(
      [
        instance({ ...x86, instanceType: 'm7i.large' }),
        instance({
          ...x86,
          instanceType: 'm7i.large',
          accountId: '222222222222',
        }),
      ],
      SPECS,
      PRICES,
    );
    expect(candidates.map(c => c.count)).toEqual([1, 1]);
  });

  it('names the pool of unmanaged and node group instances', () => {
    const candidates = findGravitonCandidates(
      [
        instance({ ...x86, instanceType: 'm7i.large' }),
        instance({ ...x86, instanceType: 'm7i.xlarge', nodegroup: 'core' }),
      ],
      SPECS,
      PRICES,
    );
    expect(candidates.map(c => c.pool)).toEqual(['core', 'unmanaged']);
  });
});
