import {
  ApiBlueprint,
  coreApis,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import DashboardIcon from '@material-ui/icons/Dashboard';
import { AwsInsightsClient } from '@platform-portal/plugin-aws-insights-common';
import {
  isAwsAccount,
  isDatabase,
  isEnvironment,
  isKubernetesCluster,
  isWaf,
} from './annotations';
import { awsInsightsApiRef } from './api';
import { rootRouteRef } from './routes';

/** The typed client: every call goes to the backend with the user's Backstage token. */
export const awsInsightsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: awsInsightsApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: ({ discoveryApi, fetchApi }) =>
        new AwsInsightsClient({ discoveryApi, fetchApi }),
    }),
});

// Every loader is a dynamic import: the charts stay out of the app's main chunk.

/** The Platform page, with its nav item. */
export const awsInsightsPage = PageBlueprint.make({
  params: {
    path: '/platform',
    title: 'Platform',
    icon: <DashboardIcon />,
    routeRef: rootRouteRef,
    noHeader: true,
    loader: () => import('./components/FleetPage').then(m => <m.FleetPage />),
  },
});

/** The "Platform" tab of an environment resource. */
export const environmentContent = EntityContentBlueprint.make({
  name: 'environment',
  params: {
    path: 'platform',
    title: 'Platform',
    filter: isEnvironment,
    loader: () =>
      import('./components/EnvironmentContent').then(m => (
        <m.EnvironmentContent />
      )),
  },
});

export const clusterCard = EntityCardBlueprint.make({
  name: 'cluster',
  params: {
    type: 'content',
    filter: isKubernetesCluster,
    loader: () =>
      import('./components/EntityCards').then(m => <m.ClusterCard />),
  },
});

export const databaseCard = EntityCardBlueprint.make({
  name: 'database',
  params: {
    type: 'content',
    filter: isDatabase,
    loader: () =>
      import('./components/EntityCards').then(m => <m.DatabaseCard />),
  },
});

export const wafCard = EntityCardBlueprint.make({
  name: 'waf',
  params: {
    type: 'content',
    filter: isWaf,
    loader: () => import('./components/EntityCards').then(m => <m.WafCard />),
  },
});

export const accountCard = EntityCardBlueprint.make({
  name: 'account',
  params: {
    type: 'content',
    filter: isAwsAccount,
    loader: () =>
      import('./components/EntityCards').then(m => <m.AccountCard />),
  },
});

/** AWS insights: platform dashboards, fleet-wide and on catalog entities. */
export const awsInsightsPlugin = createFrontendPlugin({
  pluginId: 'aws-insights',
  title: 'Platform',
  icon: <DashboardIcon />,
  routes: { root: rootRouteRef },
  extensions: [
    awsInsightsApi,
    awsInsightsPage,
    environmentContent,
    clusterCard,
    databaseCard,
    wafCard,
    accountCard,
  ],
});
