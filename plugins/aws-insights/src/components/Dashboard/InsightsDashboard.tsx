import { Box, Card, Flex, Grid, Skeleton } from '@backstage/ui';
import { FleetResponse } from '@platform-portal/plugin-aws-insights-common';
import { useFreshness } from '../../hooks/useFreshness';
import { CapacitySection } from '../Capacity/CapacitySection';
import { SampleBanner, StaleWarning } from '../common/StatusAlerts';
import { DatabaseSection } from '../Databases/DatabaseSection';
import { KpiTiles, KpiTilesSkeleton } from '../Kpis/KpiTiles';
import { MixSection } from '../Mix/MixSection';
import { WafSection } from '../Waf/WafSection';

/** Capacity and mix side by side on extra-large screens; every other section spans the page. */
const HALF = { initial: '2', xl: '1' } as const;

/**
 * The four sections over one FleetResponse (the whole fleet, a filtered subset or one
 * environment). Sections get the whole response so each shows the failed sources behind it.
 */
export function InsightsDashboard(props: {
  fleet: FleetResponse;
  historyScope: string;
  historyNote?: string;
  environment?: string;
}) {
  const { fleet, environment } = props;
  const { stale, ageSeconds } = useFreshness(fleet);
  return (
    <Box>
      {fleet.sample && <SampleBanner />}
      {stale && (
        <StaleWarning
          ageSeconds={ageSeconds}
          failedSources={fleet.sources.filter(s => s.staleSince).length}
        />
      )}
      <KpiTiles fleet={fleet} />
      <Grid.Root columns="2" gap="4">
        <Grid.Item colSpan={HALF}>
          <CapacitySection fleet={fleet} environment={environment} />
        </Grid.Item>
        <Grid.Item colSpan={HALF}>
          <MixSection
            fleet={fleet}
            environment={environment}
            historyScope={props.historyScope}
            historyNote={props.historyNote}
          />
        </Grid.Item>
        <Grid.Item colSpan="2">
          <DatabaseSection fleet={fleet} environment={environment} />
        </Grid.Item>
        <Grid.Item colSpan="2">
          <WafSection fleet={fleet} environment={environment} />
        </Grid.Item>
      </Grid.Root>
    </Box>
  );
}

function SectionSkeleton(props: { rows: number; label: string }) {
  return (
    <Card aria-label={props.label} style={{ height: '100%' }}>
      <Flex direction="column" gap="2">
        <Skeleton width="30%" height={28} />
        <Skeleton width="50%" height={16} />
        <Flex direction="column" gap="2" mt="4">
          {Array.from({ length: props.rows }, (_, i) => (
            <Skeleton key={i} width="100%" height={28} />
          ))}
        </Flex>
      </Flex>
    </Card>
  );
}

/** Skeletons shaped like the dashboard while the first /fleet response is on its way. */
export function InsightsDashboardSkeleton() {
  return (
    <Box data-testid="dashboard-skeleton" aria-busy="true">
      <KpiTilesSkeleton />
      <Grid.Root columns="2" gap="4">
        <Grid.Item colSpan={HALF}>
          <SectionSkeleton rows={6} label="Loading EKS capacity" />
        </Grid.Item>
        <Grid.Item colSpan={HALF}>
          <SectionSkeleton rows={6} label="Loading Spot / Graviton mix" />
        </Grid.Item>
        <Grid.Item colSpan="2">
          <SectionSkeleton rows={4} label="Loading RDS health" />
        </Grid.Item>
        <Grid.Item colSpan="2">
          <SectionSkeleton rows={4} label="Loading WAF" />
        </Grid.Item>
      </Grid.Root>
    </Box>
  );
}
