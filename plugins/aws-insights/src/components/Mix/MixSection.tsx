import {
  Box,
  Grid,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import {
  FleetResponse,
  GravitonCandidate,
  MixSummary,
} from '@platform-portal/plugin-aws-insights-common';
import {
  formatCount,
  formatPercent,
  formatShare,
  formatUsd,
} from '../../format';
import { HOURS_PER_MONTH } from '../../viewModel/constants';
import { mixRows } from '../../viewModel/mix';
import { failedSources } from '../../viewModel/sources';
import { SectionCard } from '../common/SectionCard';
import { EmptySection, SourceWarnings } from '../common/StatusAlerts';
import { successText } from '../charts/chartTheme';
import { MixShareChart } from './MixShareChart';
import { MixTrend } from './MixTrend';

const useStyles = makeStyles(theme => ({
  numeric: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  head: { '& th': { whiteSpace: 'nowrap' } },
  swatch: {
    display: 'inline-block',
    width: 12,
    height: 12,
    borderRadius: 2,
    marginRight: theme.spacing(1),
    verticalAlign: 'middle',
  },
  hatched: {
    backgroundImage:
      'repeating-linear-gradient(45deg, rgba(0,0,0,0.35) 0 2px, transparent 2px 5px)',
  },
  money: {
    display: 'grid',
    gridTemplateColumns: 'repeat(3, 1fr)',
    gap: theme.spacing(2),
    margin: theme.spacing(1, 0, 2),
  },
  moneyValue: {
    fontSize: '1.25rem',
    fontWeight: 700,
    fontVariantNumeric: 'tabular-nums',
  },
  savings: { color: successText(theme) },
}));

export function MoneySummary({ mix }: { mix: MixSummary }) {
  const classes = useStyles();
  const figure = (label: string, value: string, className?: string) => (
    <div role="group" aria-label={label}>
      <Typography variant="caption" color="textSecondary">
        {label}
      </Typography>
      <div className={`${classes.moneyValue} ${className ?? ''}`}>{value}</div>
    </div>
  );
  return (
    <div className={classes.money}>
      {figure('Monthly cost', formatUsd(mix.usdPerMonth))}
      {figure(
        'All On-Demand x86',
        formatUsd(mix.onDemandX86UsdPerHour * HOURS_PER_MONTH),
      )}
      {figure(
        'Savings per month',
        `${formatUsd(mix.savingsUsdPerMonth)} (${formatPercent(
          mix.savingsPercent,
        )})`,
        classes.savings,
      )}
    </div>
  );
}

export function MixTable({ mix }: { mix: MixSummary }) {
  const classes = useStyles();
  const rows = mixRows(mix);
  return (
    <Table size="small" aria-label="Spot/Graviton mix">
      <TableHead>
        <TableRow className={classes.head}>
          <TableCell>Lifecycle · architecture</TableCell>
          <TableCell align="right">Nodes</TableCell>
          <TableCell align="right">vCPU</TableCell>
          <TableCell align="right">Share of vCPU</TableCell>
          <TableCell align="right">$/hour</TableCell>
          <TableCell align="right">$/month</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(r => (
          <TableRow key={r.key}>
            <TableCell>
              <span
                className={`${classes.swatch} ${
                  r.hatched ? classes.hatched : ''
                }`}
                style={{ backgroundColor: r.color }}
                aria-hidden
              />
              {r.label}
            </TableCell>
            <TableCell align="right" className={classes.numeric}>
              {formatCount(r.count)}
            </TableCell>
            <TableCell align="right" className={classes.numeric}>
              {formatCount(r.vcpu)}
            </TableCell>
            <TableCell align="right" className={classes.numeric}>
              {formatShare(r.vcpuShare)}
            </TableCell>
            <TableCell align="right" className={classes.numeric}>
              {formatUsd(r.usdPerHour)}
            </TableCell>
            <TableCell align="right" className={classes.numeric}>
              {formatUsd(r.usdPerMonth)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function GravitonCandidates(props: { candidates: GravitonCandidate[] }) {
  const classes = useStyles();
  const total = props.candidates.reduce((s, c) => s + c.savingsUsdPerMonth, 0);
  if (props.candidates.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No Graviton candidates: every x86 pool either runs arm64 already or has
        no arm64 equivalent.
      </Typography>
    );
  }
  return (
    <Box role="region" aria-label="Graviton candidates">
      <Typography variant="subtitle2" component="h3" gutterBottom>
        Graviton candidates: save {formatUsd(total)}/month by moving these x86
        pools to arm64
      </Typography>
      <Table size="small" aria-label="Graviton candidates table">
        <TableHead>
          <TableRow className={classes.head}>
            <TableCell>Cluster / pool</TableCell>
            <TableCell>Instance type</TableCell>
            <TableCell align="right">Nodes</TableCell>
            <TableCell align="right">Now $/month</TableCell>
            <TableCell align="right">arm64 $/month</TableCell>
            <TableCell align="right">Saving/month</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.candidates.map(c => (
            <TableRow key={`${c.cluster}/${c.pool}/${c.instanceType}`}>
              <TableCell>
                {c.cluster} / {c.pool}
              </TableCell>
              <TableCell>
                {c.instanceType} → {c.armInstanceType}
              </TableCell>
              <TableCell align="right" className={classes.numeric}>
                {c.count}
              </TableCell>
              <TableCell align="right" className={classes.numeric}>
                {formatUsd(c.currentUsdPerMonth)}
              </TableCell>
              <TableCell align="right" className={classes.numeric}>
                {formatUsd(c.armUsdPerMonth)}
              </TableCell>
              <TableCell
                align="right"
                className={`${classes.numeric} ${classes.savings}`}
              >
                {formatUsd(c.savingsUsdPerMonth)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

/** Spot/Graviton mix: shares, cost and savings, trend and Graviton candidates. */
export function MixSection(props: {
  fleet: FleetResponse;
  historyScope: string;
  historyNote?: string;
  environment?: string;
}) {
  const { mix } = props.fleet;
  return (
    <SectionCard
      title="Spot / Graviton mix"
      subheader={`${formatShare(mix.spotShareByVcpu)} Spot · ${formatShare(
        mix.armShareByVcpu,
      )} Graviton by vCPU · saving ${formatUsd(mix.savingsUsdPerMonth)}/month`}
    >
      <SourceWarnings sources={failedSources(props.fleet.sources, 'mix')} />
      {mix.count === 0 ? (
        <EmptySection what="EC2 nodes" environment={props.environment} />
      ) : (
        <>
          <MoneySummary mix={mix} />
          {mix.unpricedInstanceTypes.length > 0 && (
            <Alert severity="warning" style={{ marginBottom: 8 }}>
              No price known for {mix.unpricedInstanceTypes.join(', ')}: left
              out of the cost.
            </Alert>
          )}
          <Grid container spacing={2}>
            <Grid item xs={12} lg={5}>
              <MixShareChart rows={mixRows(mix)} />
            </Grid>
            <Grid item xs={12} lg={7}>
              <MixTable mix={mix} />
            </Grid>
          </Grid>
          <Box mt={3}>
            <MixTrend scope={props.historyScope} note={props.historyNote} />
          </Box>
          <Box mt={3}>
            <GravitonCandidates candidates={props.fleet.gravitonCandidates} />
          </Box>
        </>
      )}
    </SectionCard>
  );
}
