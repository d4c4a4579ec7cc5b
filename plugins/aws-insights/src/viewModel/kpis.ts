import { FleetResponse } from '@platform-portal/plugin-aws-insights-common';
import {
  formatCount,
  formatPercent,
  formatShare,
  formatUsd,
  formatVcpu,
} from '../format';

export type KpiTone = 'normal' | 'good' | 'warning' | 'error';

export interface Kpi {
  id: string;
  label: string;
  value: string;
  hint?: string;
  tone: KpiTone;
}

function databaseTone(critical: number, unhealthy: number): KpiTone {
  if (critical) return 'error';
  return unhealthy ? 'warning' : 'good';
}

/** Databases whose verdict is not healthy. */
export function unhealthyDatabases(fleet: Pick<FleetResponse, 'databases'>) {
  return fleet.databases.filter(d => d.verdict !== 'healthy');
}

/**
 * CPU headroom of the clusters whose requests are known: the fleet figure is undefined as soon
 * as one cluster lacks Container Insights, but the others still say something.
 */
export function knownHeadroom(
  fleet: Pick<FleetResponse, 'clusters' | 'fleet'>,
) {
  if (fleet.fleet.headroomPercent !== undefined)
    return fleet.fleet.headroomPercent;
  const known = fleet.clusters.filter(
    c => c.requestsKnown && c.requestedVcpu !== undefined,
  );
  const vcpu = known.reduce((s, c) => s + c.vcpu, 0);
  const requested = known.reduce((s, c) => s + (c.requestedVcpu ?? 0), 0);
  return vcpu > 0 ? 100 - (requested / vcpu) * 100 : undefined;
}

/** The tiles on top of the dashboards, in reading order. */
export function kpis(fleet: FleetResponse): Kpi[] {
  const { fleet: capacity, mix } = fleet;
  const unhealthy = unhealthyDatabases(fleet);
  const critical = unhealthy.filter(d => d.verdict === 'critical').length;
  const blocked = fleet.wafs.reduce((sum, w) => sum + w.blocked, 0);
  const allowed = fleet.wafs.reduce((sum, w) => sum + w.allowed, 0);
  const lowHeadroom = fleet.clusters.filter(c => c.lowHeadroom).length;
  const unknown = fleet.clusters.filter(c => !c.requestsKnown);
  return [
    {
      id: 'nodes',
      label: 'Nodes',
      value: formatCount(capacity.nodes),
      hint: `${fleet.clusters.length} clusters`,
      tone: 'normal',
    },
    {
      id: 'vcpu',
      label: 'vCPU',
      value: formatVcpu(capacity.vcpu),
      hint: `${formatCount(capacity.memoryGiB)} GiB memory`,
      tone: 'normal',
    },
    {
      id: 'headroom',
      label: 'CPU headroom',
      value: formatPercent(knownHeadroom(fleet)),
      hint: [
        lowHeadroom ? `${lowHeadroom} low` : '',
        unknown.length
          ? `requests unknown on ${unknown.map(c => c.cluster).join(', ')}`
          : '',
      ]
        .filter(Boolean)
        .join(' · '),
      tone: lowHeadroom || unknown.length ? 'warning' : 'good',
    },
    {
      id: 'spot',
      label: 'Spot share',
      value: formatShare(mix.spotShareByVcpu),
      hint: 'by vCPU',
      tone: 'normal',
    },
    {
      id: 'graviton',
      label: 'Graviton share',
      value: formatShare(mix.armShareByVcpu),
      hint: 'arm64 by vCPU',
      tone: 'normal',
    },
    {
      id: 'cost',
      label: 'Compute $/month',
      value: formatUsd(mix.usdPerMonth),
      hint: `${formatUsd(mix.usdPerHour)}/hour`,
      tone: 'normal',
    },
    {
      id: 'savings',
      label: 'Savings/month',
      value: formatUsd(mix.savingsUsdPerMonth),
      hint: `${formatPercent(mix.savingsPercent)} vs all On-Demand x86`,
      tone: 'good',
    },
    {
      id: 'databases',
      label: 'Unhealthy databases',
      value: formatCount(unhealthy.length),
      hint: `of ${fleet.databases.length}${
        critical ? `, ${critical} critical` : ''
      }`,
      tone: databaseTone(critical, unhealthy.length),
    },
    {
      id: 'blocked',
      label: 'Blocked requests 24h',
      value: formatCount(blocked),
      hint: `${formatShare(
        allowed + blocked ? blocked / (allowed + blocked) : 0,
        2,
      )} of requests`,
      tone: fleet.wafs.some(w => w.spike) ? 'warning' : 'normal',
    },
  ];
}
