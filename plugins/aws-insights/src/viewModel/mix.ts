import {
  Architecture,
  HistoryPoint,
  Lifecycle,
  MixSummary,
} from '@platform-portal/plugin-aws-insights-common';
import { HOURS_PER_MONTH } from './constants';

export type MixKey = 'spotArm64' | 'spotX86' | 'onDemandArm64' | 'onDemandX86';

export interface MixCellStyle {
  key: MixKey;
  lifecycle: Lifecycle;
  architecture: Architecture;
  label: string;
  /** Okabe-Ito colour-blind-safe colours: readable on light and dark backgrounds. */
  color: string;
  /** On-Demand cells are hatched so the split does not depend on colour alone. */
  hatched: boolean;
}

/** The four cells, in the API's order: spot/on-demand x arm64/x86_64. */
export const MIX_CELLS: MixCellStyle[] = [
  {
    key: 'spotArm64',
    lifecycle: 'spot',
    architecture: 'arm64',
    label: 'Spot · arm64',
    color: '#009E73',
    hatched: false,
  },
  {
    key: 'spotX86',
    lifecycle: 'spot',
    architecture: 'x86_64',
    label: 'Spot · x86_64',
    color: '#56B4E9',
    hatched: false,
  },
  {
    key: 'onDemandArm64',
    lifecycle: 'on-demand',
    architecture: 'arm64',
    label: 'On-Demand · arm64',
    color: '#E69F00',
    hatched: true,
  },
  {
    key: 'onDemandX86',
    lifecycle: 'on-demand',
    architecture: 'x86_64',
    label: 'On-Demand · x86_64',
    color: '#CC79A7',
    hatched: true,
  },
];

export interface MixRow extends MixCellStyle {
  count: number;
  vcpu: number;
  usdPerHour: number;
  usdPerMonth: number;
  countShare: number;
  vcpuShare: number;
  costShare: number;
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

/** One row per cell with its shares by count, vCPU and $/hour. */
export function mixRows(mix: MixSummary): MixRow[] {
  return MIX_CELLS.map(style => {
    const cell = mix.cells.find(
      c =>
        c.lifecycle === style.lifecycle &&
        c.architecture === style.architecture,
    ) ?? { count: 0, vcpu: 0, usdPerHour: 0 };
    return {
      ...style,
      count: cell.count,
      vcpu: cell.vcpu,
      usdPerHour: cell.usdPerHour,
      usdPerMonth: cell.usdPerHour * HOURS_PER_MONTH,
      countShare: share(cell.count, mix.count),
      vcpuShare: share(cell.vcpu, mix.vcpu),
      costShare: share(cell.usdPerHour, mix.usdPerHour),
    };
  });
}

export type ShareBasis = 'count' | 'vcpu' | 'cost';

/** One stacked bar per basis: the chart of "share by count, vCPU and $/hour". */
export function mixShareBars(rows: MixRow[]) {
  const bases: Array<[ShareBasis, string]> = [
    ['count', 'Nodes'],
    ['vcpu', 'vCPU'],
    ['cost', '$/hour'],
  ];
  return bases.map(([basis, label]) => {
    const bar: Record<string, number | string> = { basis: label };
    for (const row of rows) {
      const value = {
        count: row.countShare,
        vcpu: row.vcpuShare,
        cost: row.costShare,
      }[basis];
      bar[row.key] = Math.round(value * 1000) / 10;
    }
    return bar;
  });
}

export interface TrendPoint {
  at: number;
  spotArm64: number;
  spotX86: number;
  onDemandArm64: number;
  onDemandX86: number;
  usdPerMonth: number;
  allOnDemandX86UsdPerMonth: number;
  savingsUsdPerMonth: number;
}

/** History points as chart rows, oldest first; money as a monthly rate. */
export function trendSeries(points: HistoryPoint[]): TrendPoint[] {
  return points
    .map(p => ({
      at: Date.parse(p.takenAt),
      spotArm64: p.spotArm64Vcpu,
      spotX86: p.spotX8664Vcpu,
      onDemandArm64: p.onDemandArm64Vcpu,
      onDemandX86: p.onDemandX8664Vcpu,
      usdPerMonth: round2(p.usdPerHour * HOURS_PER_MONTH),
      allOnDemandX86UsdPerMonth: round2(
        p.onDemandX86UsdPerHour * HOURS_PER_MONTH,
      ),
      savingsUsdPerMonth: round2(
        (p.onDemandX86UsdPerHour - p.usdPerHour) * HOURS_PER_MONTH,
      ),
    }))
    .sort((a, b) => a.at - b.at);
}

function round2(value: number) {
  return Math.round(value * 100) / 100;
}
