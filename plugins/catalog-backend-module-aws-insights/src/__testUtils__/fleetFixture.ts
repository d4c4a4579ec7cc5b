import {
  ClusterCapacity,
  DatabaseHealth,
  WafSummary,
} from '@platform-portal/plugin-aws-insights-common';
import { FleetEntitySource } from '../toEntities';

/** Hand-built snapshot parts, with only what matters to a test set explicitly. */
export function cluster(
  name: string,
  opts: { accountId?: string; region?: string; environment?: string } = {},
): ClusterCapacity {
  const { accountId = '111111111111', region = 'eu-west-1' } = opts;
  return {
    arn: `arn:aws:eks:${region}:${accountId}:cluster/${name}`,
    cluster: name,
    accountId,
    region,
    environment: opts.environment,
    status: 'ACTIVE',
    version: '1.32',
    healthIssues: [],
    nodes: 3,
    vcpu: 6,
    memoryGiB: 24,
    requestsKnown: false,
    byInstanceType: [{ instanceType: 'm7g.large', count: 3 }],
    pools: [],
    lowHeadroom: false,
  };
}

export function database(
  identifier: string,
  opts: {
    accountId?: string;
    region?: string;
    environment?: string;
    owner?: string;
    tags?: Record<string, string>;
  } = {},
): DatabaseHealth {
  const { accountId = '111111111111', region = 'eu-west-1' } = opts;
  return {
    verdict: 'healthy',
    reasons: [],
    record: {
      arn: `arn:aws:rds:${region}:${accountId}:db:${identifier}`,
      identifier,
      kind: 'rds-instance',
      accountId,
      region,
      environment: opts.environment,
      owner: opts.owner,
      engine: 'postgres',
      engineVersion: '16.4',
      status: 'available',
      multiAz: false,
      storageEncrypted: true,
      backupRetentionDays: 7,
      deletionProtection: true,
      publiclyAccessible: false,
      pendingModifications: [],
      members: [],
      tags: opts.tags ?? {},
      metrics: {},
      events: [],
    },
  };
}

export function webAcl(
  name: string,
  opts: { accountId?: string; region?: string; environment?: string } = {},
): WafSummary {
  const { accountId = '111111111111', region = 'eu-west-1' } = opts;
  return {
    arn: `arn:aws:wafv2:${region}:${accountId}:regional/webacl/${name}/0000-1111`,
    name,
    accountId,
    region,
    environment: opts.environment,
    allowed: 100,
    blocked: 5,
    counted: 0,
    blockRate: 5 / 105,
    topRules: [],
  };
}

export function fleet(parts: Partial<FleetEntitySource>): FleetEntitySource {
  return { sample: false, clusters: [], databases: [], wafs: [], ...parts };
}
