import {
  instance,
  onDemand,
  REGION,
  SPECS,
  spec,
  spot,
} from './__testUtils__/fixtures';
import { summariseMix } from './mix';

const PRICES = [
  onDemand('m7g.large', 0.09),
  onDemand('m7i.large', 0.11),
  onDemand('m7g.xlarge', 0.18),
  onDemand('m7i.xlarge', 0.22),
  onDemand('c7i.large', 0.1),
  spot('m7g.large', `${REGION}a`, 0.03),
  spot('m7g.large', `${REGION}b`, 0.05),
  spot('m7i.large', `${REGION}a`, 0.04),
];

describe('summariseMix', () => {
  it('always returns the four cells in fixed order', () => {
    const mix = summariseMix([], SPECS, PRICES);
    expect(mix.cells.map(c => `${c.lifecycle}/${c.architecture}`)).toEqual([
      'spot/arm64',
      'spot/x86_64',
      'on-demand/arm64',
      'on-demand/x86_64',
    ]);
    expect(mix).toMatchObject({
      count: 0,
      vcpu: 0,
      usdPerHour: 0,
      onDemandX86UsdPerHour: 0,
      savingsPercent: 0,
      spotShareByVcpu: 0,
      armShareByVcpu: 0,
      unpricedInstanceTypes: [],
    });
  });

  it('fills cells with count, vCPU and price', () => {
    const mix = summariseMix(
      [
        instance({ lifecycle: 'spot' }),
        instance({ lifecycle: 'spot', availabilityZone: `${REGION}c` }),
        instance({
          lifecycle: 'spot',
          instanceType: 'm7i.large',
          architecture: 'x86_64',
        }),
        instance({ instanceType: 'm7g.xlarge' }),
        instance({ instanceType: 'm7i.xlarge', architecture: 'x86_64' }),
        instance({
          instanceType: 'm7i.xlarge',
          architecture: 'x86_64',
          state: 'stopped',
        }),
      ],
      SPECS,
      PRICES,
    );
    const [spotArm, spotX86, odArm, odX86] = mix.cells;
    expect(spotArm).toMatchObject({ count: 2, vcpu: 4 });
    // AZ a Spot price, then the average of a and b for AZ c.
    expect(spotArm.usdPerHour).toBeCloseTo(0.03 + 0.04);
    expect(spotX86).toMatchObject({ count: 1, vcpu: 2 });
    expect(spotX86.usdPerHour).toBeCloseTo(0.04);
    expect(odArm).toMatchObject({ count: 1, vcpu: 4 });
    expect(odArm.usdPerHour).toBeCloseTo(0.18);
    expect(odX86).toMatchObject({ count: 1, vcpu: 4 });
    expect(odX86.usdPerHour).toBeCloseTo(0.22);
    expect(mix.count).toBe(5);
    expect(mix.vcpu).toBe(14);
    expect(mix.usdPerHour).toBeCloseTo(0.51);
    expect(mix.usdPerMonth).toBeCloseTo(0.51 * 730);
  });

  it('measures savings against the On-Demand x86_64 equivalents', () => {
    const mix = summariseMix(
      [
        instance({ lifecycle: 'spot' }), // 0.03 vs m7i.large 0.11
        instance({ instanceType: 'm7g.xlarge' }), // 0.18 vs m7i.xlarge 0.22
        instance({ instanceType: 'm7i.large', architecture: 'x86_64' }), // 0.11 vs itself
      ],
      SPECS,
      PRICES,
    );
    expect(mix.onDemandX86UsdPerHour).toBeCloseTo(0.11 + 0.22 + 0.11);
    expect(mix.savingsUsdPerMonth).toBeCloseTo((0.44 - 0.32) * 730);
    expect(mix.savingsPercent).toBeCloseTo((0.12 / 0.44) * 100);
  });

  it('falls back to the own On-Demand price when the equivalent is unpriced', () => {
    const mix = summariseMix(
      [instance({ instanceType: 'c7g.large', lifecycle: 'spot' })],
      SPECS,
      [onDemand('c7g.large', 0.08), spot('c7g.large', `${REGION}a`, 0.03)],
    );
    expect(mix.onDemandX86UsdPerHour).toBeCloseTo(0.08);
    expect(mix.usdPerHour).toBeCloseTo(0.03);
  });

  it('uses the actual price as baseline when no On-Demand price exists', () => {
    const mix = summariseMix(
      [instance({ instanceType: 'c7g.large', lifecycle: 'spot' })],
      SPECS,
      [spot('c7g.large', `${REGION}a`, 0.03)],
    );
    expect(mix.onDemandX86UsdPerHour).toBeCloseTo(0.03);
    expect(mix.savingsUsdPerMonth).toBeCloseTo(0);
  });

  it('prices Spot On-Demand when no Spot price is known', () => {
    const mix = summariseMix(
      [
        instance({
          instanceType: 'm7i.xlarge',
          architecture: 'x86_64',
          lifecycle: 'spot',
        }),
      ],
      SPECS,
      PRICES,
    );
    expect(mix.cells[1].usdPerHour).toBeCloseTo(0.22);
  });

  it('counts unpriced instances but leaves them out of every sum', () => {
    const mix = summariseMix(
      [
        instance(),
        instance({ instanceType: 'z9.large', architecture: 'x86_64' }),
        instance({ instanceType: 'c7g.large' }),
      ],
      [...SPECS, spec('z9.large', 2, 8, 'x86_64')],
      PRICES,
    );
    expect(mix.count).toBe(3);
    expect(mix.vcpu).toBe(6);
    expect(mix.usdPerHour).toBeCloseTo(0.09);
    expect(mix.onDemandX86UsdPerHour).toBeCloseTo(0.11);
    expect(mix.unpricedInstanceTypes).toEqual(['c7g.large', 'z9.large']);
  });

  it('reports Spot and Graviton shares by vCPU as fractions', () => {
    const mix = summariseMix(
      [
        instance({ lifecycle: 'spot' }), // 2 vCPU spot arm
        instance({ instanceType: 'm7i.xlarge', architecture: 'x86_64' }), // 4 vCPU od x86
        instance({ instanceType: 'm7g.large' }), // 2 vCPU od arm
      ],
      SPECS,
      PRICES,
    );
    expect(mix.spotShareByVcpu).toBeCloseTo(2 / 8);
    expect(mix.armShareByVcpu).toBeCloseTo(4 / 8);
  });

  it('takes the hours per month as a parameter', () => {
    const mix = summariseMix([instance()], SPECS, PRICES, 720);
    expect(mix.usdPerMonth).toBeCloseTo(0.09 * 720);
  });
});
