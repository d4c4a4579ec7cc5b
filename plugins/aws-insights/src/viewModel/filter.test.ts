import { fleetResponse, PROD_ACCOUNT } from '../__fixtures__/fleet';
import {
  filterFromSearch,
  filterOptions,
  historyScope,
  mergeOptions,
} from './filter';

describe('filter view model', () => {
  it('offers every account, region and environment of the fleet, sorted', () => {
    expect(filterOptions(fleetResponse())).toEqual({
      accounts: ['000000000003', PROD_ACCOUNT],
      regions: ['eu-west-1'],
      environments: ['dev', 'prod'],
    });
  });

  it('never shrinks the menus when a filtered response comes back', () => {
    const all = filterOptions(fleetResponse());
    const prodOnly = filterOptions(
      fleetResponse({ clusters: [], databases: [], stacks: [] }),
    );
    expect(mergeOptions(all, prodOnly)).toEqual(all);
  });

  it('reads the filter from the URL, dropping empty and unknown keys', () => {
    expect(
      filterFromSearch(new URLSearchParams('environment=prod&region=&foo=1')),
    ).toEqual({ environment: 'prod' });
  });

  it('picks the history scope that matches the selection', () => {
    expect(historyScope({})).toEqual({ scope: 'fleet', partial: false });
    expect(historyScope({ environment: 'prod' })).toEqual({
      scope: 'environment:prod',
      partial: false,
    });
    const one = fleetResponse({ clusters: [fleetResponse().clusters[1]] });
    expect(historyScope({ accountId: PROD_ACCOUNT }, one).scope).toBe(
      `cluster:${one.clusters[0].arn}`,
    );
    expect(historyScope({ region: 'eu-west-1' }, fleetResponse())).toEqual({
      scope: 'fleet',
      partial: true,
    });
  });
});
