import {
  EC2_ON_DEMAND_PRICE_REGIONS,
  EC2_ON_DEMAND_PRICES_AS_OF,
  ec2OnDemandHourlyPrice,
} from './ec2OnDemandPrices';

describe('ec2OnDemandHourlyPrice', () => {
  it('scales the .large price of a family linearly with size', () => {
    expect(ec2OnDemandHourlyPrice('m5.large', 'us-east-1')).toBe(0.096);
    expect(ec2OnDemandHourlyPrice('m5.xlarge', 'us-east-1')).toBe(0.192);
    expect(ec2OnDemandHourlyPrice('m5.4xlarge', 'us-east-1')).toBe(0.768);
    expect(ec2OnDemandHourlyPrice('m7g.large', 'eu-west-1')).toBe(0.0914);
  });

  it('answers undefined for what the table does not know', () => {
    expect(ec2OnDemandHourlyPrice('t3.4xlarge', 'us-east-1')).toBeUndefined();
    expect(ec2OnDemandHourlyPrice('m5.metal', 'us-east-1')).toBeUndefined();
    expect(ec2OnDemandHourlyPrice('m5.large', 'ap-south-1')).toBeUndefined();
    expect(ec2OnDemandHourlyPrice('p5.48xlarge', 'us-east-1')).toBeUndefined();
  });

  it('prices Graviton below the x86 equivalent in every region it covers', () => {
    for (const region of EC2_ON_DEMAND_PRICE_REGIONS) {
      expect(ec2OnDemandHourlyPrice('m7g.large', region)!).toBeLessThan(
        ec2OnDemandHourlyPrice('m7i.large', region)!,
      );
    }
  });

  it('carries the date its figures were checked', () => {
    expect(EC2_ON_DEMAND_PRICES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
