import {
  CompoundEntityRef,
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import { BuiltinKindsEntityProcessor } from '@backstage/plugin-catalog-backend';
import { cluster, database, fleet, webAcl } from './__testUtils__/fleetFixture';
import { fleetToEntities, ownerRefFromTag } from './toEntities';

// The checks the catalog runs before it accepts an entity (as in packages/backend's
// catalogValidation test helper).
const policy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);
const builtinKinds = new BuiltinKindsEntityProcessor();

async function expectAcceptedByCatalog(entity: Entity) {
  const checked = await policy.enforce(entity);
  expect(checked).toBeDefined();
  await expect(builtinKinds.validateEntityKind(checked!)).resolves.toBe(true);
}

async function relationsOf(entity: Entity) {
  const relations: Array<{
    type: string;
    source: CompoundEntityRef;
    target: CompoundEntityRef;
  }> = [];
  await builtinKinds.postProcessEntity(
    entity,
    { type: 'aws-insights', target: 'fleet' },
    result => {
      if (result.type === 'relation') relations.push(result.relation);
    },
  );
  return relations
    .filter(r => r.source.name === entity.metadata.name)
    .map(
      r => `${r.type} ${r.target.kind}:${r.target.namespace}/${r.target.name}`,
    )
    .sort();
}

const byName = (entities: Entity[], name: string) => {
  const entity = entities.find(e => e.metadata.name === name);
  if (!entity) {
    throw new Error(
      `no ${name} among ${entities.map(e => e.metadata.name).join(', ')}`,
    );
  }
  return entity;
};

const demoFleet = fleet({
  sample: true,
  clusters: [
    cluster('prod-eks', { environment: 'prod' }),
    cluster('Data_Platform.EKS', { environment: 'Data' }),
  ],
  databases: [
    database('orders-db', {
      environment: 'prod',
      owner: 'group:default/orders-team',
    }),
    database('legacy', { tags: { owner: 'alice@example.com' } }),
  ],
  wafs: [webAcl('prod-web-acl', { environment: 'prod' })],
});

describe('fleetToEntities', () => {
  it('turns clusters, databases and web ACLs into Resource entities', () => {
    const entities = fleetToEntities(demoFleet);
    expect(entities.map(e => [e.metadata.name, e.spec?.type])).toEqual([
      ['prod-eks', 'kubernetes-cluster'],
      ['data-platform-eks', 'kubernetes-cluster'],
      ['orders-db', 'database'],
      ['legacy', 'database'],
      ['prod-web-acl', 'waf'],
    ]);
    const prod = byName(entities, 'prod-eks');
    expect(prod).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'prod-eks',
        title: 'prod-eks',
        description: expect.stringMatching(
          /^EKS cluster prod-eks \(Kubernetes 1\.32\) in account 111111111111, eu-west-1\. Sample data/,
        ),
        annotations: {
          'aws.amazon.com/arn':
            'arn:aws:eks:eu-west-1:111111111111:cluster/prod-eks',
          'aws.amazon.com/account-id': '111111111111',
          'aws.amazon.com/region': 'eu-west-1',
          'platform-portal.io/aws-name': 'prod-eks',
          'platform-portal.io/environment': 'prod',
          'backstage.io/managed-by-location':
            'aws-insights:arn:aws:eks:eu-west-1:111111111111:cluster/prod-eks',
          'backstage.io/managed-by-origin-location': 'aws-insights:fleet',
        },
        tags: ['aws', 'prod', 'sample'],
      },
      spec: {
        type: 'kubernetes-cluster',
        owner: 'group:default/platform-team',
        system: 'system:default/aws-platform',
        dependencyOf: ['resource:default/prod'],
      },
    });
    // The real name stays the title when the entity name had to be slugged.
    const data = byName(entities, 'data-platform-eks');
    expect(data.metadata.title).toBe('Data_Platform.EKS');
    expect(data.metadata.annotations!['platform-portal.io/environment']).toBe(
      'Data',
    );
    expect(data.spec!.dependencyOf).toEqual(['resource:default/data']);
  });

  it('produces only entities the catalog accepts', async () => {
    const long = 'x'.repeat(80);
    const entities = fleetToEntities(
      fleet({
        sample: true,
        clusters: [
          ...demoFleet.clusters,
          cluster(long),
          cluster(`${long}-2`),
          cluster('--'),
        ],
        databases: demoFleet.databases,
        wafs: [...demoFleet.wafs, webAcl('Edge ACL', { environment: '!!' })],
      }),
    );
    expect(entities).toHaveLength(9);
    for (const entity of entities) await expectAcceptedByCatalog(entity);
  });

  it('emits ownedBy, partOf and dependencyOf relations', async () => {
    const entities = fleetToEntities(demoFleet);
    await expect(relationsOf(byName(entities, 'orders-db'))).resolves.toEqual([
      'dependencyOf resource:default/prod',
      'ownedBy group:default/orders-team',
      'partOf system:default/aws-platform',
    ]);
    // No environment tag: no environment link.
    await expect(relationsOf(byName(entities, 'legacy'))).resolves.toEqual([
      'ownedBy group:default/platform-team',
      'partOf system:default/aws-platform',
    ]);
  });

  it('tags and describes sample data only when the fleet is the sample', () => {
    const live = fleetToEntities({ ...demoFleet, sample: false });
    const prod = byName(live, 'prod-eks');
    expect(prod.metadata.tags).toEqual(['aws', 'prod']);
    expect(prod.metadata.description).not.toMatch(/sample/i);
    expect(byName(live, 'legacy').metadata.tags).toEqual(['aws']);
  });

  it('resolves the owner tag, falling back to the default owner', () => {
    const entities = fleetToEntities(
      fleet({
        databases: [
          database('a', { owner: 'user:default/jane' }),
          database('b', { owner: 'payments' }),
          database('c', { tags: { owner: 'Group:Finance/Billing' } }),
          database('d', { owner: 'component:default/api' }),
          database('e', { owner: 'jane@example.com' }),
          database('f'),
        ],
      }),
      { defaultOwner: 'group:default/cloud-team' },
    );
    expect(entities.map(e => e.spec!.owner)).toEqual([
      'user:default/jane',
      'group:default/payments',
      'group:finance/billing',
      'group:default/cloud-team',
      'group:default/cloud-team',
      'group:default/cloud-team',
    ]);
  });

  it('disambiguates colliding names by what differs, independent of order', () => {
    const resources = fleet({
      clusters: [
        cluster('prod-eks', { region: 'eu-west-1' }),
        cluster('prod-eks', { region: 'eu-central-1' }),
        cluster('shared', { accountId: '222222222222' }),
        cluster('shared', { accountId: '333333333333' }),
        cluster('edge', { accountId: '222222222222', region: 'us-east-1' }),
        cluster('Edge', { accountId: '333333333333', region: 'eu-west-1' }),
        cluster('orders'),
      ],
      databases: [database('orders')],
      wafs: [webAcl('orders')],
    });
    const names = fleetToEntities(resources).map(e => e.metadata.name);
    expect(names).toEqual([
      'prod-eks-eu-west-1',
      'prod-eks-eu-central-1',
      'shared-222222222222',
      'shared-333333333333',
      'edge-us-east-1-222222222222',
      'edge-eu-west-1-333333333333',
      'orders-eks',
      'orders-db',
      'orders-waf',
    ]);
    const reversed = fleetToEntities({
      ...resources,
      clusters: [...resources.clusters].reverse(),
    }).map(e => e.metadata.name);
    expect(new Set(reversed)).toEqual(new Set(names));
  });

  it('keeps long names within 63 characters and still unique', () => {
    const long = `team-${'a'.repeat(70)}`;
    const names = fleetToEntities(
      fleet({
        clusters: [cluster(`${long}-one`), cluster(`${long}-two`)],
        databases: [database(long)],
      }),
    ).map(e => e.metadata.name);
    expect(new Set(names).size).toBe(3);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(63);
      expect(name).toMatch(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/);
    }
  });

  it('emits a resource listed twice once', () => {
    const entities = fleetToEntities(
      fleet({ clusters: [cluster('prod-eks'), cluster('prod-eks')] }),
    );
    expect(entities.map(e => e.metadata.name)).toEqual(['prod-eks']);
  });
});

describe('ownerRefFromTag', () => {
  it.each([
    ['group:default/platform-team', 'group:default/platform-team'],
    ['user:jane', 'user:default/jane'],
    ['ops/sre', 'group:ops/sre'],
    [' team-a ', 'group:default/team-a'],
    ['system:default/x', undefined],
    ['not a name', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j -> %j', (tag, ref) => {
    expect(ownerRefFromTag(tag)).toBe(ref);
  });
});
