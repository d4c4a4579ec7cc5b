import { Box, Grid, makeStyles, Paper } from '@material-ui/core';
import Skeleton from '@material-ui/lab/Skeleton';
import { FleetResponse } from '@platform-portal/plugin-aws-insights-common';
import { useFreshness } from '../../hooks/useFreshness';
import { CapacitySection } from '../Capacity/CapacitySection';
import { SampleBanner, StaleWarning } from '../common/StatusAlerts';
import { DatabaseSection } from '../Databases/DatabaseSection';
import { KpiTiles, KpiTilesSkeleton } from '../Kpis/KpiTiles';
import { MixSection } from '../Mix/MixSection';
import { WafSection } from '../Waf/WafSection';

const useStyles = makeStyles(theme => ({
  skeletonCard: { padding: theme.spacing(2), height: '100%' },
}));

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
      {stale && <StaleWarning ageSeconds={ageSeconds} />}
      <KpiTiles fleet={fleet} />
      <Grid container spacing={2}>
        <Grid item xs={12} xl={6}>
          <CapacitySection fleet={fleet} environment={environment} />
        </Grid>
        <Grid item xs={12} xl={6}>
          <MixSection
            fleet={fleet}
            environment={environment}
            historyScope={props.historyScope}
            historyNote={props.historyNote}
          />
        </Grid>
        <Grid item xs={12}>
          <DatabaseSection fleet={fleet} environment={environment} />
        </Grid>
        <Grid item xs={12}>
          <WafSection fleet={fleet} environment={environment} />
        </Grid>
      </Grid>
    </Box>
  );
}

function SectionSkeleton(props: { rows: number; label: string }) {
  const classes = useStyles();
  return (
    <Paper
      variant="outlined"
      className={classes.skeletonCard}
      aria-label={props.label}
    >
      <Skeleton width="30%" height={28} />
      <Skeleton width="50%" />
      <Box mt={2}>
        {Array.from({ length: props.rows }, (_, i) => (
          <Skeleton key={i} height={32} />
        ))}
      </Box>
    </Paper>
  );
}

/** Skeletons shaped like the dashboard while the first /fleet response is on its way. */
export function InsightsDashboardSkeleton() {
  return (
    <Box data-testid="dashboard-skeleton" aria-busy="true">
      <KpiTilesSkeleton />
      <Grid container spacing={2}>
        <Grid item xs={12} xl={6}>
          <SectionSkeleton rows={6} label="Loading EKS capacity" />
        </Grid>
        <Grid item xs={12} xl={6}>
          <SectionSkeleton rows={6} label="Loading Spot / Graviton mix" />
        </Grid>
        <Grid item xs={12}>
          <SectionSkeleton rows={4} label="Loading RDS health" />
        </Grid>
        <Grid item xs={12}>
          <SectionSkeleton rows={4} label="Loading WAF" />
        </Grid>
      </Grid>
    </Box>
  );
}
