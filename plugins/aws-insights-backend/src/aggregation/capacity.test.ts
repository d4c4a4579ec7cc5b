import {
  ACCOUNT,
  cluster,
  instance,
  SPECS,
  utilisation,
} from './__testUtils__/fixtures';
import { summariseCapacity } from './capacity';

describe('summariseCapacity', () => {
  const alpha = cluster({
    nodegroups: [
      {
        name: 'core',
        status: 'ACTIVE',
        capacityType: 'ON_DEMAND',
        instanceTypes: ['m7g.large'],
        desiredSize: 2,
        minSize: 2,
        maxSize: 3,
      },
      {
        name: 'batch',
        status: 'ACTIVE',
        capacityType: 'SPOT',
        instanceTypes: ['c7g.large'],
        desiredSize: 0,
        minSize: 0,
        maxSize: 10,
      },
    ],
  });
  const instances = [
    instance({ nodegroup: 'core' }),
    instance({ nodegroup: 'core' }),
    instance({
      nodePool: 'general',
      instanceType: 'm7i.xlarge',
      architecture: 'x86_64',
    }),
    instance({
      nodePool: 'general',
      instanceType: 'm7i.xlarge',
      architecture: 'x86_64',
    }),
    instance({
      nodePool: 'general',
      instanceType: 'c7i.large',
      architecture: 'x86_64',
    }),
    instance({ instanceType: 'm7g.xlarge' }),
    instance({ nodePool: 'general', state: 'pending' }),
    instance({ nodePool: 'general', state: 'terminated' }),
  ];

  it('counts running nodes, vCPU and memory per cluster', () => {
    const { clusters } = summariseCapacity([alpha], instances, SPECS, []);
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toMatchObject({
      arn: alpha.arn,
      cluster: 'alpha',
      accountId: ACCOUNT,
      environment: 'prod',
      status: 'ACTIVE',
      version: '1.32',
      nodes: 6,
      vcpu: 2 + 2 + 4 + 4 + 2 + 4,
      memoryGiB: 8 + 8 + 16 + 16 + 4 + 16,
    });
  });

  it('splits pools by kind: Karpenter, node group (even empty), unmanaged', () => {
    const { clusters } = summariseCapacity([alpha], instances, SPECS, []);
    expect(
      clusters[0].pools.map(p => [p.kind, p.pool, p.nodes, p.vcpu]),
    ).toEqual([
      ['karpenter', 'general', 3, 10],
      ['nodegroup', 'batch', 0, 0],
      ['nodegroup', 'core', 2, 4],
      ['unmanaged', 'unmanaged', 1, 4],
    ]);
    expect(clusters[0].pools.every(p => !p.requestsKnown)).toBe(true);
  });

  it('prefers the Karpenter pool when an instance has both tags', () => {
    const { clusters } = summariseCapacity(
      [cluster()],
      [instance({ nodePool: 'general', nodegroup: 'core' })],
      SPECS,
      [],
    );
    expect(clusters[0].pools.map(p => p.kind)).toEqual(['karpenter']);
  });

  it('sorts byInstanceType by count, then name', () => {
    const { clusters } = summariseCapacity([alpha], instances, SPECS, []);
    expect(clusters[0].byInstanceType).toEqual([
      { instanceType: 'm7g.large', count: 2 },
      { instanceType: 'm7i.xlarge', count: 2 },
      { instanceType: 'c7i.large', count: 1 },
      { instanceType: 'm7g.xlarge', count: 1 },
    ]);
  });

  it('derives requests and headroom from Container Insights reservation', () => {
    const { clusters } = summariseCapacity([alpha], instances, SPECS, [
      utilisation({ cpuReservedPercent: 75, memoryReservedPercent: 50 }),
    ]);
    expect(clusters[0].requestsKnown).toBe(true);
    expect(clusters[0].requestedVcpu).toBeCloseTo(18 * 0.75);
    expect(clusters[0].requestedMemoryGiB).toBeCloseTo(68 * 0.5);
    expect(clusters[0].headroomPercent).toBeCloseTo(25);
    expect(clusters[0].lowHeadroom).toBe(false);
  });

  it('leaves requests undefined when Container Insights is unavailable', () => {
    const { clusters, fleet } = summariseCapacity([alpha], instances, SPECS, [
      utilisation({ available: false, cpuReservedPercent: undefined }),
    ]);
    expect(clusters[0]).toMatchObject({
      requestsKnown: false,
      lowHeadroom: false,
    });
    expect(clusters[0].requestedVcpu).toBeUndefined();
    expect(clusters[0].requestedMemoryGiB).toBeUndefined();
    expect(clusters[0].headroomPercent).toBeUndefined();
    expect(fleet.requestsKnown).toBe(false);
    expect(fleet.headroomPercent).toBeUndefined();
  });

  it('treats a missing utilisation record as requests unknown', () => {
    const { clusters } = summariseCapacity([alpha], instances, SPECS, []);
    expect(clusters[0].requestsKnown).toBe(false);
  });

  it('flags low headroom under the default 15 % and a custom threshold', () => {
    const tight = [utilisation({ cpuReservedPercent: 90 })];
    expect(
      summariseCapacity([alpha], instances, SPECS, tight).clusters[0]
        .lowHeadroom,
    ).toBe(true);
    const medium = [utilisation({ cpuReservedPercent: 80 })];
    expect(
      summariseCapacity([alpha], instances, SPECS, medium).clusters[0]
        .lowHeadroom,
    ).toBe(false);
    expect(
      summariseCapacity([alpha], instances, SPECS, medium, {
        lowHeadroomPercent: 25,
      }).clusters[0].lowHeadroom,
    ).toBe(true);
  });

  it('has no headroom for a cluster without nodes', () => {
    const { clusters } = summariseCapacity([cluster()], [], SPECS, [
      utilisation(),
    ]);
    expect(clusters[0]).toMatchObject({
      nodes: 0,
      vcpu: 0,
      requestsKnown: true,
    });
    expect(clusters[0].headroomPercent).toBeUndefined();
    expect(clusters[0].lowHeadroom).toBe(false);
  });

  it('counts instances of unknown types as nodes with no capacity, and lists the types', () => {
    const result = summariseCapacity(
      [cluster()],
      [instance(), instance({ instanceType: 'x9z.huge' })],
      SPECS,
      [],
    );
    expect(result.clusters[0]).toMatchObject({
      nodes: 2,
      vcpu: 2,
      memoryGiB: 8,
    });
    expect(result.clusters[0].byInstanceType).toContainEqual({
      instanceType: 'x9z.huge',
      count: 1,
    });
    expect(result.unknownInstanceTypes).toEqual(['x9z.huge']);
  });

  it('keeps same-named clusters of different accounts apart', () => {
    const other = cluster({ accountId: '222222222222' });
    const { clusters } = summariseCapacity(
      [cluster(), other],
      [
        instance(),
        instance({ accountId: '222222222222' }),
        instance({ accountId: '222222222222' }),
      ],
      SPECS,
      [],
    );
    expect(clusters.map(c => [c.accountId, c.nodes])).toEqual([
      [ACCOUNT, 1],
      ['222222222222', 2],
    ]);
  });

  describe('fleet', () => {
    const beta = cluster({ name: 'beta', environment: 'dev' });
    const fleetInstances = [
      instance({ instanceType: 'm7g.xlarge' }),
      instance({ cluster: 'beta' }),
    ];

    it('sums every running instance', () => {
      const { fleet } = summariseCapacity([alpha], instances, SPECS, []);
      expect(fleet).toMatchObject({ nodes: 6, vcpu: 18, memoryGiB: 68 });
    });

    it('knows requests when every cluster with nodes does', () => {
      const { fleet } = summariseCapacity(
        [alpha, beta],
        fleetInstances,
        SPECS,
        [
          utilisation({ cpuReservedPercent: 50, memoryReservedPercent: 25 }),
          utilisation({
            cluster: 'beta',
            cpuReservedPercent: 100,
            memoryReservedPercent: 100,
          }),
        ],
      );
      expect(fleet.requestsKnown).toBe(true);
      expect(fleet.requestedVcpu).toBeCloseTo(2 + 2);
      expect(fleet.requestedMemoryGiB).toBeCloseTo(4 + 8);
      expect(fleet.headroomPercent).toBeCloseTo(100 - (4 / 6) * 100);
    });

    it('ignores clusters without nodes when deciding', () => {
      const { fleet } = summariseCapacity(
        [alpha, beta, cluster({ name: 'empty' })],
        fleetInstances,
        SPECS,
        [utilisation(), utilisation({ cluster: 'beta' })],
      );
      expect(fleet.requestsKnown).toBe(true);
    });

    it('does not know requests when one cluster does not', () => {
      const { fleet } = summariseCapacity(
        [alpha, beta],
        fleetInstances,
        SPECS,
        [utilisation()],
      );
      expect(fleet.requestsKnown).toBe(false);
      expect(fleet.requestedVcpu).toBeUndefined();
    });

    it('counts instances outside the listed clusters, without requests', () => {
      const result = summariseCapacity(
        [alpha],
        [instance(), instance({ cluster: 'ghost' })],
        SPECS,
        [utilisation()],
      );
      expect(result.fleet.nodes).toBe(2);
      expect(result.clusters[0].nodes).toBe(1);
      expect(result.instancesOutsideClusters).toBe(1);
      expect(result.fleet.requestsKnown).toBe(false);
    });

    it('accepts a prebuilt spec map', () => {
      const { fleet } = summariseCapacity(
        [alpha],
        [instance()],
        new Map(SPECS.map(s => [s.instanceType, s])),
        [],
      );
      expect(fleet.vcpu).toBe(2);
    });
  });
});
