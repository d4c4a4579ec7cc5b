import {
  ClusterCapacity,
  FleetSnapshot,
  MixSummary,
} from '@platform-portal/plugin-aws-insights-common';
import { historyRows } from './historyRows';

const mix = (spotArm: number, odX86: number, usd: number): MixSummary => ({
  cells: [
    {
      lifecycle: 'spot',
      architecture: 'arm64',
      count: 1,
      vcpu: spotArm,
      usdPerHour: usd / 2,
    },
    {
      lifecycle: 'spot',
      architecture: 'x86_64',
      count: 0,
      vcpu: 0,
      usdPerHour: 0,
    },
    {
      lifecycle: 'on-demand',
      architecture: 'arm64',
      count: 0,
      vcpu: 0,
      usdPerHour: 0,
    },
    {
      lifecycle: 'on-demand',
      architecture: 'x86_64',
      count: 1,
      vcpu: odX86,
      usdPerHour: usd / 2,
    },
  ],
  count: 2,
  vcpu: spotArm + odX86,
  usdPerHour: usd,
  usdPerMonth: usd * 730,
  onDemandX86UsdPerHour: usd * 2,
  savingsUsdPerMonth: usd * 730,
  savingsPercent: 50,
  spotShareByVcpu: spotArm / (spotArm + odX86),
  armShareByVcpu: spotArm / (spotArm + odX86),
  unpricedInstanceTypes: [],
});

const cluster = (
  arn: string,
  environment: string,
  vcpu: number,
  requestedVcpu?: number,
): ClusterCapacity => ({
  arn,
  cluster: arn.split('/').pop()!,
  accountId: '000000000005',
  region: 'eu-west-1',
  environment,
  status: 'ACTIVE',
  version: '1.33',
  healthIssues: [],
  pools: [],
  lowHeadroom: false,
  nodes: 2,
  vcpu,
  memoryGiB: vcpu * 4,
  requestedVcpu,
  requestsKnown: requestedVcpu !== undefined,
  byInstanceType: [],
});

const snapshot = (): FleetSnapshot => ({
  generatedAt: '2026-11-24T10:00:00.000Z',
  dataAsOf: '2026-11-24T10:00:00.000Z',
  stale: false,
  staleAfter: '2026-11-24T10:11:00.000Z',
  sample: true,
  sources: [],
  fleet: {
    nodes: 6,
    vcpu: 24,
    memoryGiB: 96,
    requestsKnown: false,
    byInstanceType: [],
  },
  clusters: [
    cluster('arn:aws:eks:eu-west-1:5:cluster/prod-a', 'prod', 8, 4),
    cluster('arn:aws:eks:eu-west-1:5:cluster/prod-b', 'prod', 8, 2),
    cluster('arn:aws:eks:eu-west-1:3:cluster/dev', 'dev', 8),
  ],
  mix: mix(12, 12, 3),
  mixByCluster: {
    'arn:aws:eks:eu-west-1:5:cluster/prod-a': mix(4, 4, 1),
    'arn:aws:eks:eu-west-1:5:cluster/prod-b': mix(4, 4, 1),
    'arn:aws:eks:eu-west-1:3:cluster/dev': mix(4, 4, 1),
  },
  gravitonCandidates: [],
  databases: [],
  wafs: [],
  stacks: [],
});

describe('historyRows', () => {
  const rows = historyRows(snapshot());

  it('adds one row for the fleet, each cluster and each environment', () => {
    expect(rows.map(r => r.scope).sort()).toEqual([
      'cluster:arn:aws:eks:eu-west-1:3:cluster/dev',
      'cluster:arn:aws:eks:eu-west-1:5:cluster/prod-a',
      'cluster:arn:aws:eks:eu-west-1:5:cluster/prod-b',
      'environment:dev',
      'environment:prod',
      'fleet',
    ]);
    expect(
      rows.every(r => r.sample && r.takenAt === '2026-11-24T10:00:00.000Z'),
    ).toBe(true);
  });

  it('sums an environment over its clusters, cell by cell', () => {
    const prod = rows.find(r => r.scope === 'environment:prod')!;
    expect(prod).toMatchObject({
      nodes: 4,
      vcpu: 16,
      requestedVcpu: 6,
      spotArm64Vcpu: 8,
      onDemandX8664Vcpu: 8,
      usdPerHour: 2,
      onDemandX86UsdPerHour: 4,
    });
  });

  it('leaves requests unknown when any cluster of the environment lacks them', () => {
    expect(
      rows.find(r => r.scope === 'environment:dev')!.requestedVcpu,
    ).toBeUndefined();
    expect(rows.find(r => r.scope === 'fleet')!.requestedVcpu).toBeUndefined();
  });
});
