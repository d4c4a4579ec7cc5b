import { fleetResponse } from '../__fixtures__/fleet';
import { knownHeadroom, kpis, unhealthyDatabases } from './kpis';

describe('kpis', () => {
  it('formats the headline figures of a fleet', () => {
    const byId = Object.fromEntries(kpis(fleetResponse()).map(k => [k.id, k]));
    expect(byId.nodes.value).toBe('55');
    expect(byId.vcpu.value).toBe('186 vCPU');
    expect(byId.cost.value).toBe('$4,365.25');
    expect(byId.savings).toMatchObject({ value: '$3,078.05', tone: 'good' });
    expect(byId.spot.value).toBe('55.9 %');
    expect(byId.graviton.value).toBe('57.0 %');
    expect(byId.databases).toMatchObject({ value: '2', tone: 'error' });
    expect(byId.blocked).toMatchObject({ value: '8,803', tone: 'warning' });
  });

  it('takes headroom from the clusters whose requests are known', () => {
    // dev-eks has no Container Insights; prod-eks requests 69.6 of 80 vCPU.
    expect(knownHeadroom(fleetResponse())).toBeCloseTo(13);
    const fleet = fleetResponse();
    fleet.fleet.headroomPercent = 40;
    expect(knownHeadroom(fleet)).toBe(40);
    expect(knownHeadroom(fleetResponse({ clusters: [] }))).toBeUndefined();
  });

  it('counts warning and critical databases as unhealthy', () => {
    expect(unhealthyDatabases(fleetResponse())).toHaveLength(2);
    const healthy = fleetResponse().databases.map(d => ({
      ...d,
      verdict: 'healthy' as const,
    }));
    const byId = Object.fromEntries(
      kpis(fleetResponse({ databases: healthy })).map(k => [k.id, k]),
    );
    expect(byId.databases).toMatchObject({ value: '0', tone: 'good' });
  });
});
