import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
// A test may run the real plugin the module reads from.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import awsInsightsPlugin from '@platform-portal/plugin-aws-insights-backend';
import request from 'supertest';
import { catalogModuleAwsInsights } from './module';

jest.setTimeout(60_000);

// The real catalog, the real insights plugin (sample fleet: no AWS configured) and this
// module. The mock scheduler runs every task once at start-up, in no fixed order: whichever
// way the catalog's refresh and the insights refresh race, the module's retry must get the
// sample resources into the catalog.
describe('catalogModuleAwsInsights', () => {
  it('puts the sample fleet into the catalog', async () => {
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        awsInsightsPlugin,
        catalogModuleAwsInsights,
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
        mockServices.rootConfig.factory({
          data: { catalog: { processingInterval: { seconds: 1 } } },
        }),
      ],
    });

    const query = async (type: string): Promise<Entity[]> => {
      const res = await request(server)
        .get('/api/catalog/entities/by-query')
        .query({ filter: `kind=resource,spec.type=${type}` })
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      return res.body.items;
    };
    const waitFor = async (type: string, count: number) => {
      for (let attempt = 0; attempt < 200; attempt++) {
        const items = await query(type);
        // Relations arrive with processing, after the entity itself is visible.
        if (items.length >= count && items.every(e => e.relations?.length)) {
          return items;
        }
        await new Promise(r => setTimeout(r, 200));
      }
      throw new Error(`fewer than ${count} ${type} entities in the catalog`);
    };

    const clusters = await waitFor('kubernetes-cluster', 4);
    expect(clusters.map(e => e.metadata.name).sort()).toEqual([
      'dev-eks',
      'prod-eks',
      'prod-eks-euc1',
      'staging-eks',
    ]);
    const prod = clusters.find(e => e.metadata.name === 'prod-eks')!;
    expect(prod.metadata.annotations).toMatchObject({
      'aws.amazon.com/arn':
        'arn:aws:eks:eu-west-1:000000000005:cluster/prod-eks',
      'aws.amazon.com/account-id': '000000000005',
      'aws.amazon.com/region': 'eu-west-1',
      'platform-portal.io/environment': 'prod',
      'backstage.io/managed-by-origin-location': 'aws-insights:fleet',
    });
    expect(prod.metadata.tags).toEqual(['aws', 'prod', 'sample']);
    expect(prod.spec).toMatchObject({
      owner: 'group:default/platform-team',
      system: 'system:default/aws-platform',
    });
    expect(prod.relations).toEqual(
      expect.arrayContaining([
        { type: 'ownedBy', targetRef: 'group:default/platform-team' },
        { type: 'partOf', targetRef: 'system:default/aws-platform' },
        { type: 'dependencyOf', targetRef: 'resource:default/prod' },
      ]),
    );

    const databases = await waitFor('database', 3);
    expect(databases.map(e => e.metadata.name).sort()).toEqual([
      'dev-postgres',
      'prod-aurora-pg',
      'staging-postgres',
    ]);
    const wafs = await waitFor('waf', 3);
    expect(wafs.map(e => e.metadata.name).sort()).toEqual([
      'dev-web-acl',
      'prod-web-acl',
      'staging-web-acl',
    ]);
  });
});
