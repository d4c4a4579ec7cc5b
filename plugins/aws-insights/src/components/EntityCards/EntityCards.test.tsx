import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  AwsInsightsApi,
  AwsInsightsNotReadyError,
} from '@platform-portal/plugin-aws-insights-common';
import { awsInsightsApiRef } from '../../api';
import {
  prodAccount,
  prodClusterEntity,
  prodDatabaseEntity,
  prodEnvironment,
  prodWafEntity,
} from '../../__fixtures__/entities';
import {
  fleetResponse,
  httpError,
  mockInsightsApi,
} from '../../__fixtures__/fleet';
import { AccountCard } from './AccountCard';
import { ClusterCard } from './ClusterCard';
import { DatabaseCard } from './DatabaseCard';
import { WafCard } from './WafCard';

jest.setTimeout(30_000);

function render(element: JSX.Element, entity: Entity, api: AwsInsightsApi) {
  return renderInTestApp(
    <EntityProvider entity={entity}>{element}</EntityProvider>,
    {
      apis: [
        [awsInsightsApiRef, api],
        [
          catalogApiRef,
          catalogApiMock({ entities: [prodEnvironment, prodAccount] }),
        ],
      ],
      // EntityRefLink needs the catalog's entity route.
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

describe('ClusterCard', () => {
  it('looks the cluster up by ARN and shows its pools, mix and candidates', async () => {
    const api = mockInsightsApi();
    await render(<ClusterCard />, prodClusterEntity, api);
    expect(
      await screen.findByRole('group', { name: 'Cluster prod-eks' }),
    ).toBeInTheDocument();
    expect(api.getCluster).toHaveBeenCalledWith(
      'arn:aws:eks:eu-west-1:000000000005:cluster/prod-eks',
    );
    expect(screen.getByText('critical (karpenter)')).toBeInTheDocument();
    expect(screen.getByText(/Low headroom/)).toBeInTheDocument();
    expect(
      screen.getByRole('group', { name: 'Monthly cost' }),
    ).toHaveTextContent('$4,365.25');
    expect(screen.getByText('$188.34')).toBeInTheDocument();
  });

  it('shows the failed request in the card', async () => {
    await render(
      <ClusterCard />,
      prodClusterEntity,
      mockInsightsApi({
        getCluster: jest.fn(async () => {
          throw httpError(404, 'No EKS cluster named prod-eks');
        }),
      }),
    );
    expect(
      await screen.findByText('Could not load EKS cluster prod-eks'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No EKS cluster named prod-eks'),
    ).toBeInTheDocument();
  });

  it('says the first refresh is running instead of an error (503)', async () => {
    await render(
      <ClusterCard />,
      prodClusterEntity,
      mockInsightsApi({
        getCluster: jest.fn(async () => {
          throw new AwsInsightsNotReadyError('not yet', 30);
        }),
      }),
    );
    expect(
      await screen.findByRole('status', { name: 'First refresh running' }),
    ).toHaveTextContent('The first refresh of AWS data is running');
    expect(screen.queryByText(/Could not load/)).not.toBeInTheDocument();
  });
});

describe('DatabaseCard', () => {
  it('shows configuration, metrics, the verdict with reasons and events', async () => {
    const api = mockInsightsApi();
    await render(<DatabaseCard />, prodDatabaseEntity, api);
    const table = await screen.findByRole('grid', {
      name: 'Database prod-aurora-pg',
    });
    expect(api.getDatabase).toHaveBeenCalledWith('prod-aurora-pg');
    expect(
      within(table).getByText('Replica lag').closest('tr'),
    ).toHaveTextContent('45 s');
    expect(within(table).getByText('Storage').closest('tr')).toHaveTextContent(
      '184.0 GiB used',
    );
    expect(
      within(table).getByText('Backup retention').closest('tr'),
    ).toHaveTextContent('14 days');
    expect(screen.getByText('warning')).toBeInTheDocument();
    expect(screen.getByText('replica lag 45 s')).toBeInTheDocument();
    expect(screen.getByText(/lag above 30 seconds/)).toBeInTheDocument();
  });
});

describe('WafCard', () => {
  it('shows the 24 h window by default and reloads for 1h and 7d', async () => {
    const api = mockInsightsApi();
    await render(<WafCard />, prodWafEntity, api);
    expect(
      await screen.findByRole('group', { name: 'Blocked 24h' }),
    ).toHaveTextContent('8,803');
    expect(screen.getByRole('group', { name: 'Block rate' })).toHaveTextContent(
      '0.31 %',
    );
    expect(screen.getByText('203.0.113.14')).toBeInTheDocument();
    expect(api.getWebAcl).toHaveBeenCalledWith('prod-web-acl', 24);
    await userEvent.click(screen.getByRole('button', { name: '7d' }));
    expect(
      await screen.findByRole('group', { name: 'Blocked 7d' }),
    ).toBeInTheDocument();
    expect(api.getWebAcl).toHaveBeenLastCalledWith('prod-web-acl', 168);
    await userEvent.click(screen.getByRole('button', { name: '1h' }));
    expect(api.getWebAcl).toHaveBeenLastCalledWith('prod-web-acl', 1);
  });

  it('says sampled requests are the platform team’s to users who may not see client IPs', async () => {
    const api = mockInsightsApi({
      getWebAcl: jest.fn(async () => {
        const { sampledBlocked: _hidden, ...rest } =
          await mockInsightsApi().getWebAcl('prod-web-acl');
        return { ...rest, sampledVisible: false };
      }),
    });
    await render(<WafCard />, prodWafEntity, api);
    expect(
      await screen.findByLabelText('Sampled requests hidden'),
    ).toHaveTextContent('Sampled requests are visible to the platform team');
    expect(
      screen.queryByRole('table', { name: 'Sampled blocked requests' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('group', { name: 'Blocked 24h' }),
    ).toHaveTextContent('8,803');
    expect(
      screen.getByText(/the platform team can check its sampled requests/),
    ).toBeInTheDocument();
  });

  it('says when sampled requests are not available', async () => {
    const api = mockInsightsApi({
      getWebAcl: jest.fn(async () => ({
        ...(await mockInsightsApi().getWebAcl('prod-web-acl')),
        sampledAvailable: false,
        sampledBlocked: [],
      })),
    });
    await render(<WafCard />, prodWafEntity, api);
    expect(
      await screen.findByText(/Sampled requests are not available/),
    ).toBeInTheDocument();
  });
});

describe('AccountCard', () => {
  it('lists the environments on the account and its bootstrap stack', async () => {
    const api = mockInsightsApi();
    await render(<AccountCard />, prodAccount, api);
    expect(
      await screen.findByRole('link', { name: 'prod' }),
    ).toBeInTheDocument();
    expect(api.getFleet).toHaveBeenCalledWith({ accountId: '000000000005' });
    expect(
      await screen.findByText('1 cluster, 1 database, 1 web ACL'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Bootstrap stack status')).toHaveTextContent(
      'platform-bootstrap: UPDATE_COMPLETE',
    );
    expect(
      screen.getByText('arn:aws:iam::000000000005:role/terraform-deploy'),
    ).toBeInTheDocument();
    expect(screen.getByText('IN_SYNC')).toBeInTheDocument();
  });

  it('says "not bootstrapped" when the account has no platform-bootstrap stack', async () => {
    const api = mockInsightsApi({
      getFleet: jest.fn(async () => fleetResponse({ stacks: [] })),
    });
    await render(<AccountCard />, prodAccount, api);
    expect(
      await screen.findByLabelText('Bootstrap stack status'),
    ).toHaveTextContent(
      'Not bootstrapped: no platform-bootstrap CloudFormation stack was found in account 000000000005',
    );
  });

  it('shows a failed CloudFormation source with the account', async () => {
    const fleet = fleetResponse();
    fleet.sources.push({
      service: 'cloudformation',
      reads: 'stacks',
      accountId: '000000000005',
      region: 'eu-west-1',
      ok: false,
      fetchedAt: fleet.generatedAt,
      calls: 1,
      error: {
        name: 'AccessDenied',
        message: 'not authorized to perform cloudformation:DescribeStacks',
      },
    });
    await render(
      <AccountCard />,
      prodAccount,
      mockInsightsApi({ getFleet: jest.fn(async () => fleet) }),
    );
    expect(
      await screen.findByLabelText('Failed data sources'),
    ).toHaveTextContent(
      'CloudFormation stacks in account 000000000005 (eu-west-1): AccessDenied',
    );
  });
});
