import { useEffect, useMemo, useState } from 'react';
import { LinearProgress } from '@material-ui/core';
import { Content, Header, HeaderLabel, Page } from '@backstage/core-components';
import { useApi, useAppSearchParams } from '@backstage/frontend-plugin-api';
import {
  AwsInsightsNotReadyError,
  FleetFilter,
} from '@platform-portal/plugin-aws-insights-common';
import { awsInsightsApiRef } from '../../api';
import { formatFreshness } from '../../format';
import { useAsync } from '../../hooks/useAsync';
import { useFreshness } from '../../hooks/useFreshness';
import {
  FilterOptions,
  filterFromSearch,
  filterOptions,
  historyScope,
  mergeOptions,
} from '../../viewModel/filter';
import { RefreshTimes } from '../../viewModel/freshness';
import { SectionError } from '../common/StatusAlerts';
import {
  InsightsDashboard,
  InsightsDashboardSkeleton,
} from '../Dashboard/InsightsDashboard';
import { FilterBar } from './FilterBar';

const NO_OPTIONS: FilterOptions = {
  accounts: [],
  regions: [],
  environments: [],
};

/** The Platform page: the whole fleet (or the filtered subset) on one page. */
export function FleetPage() {
  const api = useApi(awsInsightsApiRef);
  const [search, setSearch] = useAppSearchParams();
  const filter = useMemo(() => filterFromSearch(search), [search]);
  const key = JSON.stringify(filter);
  const state = useAsync(() => api.getFleet(filter), [api, key]);
  const [options, setOptions] = useState(NO_OPTIONS);
  const fleet = state.value;

  useEffect(() => {
    if (fleet)
      setOptions(previous => mergeOptions(previous, filterOptions(fleet)));
  }, [fleet]);

  const onFilter = (next: FleetFilter) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v) params.set(k, v);
    setSearch(params, { replace: true });
  };
  const scope = historyScope(filter, fleet);

  let body;
  if (state.error) {
    // While the first refresh runs (503) the notice shows above the skeleton.
    body = (
      <>
        <SectionError
          what="the fleet (GET /fleet)"
          error={state.error}
          onRetry={state.retry}
        />
        {AwsInsightsNotReadyError.is(state.error) && (
          <InsightsDashboardSkeleton />
        )}
      </>
    );
  } else if (fleet) {
    // While a new selection loads, the previous one stays on screen under a progress bar.
    body = (
      <InsightsDashboard
        fleet={fleet}
        environment={filter.environment}
        historyScope={scope.scope}
        historyNote={scope.partial ? 'whole fleet' : undefined}
      />
    );
  } else {
    body = <InsightsDashboardSkeleton />;
  }

  return (
    <Page themeId="tool">
      <Header
        title="Platform"
        subtitle="EKS capacity, Spot/Graviton mix, RDS health and WAF blocks across every environment"
      >
        {fleet && <FreshnessLabel fleet={fleet} />}
        {fleet && (
          <HeaderLabel
            label="Source"
            value={fleet.sample ? 'Sample fleet' : 'AWS'}
          />
        )}
      </Header>
      <Content>
        <FilterBar filter={filter} options={options} onChange={onFilter} />
        {state.loading && fleet && (
          <LinearProgress aria-label="Loading the selection" />
        )}
        {body}
      </Content>
    </Page>
  );
}

/** The age of the oldest data on the page, not of the last refresh. */
function FreshnessLabel(props: { fleet: RefreshTimes }) {
  const { ageSeconds, stale } = useFreshness(props.fleet);
  return (
    <HeaderLabel
      label={stale ? 'Freshness (stale)' : 'Freshness'}
      value={formatFreshness(props.fleet.dataAsOf, ageSeconds)}
    />
  );
}
