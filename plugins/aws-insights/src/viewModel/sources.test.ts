import { SourceStatus } from '@platform-portal/plugin-aws-insights-common';
import { failedSources } from './sources';

const source = (
  service: SourceStatus['service'],
  ok: boolean,
  accountId = '000000000005',
): SourceStatus => ({
  service,
  accountId,
  region: 'eu-west-1',
  ok,
  fetchedAt: '2025-06-02T09:00:00.000Z',
  calls: 1,
});

describe('failedSources', () => {
  const sources = [
    source('rds', false),
    source('rds', true, '000000000003'),
    source('wafv2', false, '000000000003'),
    source('cloudwatch', false),
  ];

  it('gives each section the failures of the services it is built from', () => {
    expect(failedSources(sources, 'databases').map(s => s.service)).toEqual([
      'rds',
      'cloudwatch',
    ]);
    expect(failedSources(sources, 'waf').map(s => s.service)).toEqual([
      'wafv2',
    ]);
    expect(failedSources(sources, 'mix')).toEqual([]);
  });

  it('limits them to the given accounts', () => {
    expect(failedSources(sources, 'waf', ['000000000005'])).toEqual([]);
  });
});
