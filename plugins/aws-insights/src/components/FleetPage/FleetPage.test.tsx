import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { AwsInsightsApi } from '@platform-portal/plugin-aws-insights-common';
import { awsInsightsApiRef } from '../../api';
import { AwsInsightsNotReadyError } from '@platform-portal/plugin-aws-insights-common';
import {
  fleetResponse,
  GENERATED_AT,
  httpError,
  mockInsightsApi,
  PROD_ACCOUNT,
} from '../../__fixtures__/fleet';
import { FleetPage } from './FleetPage';

function render(api: AwsInsightsApi) {
  return renderInTestApp(<FleetPage />, {
    apis: [[awsInsightsApiRef, api]],
  });
}

const section = (name: string) => screen.getByRole('region', { name });
const kpi = (name: string) => screen.getByRole('group', { name });

// The whole dashboard re-renders per step: slow on a small CI machine.
jest.setTimeout(30_000);

describe('FleetPage', () => {
  it('shows skeletons shaped like the dashboard while /fleet loads', async () => {
    const api = mockInsightsApi({
      getFleet: jest.fn(() => new Promise(() => {})),
    });
    await render(api);
    expect(await screen.findByTestId('dashboard-skeleton')).toBeInTheDocument();
    expect(screen.getByTestId('kpi-skeleton')).toBeInTheDocument();
    expect(screen.getByLabelText('Loading RDS health')).toBeInTheDocument();
    expect(
      screen.queryByRole('group', { name: 'Nodes' }),
    ).not.toBeInTheDocument();
  });

  it('shows the key figures and every section from one /fleet response', async () => {
    const api = mockInsightsApi();
    await render(api);
    expect(
      await screen.findByRole('group', { name: 'Nodes' }),
    ).toHaveTextContent('55');
    expect(kpi('vCPU')).toHaveTextContent('186 vCPU');
    expect(kpi('Compute $/month')).toHaveTextContent('$4,365.25');
    expect(kpi('Savings/month')).toHaveTextContent('$3,078.05');
    expect(kpi('Savings/month')).toHaveTextContent(
      '41.4 % vs all On-Demand x86',
    );
    expect(kpi('Spot share')).toHaveTextContent('55.9 %');
    expect(kpi('Graviton share')).toHaveTextContent('57.0 %');
    expect(kpi('Unhealthy databases')).toHaveTextContent('2');
    expect(kpi('Unhealthy databases')).toHaveTextContent('of 2, 1 critical');
    expect(kpi('Blocked requests 24h')).toHaveTextContent('8,803');
    expect(kpi('CPU headroom')).toHaveTextContent(
      '13.0 %1 low · requests unknown on dev-eks',
    );
    expect(
      screen.getByText(
        `data from ${new Date(GENERATED_AT)
          .toTimeString()
          .slice(0, 5)}, 12 min old`,
      ),
    ).toBeInTheDocument();

    // Capacity: low headroom and unknown requests are called out per cluster.
    const prod = screen.getByRole('group', { name: 'Cluster prod-eks' });
    expect(
      within(prod).getByText(/Low headroom: only 13.0 %/),
    ).toBeInTheDocument();
    expect(within(prod).getByText('80 / 69.6')).toBeInTheDocument();
    expect(
      within(prod).getByLabelText('Nodes by instance type'),
    ).toHaveTextContent('14 × m7g.xlarge3 × m7i.2xlarge3 × c7g.large');
    expect(
      within(prod).getByText('critical (karpenter)').nextSibling,
    ).toHaveTextContent('3 × m7i.2xlarge');
    const dev = screen.getByRole('group', { name: 'Cluster dev-eks' });
    expect(
      within(dev).getByText(/Requests unknown: enable Container Insights/),
    ).toBeInTheDocument();

    // Mix: the four cells with money, and the Graviton candidates.
    const mixTable = screen.getByRole('grid', { name: 'Spot/Graviton mix' });
    expect(
      within(mixTable).getByText('Spot · arm64').closest('tr'),
    ).toHaveTextContent('217238.7 %$1.08$790.52');
    expect(
      screen.getByRole('group', { name: 'Savings per month' }),
    ).toHaveTextContent('$3,078.05 (41.4 %)');
    expect(
      within(section('Graviton candidates')).getByText('$188.34'),
    ).toBeInTheDocument();

    // RDS: worst first, with reasons and events.
    const rows = within(
      screen.getByRole('grid', { name: 'Databases' }),
    ).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('dev-postgres');
    expect(rows[1]).toHaveTextContent('critical');
    expect(rows[1]).toHaveTextContent('backup retention 1 day < 7');
    expect(rows[2]).toHaveTextContent('replica lag 45 s');
    expect(rows[2]).toHaveTextContent('184.0 GiB used');
    expect(
      within(section('Recent database events')).getByText(
        /lag above 30 seconds/,
      ),
    ).toBeInTheDocument();

    // WAF: the ACL with the spike opens in detail (24 h), then the trend loads after /fleet.
    expect(
      await within(section('Web ACL prod-web-acl')).findByText('203.0.113.14'),
    ).toBeInTheDocument();
    expect(
      within(section('Web ACL prod-web-acl')).getByText(/Block spike at/),
    ).toBeInTheDocument();
    expect(api.getWebAcl).toHaveBeenCalledWith('prod-web-acl', 24);
    await waitFor(() =>
      expect(api.getHistory).toHaveBeenCalledWith('fleet', 7),
    );
    expect(api.getFleet).toHaveBeenCalledTimes(1);
    expect(screen.queryByLabelText('Sample fleet')).not.toBeInTheDocument();
  });

  it('says when the data is the sample fleet', async () => {
    await render(
      mockInsightsApi({
        getFleet: jest.fn(async () => fleetResponse({ sample: true })),
      }),
    );
    const banner = await screen.findByLabelText('Sample fleet');
    expect(banner).toHaveTextContent(
      'Sample fleet: no AWS accounts are connected. Connect accounts in app-config (see README, Connect real AWS accounts)',
    );
  });

  it('warns about stale data with its age, both computed from the refresh times', async () => {
    const generatedAt = Date.now() - (3 * 3600 + 5 * 60) * 1000;
    await render(
      mockInsightsApi({
        getFleet: jest.fn(async () =>
          fleetResponse({
            generatedAt: new Date(generatedAt).toISOString(),
            dataAsOf: new Date(generatedAt).toISOString(),
            staleAfter: new Date(generatedAt + 11 * 60_000).toISOString(),
          }),
        ),
      }),
    );
    expect(
      await screen.findByText(
        /the data is 3 h 5 min old; the backend has missed/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Freshness (stale)')).toBeInTheDocument();
  });

  it('dates the page by its oldest data when a refresh just ran but every source failed', async () => {
    // The backend kept its last good figures (read 40 min ago) through a refresh a minute ago.
    const readAt = new Date(
      Math.floor(Date.now() / 60_000) * 60_000 - 40 * 60_000,
    ).toISOString();
    const fleet = fleetResponse({
      generatedAt: new Date(Date.now() - 60_000).toISOString(),
      dataAsOf: readAt,
      stale: true,
      staleAfter: new Date(Date.parse(readAt) + 11 * 60_000).toISOString(),
    });
    fleet.sources = fleet.sources.map(s => ({
      ...s,
      service: 'ec2',
      reads: 'instances',
      ok: false,
      error: { name: 'TimeoutError', message: 'connect ECONNREFUSED' },
      staleSince: readAt,
    }));
    await render(mockInsightsApi({ getFleet: jest.fn(async () => fleet) }));
    const clock = new Date(readAt).toLocaleTimeString('en-GB').slice(0, 5);
    expect(
      await screen.findByText(`data from ${clock}, 40 min old`),
    ).toBeInTheDocument();
    expect(screen.getByText('Freshness (stale)')).toBeInTheDocument();
    expect(screen.queryByText(/just now/)).not.toBeInTheDocument();
    expect(screen.getByRole('alert', { name: 'Stale data' })).toHaveTextContent(
      '2 data sources failed in the last refresh; their last good data, the oldest from 40 min ago, is shown.',
    );
    expect(
      within(section('EKS capacity')).getByLabelText('Failed data sources'),
    ).toHaveTextContent(
      `EC2 instances in account ${PROD_ACCOUNT} (eu-west-1): TimeoutError - connect ECONNREFUSED. Showing its data from 40 min ago.`,
    );
    // The figures are the last good ones, not zeros.
    expect(kpi('Nodes')).toHaveTextContent('55');
    expect(kpi('vCPU')).toHaveTextContent('186 vCPU');
  });

  it('says the first refresh is running (503) and loads again after Retry-After by itself', async () => {
    const getFleet = jest
      .fn()
      .mockRejectedValueOnce(
        new AwsInsightsNotReadyError('The first refresh has not finished', 1),
      )
      .mockResolvedValue(fleetResponse());
    await render(mockInsightsApi({ getFleet }));
    expect(
      await screen.findByRole('status', { name: 'First refresh running' }),
    ).toHaveTextContent('next check in 1 s');
    expect(screen.getByTestId('dashboard-skeleton')).toBeInTheDocument();
    expect(
      await screen.findByRole('group', { name: 'Nodes' }, { timeout: 5000 }),
    ).toHaveTextContent('55');
    expect(getFleet).toHaveBeenCalledTimes(2);
    expect(
      screen.queryByRole('status', { name: 'First refresh running' }),
    ).not.toBeInTheDocument();
  });

  it('names a failed source in its own section while the others render', async () => {
    const staleSince = new Date(Date.now() - 25 * 60_000).toISOString();
    const fleet = fleetResponse();
    fleet.sources.push({
      service: 'rds',
      reads: 'databases',
      accountId: PROD_ACCOUNT,
      region: 'eu-west-1',
      ok: false,
      fetchedAt: fleet.generatedAt,
      calls: 3,
      error: { name: 'ThrottlingException', message: 'Rate exceeded' },
      staleSince,
    });
    await render(mockInsightsApi({ getFleet: jest.fn(async () => fleet) }));
    const rds = await screen.findByRole('region', { name: 'RDS health' });
    const warning = within(rds).getByRole('alert', {
      name: 'Failed data sources',
    });
    expect(warning).toHaveTextContent(
      `RDS databases in account ${PROD_ACCOUNT} (eu-west-1): ThrottlingException - Rate exceeded.`,
    );
    expect(warning).toHaveTextContent('Showing its data from 25 min ago.');
    expect(within(rds).getAllByText('prod-aurora-pg').length).toBeGreaterThan(
      0,
    );
    expect(
      within(section('EKS capacity')).queryByLabelText('Failed data sources'),
    ).not.toBeInTheDocument();
    expect(
      within(section('WAF')).queryByText(/ThrottlingException/),
    ).not.toBeInTheDocument();
  });

  it('shows an HTTP error of one request in that section only', async () => {
    await render(
      mockInsightsApi({
        getHistory: jest.fn(async () => {
          throw httpError(500, 'history store unavailable');
        }),
        getWebAcl: jest.fn(async () => {
          throw httpError(502, 'Bad gateway');
        }),
      }),
    );
    const trend = await screen.findByRole('region', {
      name: 'Spot/Graviton trend',
    });
    expect(
      await within(trend).findByText(
        'Could not load the Spot/Graviton trend (history API)',
      ),
    ).toBeInTheDocument();
    expect(
      within(trend).getByText('history store unavailable'),
    ).toBeInTheDocument();
    const waf = section('Web ACL prod-web-acl');
    expect(
      await within(waf).findByText('Could not load web ACL prod-web-acl'),
    ).toBeInTheDocument();
    // Everything else is there.
    expect(kpi('Nodes')).toHaveTextContent('55');
    expect(screen.getByRole('grid', { name: 'Databases' })).toBeInTheDocument();
    expect(
      screen.getByRole('grid', { name: 'Spot/Graviton mix' }),
    ).toBeInTheDocument();
  });

  it('names GET /fleet when the whole page cannot load', async () => {
    await render(
      mockInsightsApi({
        getFleet: jest.fn(async () => {
          throw httpError(403, 'aws-insights.read is required');
        }),
      }),
    );
    expect(
      await screen.findByText('Could not load the fleet (GET /fleet)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('aws-insights.read is required'),
    ).toBeInTheDocument();
  });

  it('shows empty states that say what to tag and how to connect AWS', async () => {
    const empty = fleetResponse({
      clusters: [],
      databases: [],
      wafs: [],
      mix: { ...fleetResponse().mix, cells: [], count: 0, vcpu: 0 },
      fleet: {
        nodes: 0,
        vcpu: 0,
        memoryGiB: 0,
        requestsKnown: false,
        byInstanceType: [],
      },
    });
    await render(mockInsightsApi({ getFleet: jest.fn(async () => empty) }));
    for (const what of [
      'EKS clusters',
      'RDS databases',
      'WAF web ACLs',
      'EC2 nodes',
    ]) {
      expect(await screen.findByText(`No ${what}`)).toBeInTheDocument();
    }
    expect(
      within(section('RDS health')).getByText(/Tag AWS resources with/),
    ).toHaveTextContent(
      'environment=<name> to show them here. Connect accounts in app-config (see README, Connect real AWS accounts).',
    );
  });

  it('asks /fleet for the subset the filter bar selects', async () => {
    const api = mockInsightsApi();
    await render(api);
    await screen.findByRole('group', { name: 'Nodes' });
    expect(api.getFleet).toHaveBeenLastCalledWith({});

    await userEvent.click(
      screen.getByRole('button', { name: /All environments/ }),
    );
    await userEvent.click(await screen.findByRole('option', { name: 'prod' }));
    await waitFor(() =>
      expect(api.getFleet).toHaveBeenLastCalledWith({ environment: 'prod' }),
    );
    await waitFor(() =>
      expect(api.getHistory).toHaveBeenLastCalledWith('environment:prod', 7),
    );

    await userEvent.click(screen.getByRole('button', { name: /All accounts/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: PROD_ACCOUNT }),
    );
    await waitFor(() =>
      expect(api.getFleet).toHaveBeenLastCalledWith({
        environment: 'prod',
        accountId: PROD_ACCOUNT,
      }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    await waitFor(() => expect(api.getFleet).toHaveBeenLastCalledWith({}));
  }, 60_000);
});
