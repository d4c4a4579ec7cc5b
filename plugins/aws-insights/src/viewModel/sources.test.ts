import {
  SourceReads,
  SourceStatus,
} from '@platform-portal/plugin-aws-insights-common';
import { failedSources } from './sources';

const SERVICE: Record<string, SourceStatus['service']> = {
  databases: 'rds',
  'web-acls': 'wafv2',
  'container-insights': 'cloudwatch',
  'spot-prices': 'ec2',
};

const source = (
  reads: SourceReads,
  ok: boolean,
  accountId = '000000000005',
): SourceStatus => ({
  service: SERVICE[reads],
  reads,
  accountId,
  region: 'eu-west-1',
  ok,
  fetchedAt: '2025-06-02T09:00:00.000Z',
  calls: 1,
});

describe('failedSources', () => {
  const sources = [
    source('databases', false),
    source('databases', true, '000000000003'),
    source('web-acls', false, '000000000003'),
    source('container-insights', false),
    source('spot-prices', false),
  ];

  it('gives each section the failures of the sources it is built from', () => {
    expect(failedSources(sources, 'databases').map(s => s.reads)).toEqual([
      'databases',
    ]);
    expect(failedSources(sources, 'waf').map(s => s.reads)).toEqual([
      'web-acls',
    ]);
    expect(failedSources(sources, 'capacity').map(s => s.reads)).toEqual([
      'container-insights',
    ]);
    expect(failedSources(sources, 'mix').map(s => s.reads)).toEqual([
      'spot-prices',
    ]);
    expect(failedSources(sources, 'stacks')).toEqual([]);
  });

  it('limits them to the given accounts', () => {
    expect(failedSources(sources, 'waf', ['000000000005'])).toEqual([]);
  });
});
