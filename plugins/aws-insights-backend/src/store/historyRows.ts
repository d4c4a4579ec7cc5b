import {
  FleetSnapshot,
  HistoryPoint,
  MixSummary,
} from '@platform-portal/plugin-aws-insights-common';

/** One point of a trend (the API's HistoryPoint). */
export type HistoryRow = HistoryPoint;

export const FLEET_SCOPE = 'fleet';
export const environmentScope = (name: string) => `environment:${name}`;
export const clusterScope = (arn: string) => `cluster:${arn}`;

function cellVcpu(
  mix: MixSummary,
  lifecycle: string,
  architecture: string,
): number {
  return (
    mix.cells.find(
      c => c.lifecycle === lifecycle && c.architecture === architecture,
    )?.vcpu ?? 0
  );
}

function row(
  takenAt: string,
  scope: string,
  sample: boolean,
  mix: MixSummary,
  nodes: number,
  vcpu: number,
  requestedVcpu: number | undefined,
): HistoryRow {
  return {
    takenAt,
    scope,
    sample,
    nodes,
    vcpu,
    requestedVcpu,
    spotArm64Vcpu: cellVcpu(mix, 'spot', 'arm64'),
    spotX8664Vcpu: cellVcpu(mix, 'spot', 'x86_64'),
    onDemandArm64Vcpu: cellVcpu(mix, 'on-demand', 'arm64'),
    onDemandX8664Vcpu: cellVcpu(mix, 'on-demand', 'x86_64'),
    usdPerHour: mix.usdPerHour,
    onDemandX86UsdPerHour: mix.onDemandX86UsdPerHour,
  };
}

/** Sums mixes cell by cell (an environment's clusters). */
export function addMixes(mixes: MixSummary[]): MixSummary {
  const cells = (mixes[0]?.cells ?? []).map(c => ({
    ...c,
    count: 0,
    vcpu: 0,
    usdPerHour: 0,
  }));
  const sum = mixes.reduce(
    (acc, m) => {
      m.cells.forEach((c, i) => {
        if (!cells[i]) cells[i] = { ...c, count: 0, vcpu: 0, usdPerHour: 0 };
        cells[i].count += c.count;
        cells[i].vcpu += c.vcpu;
        cells[i].usdPerHour += c.usdPerHour;
      });
      acc.usdPerHour += m.usdPerHour;
      acc.onDemandX86UsdPerHour += m.onDemandX86UsdPerHour;
      return acc;
    },
    { usdPerHour: 0, onDemandX86UsdPerHour: 0 },
  );
  return { ...(mixes[0] as MixSummary), cells, ...sum };
}

/** The rows one refresh adds to the history: the fleet, each environment and each cluster. */
export function historyRows(snapshot: FleetSnapshot): HistoryRow[] {
  const { generatedAt: at, sample } = snapshot;
  const rows = [
    row(
      at,
      FLEET_SCOPE,
      sample,
      snapshot.mix,
      snapshot.fleet.nodes,
      snapshot.fleet.vcpu,
      snapshot.fleet.requestedVcpu,
    ),
  ];
  const byEnvironment = new Map<string, typeof snapshot.clusters>();
  for (const cluster of snapshot.clusters) {
    const mix = snapshot.mixByCluster[cluster.arn];
    if (!mix) continue;
    rows.push(
      row(
        at,
        clusterScope(cluster.arn),
        sample,
        mix,
        cluster.nodes,
        cluster.vcpu,
        cluster.requestedVcpu,
      ),
    );
    if (cluster.environment) {
      byEnvironment.set(cluster.environment, [
        ...(byEnvironment.get(cluster.environment) ?? []),
        cluster,
      ]);
    }
  }
  for (const [environment, clusters] of byEnvironment) {
    const known = clusters.every(c => c.requestedVcpu !== undefined);
    rows.push(
      row(
        at,
        environmentScope(environment),
        sample,
        addMixes(clusters.map(c => snapshot.mixByCluster[c.arn])),
        clusters.reduce((n, c) => n + c.nodes, 0),
        clusters.reduce((n, c) => n + c.vcpu, 0),
        known
          ? clusters.reduce((n, c) => n + (c.requestedVcpu ?? 0), 0)
          : undefined,
      ),
    );
  }
  return rows;
}
