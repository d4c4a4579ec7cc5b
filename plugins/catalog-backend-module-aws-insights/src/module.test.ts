import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
// A test may run the real plugin the module reads from.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import awsInsightsPlugin, {
  AwsInsightsService,
  awsInsightsServiceRef,
} from '@platform-portal/plugin-aws-insights-backend';
import request from 'supertest';
import { catalogModuleAwsInsights } from './module';

jest.setTimeout(60_000);

type Server = Awaited<ReturnType<typeof startTestBackend>>['server'];

async function resources(server: Server, type: string): Promise<Entity[]> {
  const res = await request(server)
    .get('/api/catalog/entities/by-query')
    .query({ filter: `kind=resource,spec.type=${type}` })
    .set('Authorization', mockCredentials.user.header());
  expect(res.status).toBe(200);
  return res.body.items;
}

async function waitFor(server: Server, type: string, count: number) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const items = await resources(server, type);
    // Relations arrive with processing, after the entity itself is visible.
    if (items.length >= count && items.every(e => e.relations?.length)) {
      return items;
    }
    await new Promise(r => setTimeout(r, 200));
  }
  throw new Error(`fewer than ${count} ${type} entities in the catalog`);
}

/** A module of the insights plugin that hands its AwsInsightsService to the test. */
const insightsProbe = (take: (service: AwsInsightsService) => void) =>
  createBackendModule({
    pluginId: 'aws-insights',
    moduleId: 'test-probe',
    register(reg) {
      reg.registerInit({
        deps: { insights: awsInsightsServiceRef },
        async init({ insights }) {
          take(insights);
        },
      });
    },
  });

// The real catalog, the real insights plugin (sample fleet: no AWS configured), this module and
// the real default EventsService (in-process, as in a backend without the events backend).
const features = [
  catalogPlugin,
  awsInsightsPlugin,
  catalogModuleAwsInsights,
  eventsServiceFactory,
  mockServices.rootConfig.factory({
    data: {
      catalog: { processingInterval: { seconds: 1 } },
      events: { useEventBus: 'never' },
    },
  }),
];

describe('catalogModuleAwsInsights', () => {
  it('puts the sample fleet into the catalog', async () => {
    const { server } = await startTestBackend({
      features: [
        ...features,
        // Runs the insights refresh at start-up, racing the module's own first read.
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
      ],
    });

    const clusters = await waitFor(server, 'kubernetes-cluster', 4);
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

    const databases = await waitFor(server, 'database', 3);
    expect(databases.map(e => e.metadata.name).sort()).toEqual([
      'dev-postgres',
      'prod-aurora-pg',
      'staging-postgres',
    ]);
    const wafs = await waitFor(server, 'waf', 3);
    expect(wafs.map(e => e.metadata.name).sort()).toEqual([
      'dev-web-acl',
      'prod-web-acl',
      'staging-web-acl',
    ]);
  });

  it('waits through the 503 of the first refresh and applies the fleet on aws-insights.refreshed', async () => {
    let insights: AwsInsightsService | undefined;
    const { server } = await startTestBackend({
      features: [
        ...features,
        insightsProbe(service => {
          insights = service;
        }),
        // A scheduler that records tasks and triggers without running them: no refresh by itself.
        mockServices.scheduler.mock().factory,
      ],
    });
    // The module's start-up read met the 503: no insights resources, however long we wait.
    const fleet = await request(server)
      .get('/api/aws-insights/fleet')
      .set('Authorization', mockCredentials.user.header());
    expect(fleet.status).toBe(503);
    await new Promise(r => setTimeout(r, 2_000));
    expect(await resources(server, 'kubernetes-cluster')).toEqual([]);

    // One refresh, and its event alone brings the fleet in.
    await insights!.refresh();
    expect(
      (await waitFor(server, 'kubernetes-cluster', 4)).map(
        e => e.metadata.name,
      ),
    ).toHaveLength(4);
  });
});
