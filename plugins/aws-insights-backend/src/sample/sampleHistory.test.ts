import { HistoryPoint } from '@platform-portal/plugin-aws-insights-common';
import { sampleHistoryRows } from './sampleHistory';

const now = new Date('2025-06-02T09:00:00.000Z');
const fleet: HistoryPoint = {
  takenAt: now.toISOString(),
  scope: 'fleet',
  sample: true,
  nodes: 40,
  vcpu: 200,
  requestedVcpu: 150,
  spotArm64Vcpu: 80,
  spotX8664Vcpu: 40,
  onDemandArm64Vcpu: 30,
  onDemandX8664Vcpu: 50,
  usdPerHour: 10,
  onDemandX86UsdPerHour: 16,
};
const env: HistoryPoint = { ...fleet, scope: 'environment:prod', nodes: 10 };

describe('sampleHistoryRows', () => {
  const rows = sampleHistoryRows([fleet, env], now);
  const fleetRows = rows.filter(r => r.scope === 'fleet');

  it('covers the 30 days before now every 6 hours, oldest first, for every scope, all flagged sample', () => {
    expect(fleetRows).toHaveLength(119);
    expect(rows.filter(r => r.scope === 'environment:prod')).toHaveLength(119);
    expect(fleetRows[0].takenAt).toBe('2025-05-03T15:00:00.000Z');
    expect(fleetRows[118].takenAt).toBe('2025-06-02T03:00:00.000Z');
    expect(rows.every(r => r.sample)).toBe(true);
    expect(rows.every(r => Date.parse(r.takenAt) < now.getTime())).toBe(true);
  });

  it('tells a Graviton migration: less arm64 a month ago than now, and a higher cost per vCPU', () => {
    const armShare = (r: HistoryPoint) =>
      (r.spotArm64Vcpu + r.onDemandArm64Vcpu) / r.vcpu;
    const perVcpu = (r: HistoryPoint) => r.usdPerHour / r.vcpu;
    expect(armShare(fleetRows[0])).toBeLessThan(0.35);
    expect(armShare(fleetRows[118])).toBeGreaterThan(0.53);
    expect(perVcpu(fleetRows[0])).toBeGreaterThan(perVcpu(fleet) * 1.03);
  });

  it('scales with the daily load and keeps the vCPU cells adding up', () => {
    const vcpus = fleetRows.map(r => r.vcpu);
    expect(Math.max(...vcpus)).toBeGreaterThan(200);
    expect(Math.min(...vcpus)).toBeLessThan(170);
    for (const r of fleetRows) {
      const cells =
        r.spotArm64Vcpu +
        r.spotX8664Vcpu +
        r.onDemandArm64Vcpu +
        r.onDemandX8664Vcpu;
      expect(Math.abs(cells - r.vcpu)).toBeLessThanOrEqual(3);
      expect(r.nodes).toBeGreaterThanOrEqual(1);
    }
  });

  it('is deterministic and keeps unknown requests unknown', () => {
    const unknown = { ...fleet, requestedVcpu: undefined };
    expect(sampleHistoryRows([unknown], now)).toEqual(
      sampleHistoryRows([unknown], now),
    );
    expect(
      sampleHistoryRows([unknown], now).every(
        r => r.requestedVcpu === undefined,
      ),
    ).toBe(true);
  });
});
