import {
  CloudFormationClient,
  paginateDescribeStacks,
} from '@aws-sdk/client-cloudformation';
import {
  EC2Client,
  Instance,
  paginateDescribeInstances,
  paginateDescribeInstanceTypes,
  _InstanceType,
} from '@aws-sdk/client-ec2';
import { EKSClient, paginateListClusters } from '@aws-sdk/client-eks';
import {
  paginateDescribeDBClusters,
  paginateDescribeDBInstances,
  RDSClient,
} from '@aws-sdk/client-rds';
import { ListWebACLsCommand, WAFV2Client } from '@aws-sdk/client-wafv2';

/**
 * Test-only: what moto holds after seeding, read with plain SDK calls and none of the
 * collector or aggregation code, so the API's figures are checked against an independent
 * derivation rather than against themselves.
 */
export interface MotoTruth {
  clusters: string[];
  nodesByCluster: Record<string, number>;
  /** `${lifecycle}/${architecture}` -> nodes and vCPUs, for running cluster nodes. */
  cells: Record<string, { count: number; vcpu: number }>;
  nodes: number;
  vcpu: number;
  vcpuByType: Record<string, number>;
  databases: Array<{
    identifier: string;
    kind: 'aurora-cluster' | 'rds-instance';
    environment?: string;
  }>;
  webAcls: string[];
  stacks: Array<{ name: string; status: string }>;
}

const CLUSTER_TAG = 'kubernetes.io/cluster/';

function tag(
  tags: Array<{ Key?: string; Value?: string }> | undefined,
  key: string,
) {
  return tags?.find(t => t.Key === key)?.Value;
}

export async function readMotoTruth(options: {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  stackPrefixes: string[];
}): Promise<MotoTruth> {
  const config = {
    region: options.region,
    endpoint: options.endpoint,
    credentials: options.credentials,
    maxAttempts: 1,
  };
  const clusters: string[] = [];
  for await (const page of paginateListClusters(
    { client: new EKSClient(config) },
    {},
  )) {
    clusters.push(...(page.clusters ?? []));
  }

  const ec2 = new EC2Client(config);
  const nodes: Array<{ instance: Instance; cluster: string }> = [];
  for await (const page of paginateDescribeInstances({ client: ec2 }, {})) {
    for (const instance of (page.Reservations ?? []).flatMap(
      r => r.Instances ?? [],
    )) {
      const state = instance.State?.Name;
      const cluster = clusters.find(c =>
        instance.Tags?.some(t => t.Key === `${CLUSTER_TAG}${c}`),
      );
      if (cluster && (state === 'running' || state === 'pending')) {
        nodes.push({ instance, cluster });
      }
    }
  }
  const types = [...new Set(nodes.map(n => n.instance.InstanceType!))];
  const vcpuByType: Record<string, number> = {};
  if (types.length > 0) {
    for await (const page of paginateDescribeInstanceTypes(
      { client: ec2 },
      { InstanceTypes: types as _InstanceType[] },
    )) {
      for (const info of page.InstanceTypes ?? []) {
        vcpuByType[info.InstanceType!] = info.VCpuInfo?.DefaultVCpus ?? 0;
      }
    }
  }
  const nodesByCluster: Record<string, number> = {};
  const cells: MotoTruth['cells'] = {};
  for (const { instance, cluster } of nodes) {
    nodesByCluster[cluster] = (nodesByCluster[cluster] ?? 0) + 1;
    const lifecycle =
      instance.InstanceLifecycle === 'spot' ? 'spot' : 'on-demand';
    const arch = instance.Architecture === 'arm64' ? 'arm64' : 'x86_64';
    const cell = (cells[`${lifecycle}/${arch}`] ??= { count: 0, vcpu: 0 });
    cell.count += 1;
    cell.vcpu += vcpuByType[instance.InstanceType!];
  }

  const rds = new RDSClient(config);
  const databases: MotoTruth['databases'] = [];
  for await (const page of paginateDescribeDBClusters({ client: rds }, {})) {
    for (const c of page.DBClusters ?? []) {
      if (!c.Engine?.startsWith('aurora')) continue;
      databases.push({
        identifier: c.DBClusterIdentifier!,
        kind: 'aurora-cluster',
        environment: tag(c.TagList, 'environment'),
      });
    }
  }
  for await (const page of paginateDescribeDBInstances({ client: rds }, {})) {
    for (const i of page.DBInstances ?? []) {
      if (i.DBClusterIdentifier) continue;
      databases.push({
        identifier: i.DBInstanceIdentifier!,
        kind: 'rds-instance',
        environment: tag(i.TagList, 'environment'),
      });
    }
  }

  const acls = await new WAFV2Client(config).send(
    new ListWebACLsCommand({ Scope: 'REGIONAL' }),
  );
  const stacks: MotoTruth['stacks'] = [];
  for await (const page of paginateDescribeStacks(
    { client: new CloudFormationClient(config) },
    {},
  )) {
    for (const s of page.Stacks ?? []) {
      if (options.stackPrefixes.some(p => s.StackName!.startsWith(p))) {
        stacks.push({ name: s.StackName!, status: s.StackStatus! });
      }
    }
  }

  return {
    clusters,
    nodesByCluster,
    cells,
    nodes: nodes.length,
    vcpu: nodes.reduce(
      (sum, n) => sum + vcpuByType[n.instance.InstanceType!],
      0,
    ),
    vcpuByType,
    databases,
    webAcls: (acls.WebACLs ?? []).map(w => w.Name!),
    stacks,
  };
}
