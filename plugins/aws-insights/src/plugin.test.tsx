import { screen } from '@testing-library/react';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { Entity } from '@backstage/catalog-model';
import { awsInsightsApiRef } from './api';
import {
  prodClusterEntity,
  prodDatabaseEntity,
  prodEnvironment,
} from './__fixtures__/entities';
import { mockInsightsApi } from './__fixtures__/fleet';
import {
  clusterCard,
  databaseCard,
  environmentContent,
  wafCard,
} from './plugin';
import plugin from './index';

jest.setTimeout(30_000);

function renderEntity(entity: Entity) {
  const api = mockInsightsApi();
  renderTestApp({
    extensions: [
      createTestEntityPage({ entity }),
      environmentContent,
      clusterCard,
      databaseCard,
      wafCard,
    ],
    apis: [[awsInsightsApiRef, api]],
  });
  return api;
}

describe('aws-insights plugin', () => {
  it('is the package default export with the page, API, content and cards', () => {
    expect(plugin.pluginId).toBe('aws-insights');
  });

  it('puts the cluster card on a kubernetes-cluster resource only', async () => {
    const api = renderEntity(prodClusterEntity);
    expect(
      await screen.findByText('EKS capacity and cost'),
    ).toBeInTheDocument();
    expect(screen.queryByText('RDS health')).not.toBeInTheDocument();
    expect(api.getDatabase).not.toHaveBeenCalled();
  });

  it('puts the database card on a database resource only', async () => {
    renderEntity(prodDatabaseEntity);
    expect(await screen.findByText('RDS health')).toBeInTheDocument();
    expect(screen.queryByText('EKS capacity and cost')).not.toBeInTheDocument();
  });

  it('gives an environment resource the Platform content', async () => {
    const api = renderEntity(prodEnvironment);
    expect(
      await screen.findByRole('group', { name: 'Nodes' }),
    ).toBeInTheDocument();
    expect(api.getEnvironment).toHaveBeenCalledWith('prod');
    expect(screen.queryByText('EKS capacity and cost')).not.toBeInTheDocument();
  });
});
