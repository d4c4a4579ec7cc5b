import { historyResponse, mix } from '../__fixtures__/fleet';
import { MIX_CELLS, mixRows, mixShareBars, trendSeries } from './mix';

describe('mix view model', () => {
  it('gives every cell its shares by count, vCPU and cost, and a monthly cost', () => {
    const rows = mixRows(mix);
    expect(rows.map(r => r.label)).toEqual([
      'Spot · arm64',
      'Spot · x86_64',
      'On-Demand · arm64',
      'On-Demand · x86_64',
    ]);
    expect(rows[0].countShare).toBeCloseTo(21 / 55);
    expect(rows[0].vcpuShare).toBeCloseTo(72 / 186);
    expect(rows[3].costShare).toBeCloseTo(2.6371 / 5.9798);
    expect(rows[3].usdPerMonth).toBeCloseTo(2.6371 * 730);
    expect(rows.reduce((s, r) => s + r.vcpuShare, 0)).toBeCloseTo(1);
  });

  it('fills a missing cell with zeros rather than dropping it', () => {
    const rows = mixRows({ ...mix, cells: mix.cells.slice(0, 1) });
    expect(rows).toHaveLength(4);
    expect(rows[3]).toMatchObject({ count: 0, vcpu: 0, vcpuShare: 0 });
  });

  it('shapes 100 % bars per basis, in percent with one decimal', () => {
    const [nodes, vcpu, cost] = mixShareBars(mixRows(mix));
    expect(nodes).toMatchObject({ basis: 'Nodes', spotArm64: 38.2 });
    expect(vcpu).toMatchObject({ basis: 'vCPU', onDemandX86: 25.8 });
    expect(cost).toMatchObject({ basis: '$/hour', onDemandX86: 44.1 });
  });

  it('uses distinct colours and hatches On-Demand', () => {
    expect(new Set(MIX_CELLS.map(c => c.color)).size).toBe(4);
    expect(MIX_CELLS.filter(c => c.hatched).map(c => c.lifecycle)).toEqual([
      'on-demand',
      'on-demand',
    ]);
  });

  it('turns history points into oldest-first rows with monthly money', () => {
    const points = historyResponse('fleet', 7).points.reverse();
    const series = trendSeries(points);
    expect(series[0].at).toBeLessThan(series[series.length - 1].at);
    expect(series[0]).toMatchObject({
      spotArm64: 72,
      onDemandX86: 48,
      usdPerMonth: 4365.25,
      allOnDemandX86UsdPerMonth: 7443.3,
      savingsUsdPerMonth: 3078.05,
    });
  });
});
