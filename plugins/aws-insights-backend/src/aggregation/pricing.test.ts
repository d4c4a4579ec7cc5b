import { onDemand, REGION, SPECS, spot } from './__testUtils__/fixtures';
import {
  buildPricingIndex,
  instanceUsdPerHour,
  onDemandUsdPerHour,
} from './pricing';

const at = (az: string) => ({
  instanceType: 'm7g.large',
  region: REGION,
  availabilityZone: `${REGION}${az}`,
  lifecycle: 'spot' as const,
});

describe('buildPricingIndex', () => {
  it('keeps the newest price of a key', () => {
    const index = buildPricingIndex(SPECS, [
      { ...onDemand('m7g.large', 0.2), asOf: '2025-06-02' },
      { ...onDemand('m7g.large', 0.1), asOf: '2025-05-01' },
    ]);
    expect(onDemandUsdPerHour(index, 'm7g.large', REGION)).toBe(0.2);
    expect(index.specs.get('m7g.large')?.vcpu).toBe(2);
  });

  it('prices On-Demand per region', () => {
    const index = buildPricingIndex(SPECS, [
      onDemand('m7g.large', 0.09),
      onDemand('m7g.large', 0.1, 'eu-central-1'),
    ]);
    expect(onDemandUsdPerHour(index, 'm7g.large', 'eu-central-1')).toBe(0.1);
    expect(onDemandUsdPerHour(index, 'm7g.large', 'us-east-1')).toBeUndefined();
  });
});

describe('instanceUsdPerHour', () => {
  const index = buildPricingIndex(SPECS, [
    onDemand('m7g.large', 0.09),
    spot('m7g.large', `${REGION}a`, 0.03),
    spot('m7g.large', `${REGION}b`, 0.04),
  ]);

  it('uses the Spot price of the AZ', () => {
    expect(instanceUsdPerHour(index, at('a'))).toBe(0.03);
  });

  it('falls back to the regional average Spot price', () => {
    expect(instanceUsdPerHour(index, at('c'))).toBeCloseTo(0.035);
  });

  it('prefers an AZ-less regional Spot price over the AZ average', () => {
    const withRegional = buildPricingIndex(SPECS, [
      spot('m7g.large', `${REGION}a`, 0.03),
      spot('m7g.large', undefined, 0.05),
    ]);
    expect(instanceUsdPerHour(withRegional, at('c'))).toBe(0.05);
  });

  it('falls back to On-Demand when no Spot price is known', () => {
    const onlyOnDemand = buildPricingIndex(SPECS, [
      onDemand('m7g.large', 0.09),
    ]);
    expect(instanceUsdPerHour(onlyOnDemand, at('a'))).toBe(0.09);
  });

  it('prices On-Demand instances On-Demand, never Spot', () => {
    expect(
      instanceUsdPerHour(index, { ...at('a'), lifecycle: 'on-demand' }),
    ).toBe(0.09);
  });

  it('is undefined without any price', () => {
    expect(
      instanceUsdPerHour(index, { ...at('a'), instanceType: 'c7g.large' }),
    ).toBeUndefined();
  });
});
