import { Box, makeStyles, Paper, Typography } from '@material-ui/core';
import Skeleton from '@material-ui/lab/Skeleton';
import { FleetResponse } from '@platform-portal/plugin-aws-insights-common';
import { Kpi, kpis, KpiTone } from '../../viewModel/kpis';

const useStyles = makeStyles(theme => ({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(160px, 1fr))',
    gap: theme.spacing(1.5),
    marginBottom: theme.spacing(2),
    // Wide screens: capacity and mix (5 tiles) on the first row, money and risk (4) below.
    [theme.breakpoints.up('md')]: {
      gridTemplateColumns: 'repeat(20, 1fr)',
      '& > *': { gridColumn: 'span 5' },
      '& > *:nth-child(-n+5)': { gridColumn: 'span 4' },
    },
  },
  tile: {
    padding: theme.spacing(1.5, 2),
    borderLeft: `4px solid ${theme.palette.divider}`,
    minHeight: 92,
    minWidth: 0,
  },
  label: {
    color: theme.palette.text.secondary,
    fontSize: '0.75rem',
    fontWeight: 600,
    textTransform: 'uppercase',
    letterSpacing: '0.04em',
  },
  value: {
    fontSize: '1.5rem',
    fontWeight: 700,
    lineHeight: 1.3,
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
  },
  hint: { color: theme.palette.text.secondary, fontSize: '0.75rem' },
  good: { borderLeftColor: theme.palette.success.main },
  warning: { borderLeftColor: theme.palette.warning.main },
  error: { borderLeftColor: theme.palette.error.main },
  normal: { borderLeftColor: theme.palette.primary.main },
}));

function KpiTile({ kpi }: { kpi: Kpi }) {
  const classes = useStyles();
  const toneClass: Record<KpiTone, string> = classes;
  return (
    <Paper
      variant="outlined"
      className={`${classes.tile} ${toneClass[kpi.tone]}`}
      role="group"
      aria-label={kpi.label}
      data-kpi={kpi.id}
    >
      <Typography className={classes.label} component="div">
        {kpi.label}
      </Typography>
      <Typography className={classes.value} component="div">
        {kpi.value}
      </Typography>
      {kpi.hint && (
        <Typography className={classes.hint} component="div">
          {kpi.hint}
        </Typography>
      )}
    </Paper>
  );
}

/** The headline figures: the first thing the page shows. */
export function KpiTiles(props: { fleet: FleetResponse }) {
  const classes = useStyles();
  return (
    <Box className={classes.grid} aria-label="Key figures" role="region">
      {kpis(props.fleet).map(kpi => (
        <KpiTile key={kpi.id} kpi={kpi} />
      ))}
    </Box>
  );
}

export function KpiTilesSkeleton() {
  const classes = useStyles();
  return (
    <Box className={classes.grid} data-testid="kpi-skeleton">
      {Array.from({ length: 9 }, (_, i) => (
        <Paper key={i} variant="outlined" className={classes.tile}>
          <Skeleton width="60%" />
          <Skeleton height={36} />
          <Skeleton width="40%" />
        </Paper>
      ))}
    </Box>
  );
}
