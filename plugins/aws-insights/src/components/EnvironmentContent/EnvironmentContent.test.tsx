import { screen, waitFor } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AwsInsightsApi } from '@platform-portal/plugin-aws-insights-common';
import { awsInsightsApiRef } from '../../api';
import { prodEnvironment } from '../../__fixtures__/entities';
import {
  fleetResponse,
  httpError,
  mockInsightsApi,
} from '../../__fixtures__/fleet';
import { EnvironmentContent } from './EnvironmentContent';

jest.setTimeout(30_000);

function render(api: AwsInsightsApi) {
  return renderInTestApp(
    <EntityProvider entity={prodEnvironment}>
      <EnvironmentContent />
    </EntityProvider>,
    { apis: [[awsInsightsApiRef, api]] },
  );
}

describe('EnvironmentContent', () => {
  it('shows the sections for the environment from /environments/:name', async () => {
    const prodOnly = fleetResponse({
      fleet: {
        nodes: 20,
        vcpu: 80,
        memoryGiB: 320,
        requestsKnown: true,
        byInstanceType: [],
      },
      clusters: [fleetResponse().clusters[1]],
      databases: [fleetResponse().databases[0]],
      sample: true,
    });
    const api = mockInsightsApi({
      getEnvironment: jest.fn(async () => prodOnly),
    });
    await render(api);
    expect(
      await screen.findByRole('group', { name: 'Nodes' }),
    ).toHaveTextContent('20');
    expect(screen.getByRole('group', { name: 'vCPU' })).toHaveTextContent(
      '80 vCPU',
    );
    expect(
      screen.getByRole('group', { name: 'Unhealthy databases' }),
    ).toHaveTextContent('1of 1');
    expect(
      screen.getByText('AWS resources tagged environment=prod'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Sample fleet')).toBeInTheDocument();
    expect(screen.getByLabelText('Data freshness')).toHaveTextContent(
      '12 min old',
    );
    expect(api.getEnvironment).toHaveBeenCalledWith('prod');
    expect(api.getFleet).not.toHaveBeenCalled();
    await waitFor(() =>
      expect(api.getHistory).toHaveBeenCalledWith('environment:prod', 7),
    );
  });

  it('shows an empty state, not an error, when nothing is tagged with the environment (404)', async () => {
    await render(
      mockInsightsApi({
        getEnvironment: jest.fn(async () => {
          throw httpError(404, 'No AWS resources are tagged environment=prod');
        }),
      }),
    );
    expect(
      await screen.findByText('No AWS resources for environment prod'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Connect accounts in app-config/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Could not load/)).not.toBeInTheDocument();
  });

  it('shows other HTTP errors naming the request', async () => {
    await render(
      mockInsightsApi({
        getEnvironment: jest.fn(async () => {
          throw httpError(500, 'boom');
        }),
      }),
    );
    expect(
      await screen.findByText(
        'Could not load environment prod (GET /environments/prod)',
      ),
    ).toBeInTheDocument();
  });
});
