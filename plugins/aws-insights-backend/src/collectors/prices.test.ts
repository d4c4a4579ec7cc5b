import {
  DescribeSpotPriceHistoryCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { mockClient } from 'aws-sdk-client-mock';
import {
  BUNDLED_PRICES_AS_OF,
  bundledOnDemandPrice,
} from './bundledOnDemandPrices';
import {
  collectOnDemandPrices,
  collectSpotPrices,
  latestSpotPrices,
  parsePriceListItem,
} from './prices';
import { awsError, testContext, TEST_NOW } from './__testUtils__/testContext';

const ec2 = mockClient(EC2Client);
const pricing = mockClient(PricingClient);

function priceListItem(instanceType: string, usd: string) {
  return JSON.stringify({
    product: { attributes: { instanceType, regionCode: 'eu-west-1' } },
    publicationDate: '2025-05-30T00:00:00Z',
    terms: {
      OnDemand: {
        'SKU.JRTCKXETXF': {
          effectiveDate: '2025-05-01T00:00:00Z',
          priceDimensions: {
            'SKU.JRTCKXETXF.6YS6EN2CT7': { pricePerUnit: { USD: usd } },
          },
        },
      },
    },
  });
}

beforeEach(() => {
  ec2.reset();
  pricing.reset();
});

describe('spot prices', () => {
  it('keeps the latest price per type and AZ', () => {
    const prices = latestSpotPrices(
      [
        {
          InstanceType: 'm7g.large',
          AvailabilityZone: 'eu-west-1a',
          SpotPrice: '0.03',
          Timestamp: new Date('2025-06-02T10:00:00Z'),
        },
        {
          InstanceType: 'm7g.large',
          AvailabilityZone: 'eu-west-1a',
          SpotPrice: '0.031',
          Timestamp: new Date('2025-06-02T11:00:00Z'),
        },
        {
          InstanceType: 'm7g.large',
          AvailabilityZone: 'eu-west-1b',
          SpotPrice: '0.029',
          Timestamp: new Date('2025-06-02T09:00:00Z'),
        },
      ],
      'eu-west-1',
    );
    expect(prices).toEqual([
      {
        instanceType: 'm7g.large',
        region: 'eu-west-1',
        availabilityZone: 'eu-west-1a',
        lifecycle: 'spot',
        usdPerHour: 0.031,
        asOf: '2025-06-02T11:00:00.000Z',
        source: 'spot-price-history',
      },
      expect.objectContaining({
        availabilityZone: 'eu-west-1b',
        usdPerHour: 0.029,
      }),
    ]);
  });

  it('asks for Linux prices at "now", paginated and batched by 100 types', async () => {
    ec2
      .on(DescribeSpotPriceHistoryCommand)
      .resolvesOnce({ SpotPriceHistory: [], NextToken: 'p2' })
      .resolves({ SpotPriceHistory: [] });
    const types = Array.from({ length: 150 }, (_, i) => `t${i}.large`);
    const result = await collectSpotPrices(testContext(), types);
    const calls = ec2.commandCalls(DescribeSpotPriceHistoryCommand);
    // Batch 1 takes two pages, batch 2 one.
    expect(calls).toHaveLength(3);
    expect(calls[0].args[0].input).toMatchObject({
      ProductDescriptions: ['Linux/UNIX'],
      StartTime: TEST_NOW,
    });
    expect(calls[2].args[0].input.InstanceTypes).toHaveLength(50);
    expect(result.status).toMatchObject({ service: 'ec2', ok: true });
  });

  it('reports a throttled spot read as ok:false', async () => {
    ec2
      .on(DescribeSpotPriceHistoryCommand)
      .rejects(awsError('RequestLimitExceeded', 'Request limit exceeded.'));
    const result = await collectSpotPrices(testContext(), ['m7g.large']);
    expect(result.prices).toEqual([]);
    expect(result.status.error?.name).toBe('RequestLimitExceeded');
  });
});

describe('On-Demand prices', () => {
  it('parses a PriceList entry', () => {
    expect(
      parsePriceListItem(
        priceListItem('m6i.large', '0.1070000000'),
        'eu-west-1',
      ),
    ).toEqual({
      instanceType: 'm6i.large',
      region: 'eu-west-1',
      lifecycle: 'on-demand',
      usdPerHour: 0.107,
      asOf: '2025-05-01T00:00:00Z',
      source: 'pricing-api',
    });
    expect(
      parsePriceListItem(priceListItem('m6i.large', '0.0000000000'), 'r'),
    ).toBeUndefined();
  });

  it('queries GetProducts per type with the Linux/shared/used filters', async () => {
    pricing.on(GetProductsCommand).callsFake(input => ({
      PriceList: [priceListItem(input.Filters[0].Value, '0.2')],
    }));
    const result = await collectOnDemandPrices(testContext(), [
      'm6i.large',
      'c7g.xlarge',
      'm6i.large',
    ]);
    expect(result.prices.map(p => [p.instanceType, p.source])).toEqual([
      ['m6i.large', 'pricing-api'],
      ['c7g.xlarge', 'pricing-api'],
    ]);
    const calls = pricing.commandCalls(GetProductsCommand);
    expect(calls).toHaveLength(2);
    expect(calls[0].args[0].input).toMatchObject({
      ServiceCode: 'AmazonEC2',
      Filters: expect.arrayContaining([
        { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'eu-west-1' },
        { Type: 'TERM_MATCH', Field: 'operatingSystem', Value: 'Linux' },
        { Type: 'TERM_MATCH', Field: 'tenancy', Value: 'Shared' },
        { Type: 'TERM_MATCH', Field: 'preInstalledSw', Value: 'NA' },
        { Type: 'TERM_MATCH', Field: 'capacitystatus', Value: 'Used' },
      ]),
    });
    expect(result.status).toMatchObject({ service: 'pricing', ok: true });
  });

  it('falls back to the bundled table after the first failure, saying why', async () => {
    pricing
      .on(GetProductsCommand)
      .rejects(awsError('AccessDeniedException', 'no pricing:GetProducts'));
    const result = await collectOnDemandPrices(testContext(), [
      'm6i.large',
      'm7g.2xlarge',
      'x2iedn.metal',
    ]);
    expect(pricing.commandCalls(GetProductsCommand)).toHaveLength(1);
    expect(result.prices).toEqual([
      expect.objectContaining({ instanceType: 'm6i.large', usdPerHour: 0.107 }),
      expect.objectContaining({
        instanceType: 'm7g.2xlarge',
        usdPerHour: 0.3656,
      }),
    ]);
    expect(result.prices.every(p => p.source === 'bundled-table')).toBe(true);
    expect(result.prices[0].asOf).toBe(BUNDLED_PRICES_AS_OF);
    expect(result.status).toMatchObject({
      ok: false,
      error: {
        name: 'AccessDeniedException',
        message: 'no pricing:GetProducts (HTTP 400)',
      },
    });
  });

  it('uses the table for types the API has no product for', async () => {
    pricing.on(GetProductsCommand).resolves({ PriceList: [] });
    const result = await collectOnDemandPrices(testContext(), ['c6g.large']);
    expect(result.prices).toEqual([
      expect.objectContaining({ source: 'bundled-table', usdPerHour: 0.0768 }),
    ]);
    expect(result.status.ok).toBe(true);
  });
});

describe('bundled table', () => {
  it('scales the large price by size, only for known regions and sizes', () => {
    expect(bundledOnDemandPrice('m5.large', 'us-east-1')).toBe(0.096);
    expect(bundledOnDemandPrice('m5.4xlarge', 'us-east-1')).toBe(0.768);
    expect(bundledOnDemandPrice('t3.2xlarge', 'us-east-1')).toBe(0.3328);
    expect(bundledOnDemandPrice('t3.4xlarge', 'us-east-1')).toBeUndefined();
    expect(bundledOnDemandPrice('m5.large', 'ap-south-1')).toBeUndefined();
    expect(bundledOnDemandPrice('m5.metal', 'us-east-1')).toBeUndefined();
  });
});
