import {
  Box,
  Chip,
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
  CapacitySummary,
  ClusterCapacity,
  FleetResponse,
} from '@platform-portal/plugin-aws-insights-common';
import { formatGiB, formatVcpu } from '../../format';
import { failedSources } from '../../viewModel/sources';
import { EmptySection, SourceWarnings } from '../common/StatusAlerts';
import { SectionCard } from '../common/SectionCard';
import { HeadroomBar } from './HeadroomBar';

/** Pools have no flag of their own: the backend's default threshold. */
const LOW_HEADROOM_PERCENT = 15;

const useStyles = makeStyles(theme => ({
  cluster: {
    marginBottom: theme.spacing(3),
    '&:last-child': { marginBottom: 0 },
  },
  heading: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  name: { fontWeight: 700, fontSize: '1rem' },
  meta: { color: theme.palette.text.secondary, fontSize: '0.8rem' },
  types: { display: 'flex', flexWrap: 'wrap', gap: 4 },
  numeric: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  bar: { width: 160, minWidth: 120 },
  poolCell: { minWidth: 160 },
  pool: { whiteSpace: 'nowrap' },
  sub: { color: theme.palette.text.secondary, fontSize: '0.75rem' },
  head: { '& th': { whiteSpace: 'nowrap' } },
}));

function requested(value: number | undefined, provisioned: string) {
  return value === undefined
    ? `${provisioned} / unknown`
    : `${provisioned} / ${formatVcpu(value).replace(' vCPU', '')}`;
}

/** `8 × m7g.xlarge · 4 × c7g.xlarge`: node counts by instance type. */
export function instanceTypesText(summary: CapacitySummary): string {
  return (
    summary.byInstanceType
      // Non-breaking inside one item: a line only breaks between items.
      .map(t => `${t.count}\u00a0×\u00a0${t.instanceType}`)
      .join(' · ')
  );
}

function InstanceTypeChips(props: { summary: CapacitySummary }) {
  const classes = useStyles();
  return (
    <div className={classes.types} aria-label="Nodes by instance type">
      {props.summary.byInstanceType.map(t => (
        <Chip
          key={t.instanceType}
          size="small"
          variant="outlined"
          label={`${t.count} × ${t.instanceType}`}
        />
      ))}
    </div>
  );
}

function CapacityRow(props: {
  name: string;
  summary: CapacitySummary;
  low: boolean;
  bold?: boolean;
}) {
  const classes = useStyles();
  const { summary } = props;
  return (
    <TableRow>
      <TableCell className={classes.poolCell}>
        <Typography
          variant="body2"
          className={classes.pool}
          style={{ fontWeight: props.bold ? 700 : 500 }}
        >
          {props.name}
        </Typography>
        {!props.bold && (
          <Typography className={classes.sub}>
            {instanceTypesText(summary)}
          </Typography>
        )}
      </TableCell>
      <TableCell className={classes.numeric} align="right">
        {summary.nodes}
      </TableCell>
      <TableCell className={classes.numeric} align="right">
        {requested(summary.requestedVcpu, String(summary.vcpu))}
      </TableCell>
      <TableCell className={classes.numeric} align="right">
        {summary.requestedMemoryGiB === undefined
          ? `${formatGiB(summary.memoryGiB)} / unknown`
          : `${formatGiB(summary.memoryGiB)} / ${formatGiB(
              summary.requestedMemoryGiB,
            )}`}
      </TableCell>
      <TableCell className={classes.bar}>
        <HeadroomBar
          provisionedVcpu={summary.vcpu}
          requestedVcpu={summary.requestedVcpu}
          headroomPercent={summary.headroomPercent}
          low={props.low}
        />
      </TableCell>
    </TableRow>
  );
}

/** One cluster: its totals, then a row per node pool. */
export function ClusterCapacityView(props: { cluster: ClusterCapacity }) {
  const classes = useStyles();
  const { cluster: c } = props;
  return (
    <Box
      className={classes.cluster}
      aria-label={`Cluster ${c.cluster}`}
      role="group"
    >
      <div className={classes.heading}>
        <Typography className={classes.name} component="h3">
          {c.cluster}
        </Typography>
        {c.environment && <Chip size="small" label={c.environment} />}
        <span className={classes.meta}>
          {c.region} · account {c.accountId} · Kubernetes {c.version} ·{' '}
          {c.status}
        </span>
      </div>
      {c.lowHeadroom && (
        <Alert severity="warning" style={{ marginBottom: 8 }}>
          Low headroom: only {c.headroomPercent?.toFixed(1)} % of CPU is not
          requested. Add capacity or raise the node pool limits.
        </Alert>
      )}
      {!c.requestsKnown && (
        <Alert severity="info" style={{ marginBottom: 8 }}>
          Requests unknown: enable Container Insights on {c.cluster} to see
          requested CPU and memory and the headroom.
        </Alert>
      )}
      {c.healthIssues.map(issue => (
        <Alert key={issue.code} severity="error" style={{ marginBottom: 8 }}>
          {issue.code}: {issue.message}
        </Alert>
      ))}
      <InstanceTypeChips summary={c} />
      <Box overflow="auto" mt={1}>
        <Table size="small" aria-label={`Node pools of ${c.cluster}`}>
          <TableHead>
            <TableRow className={classes.head}>
              <TableCell>Node pool</TableCell>
              <TableCell align="right">Nodes</TableCell>
              <TableCell align="right">vCPU prov. / req.</TableCell>
              <TableCell align="right">Memory prov. / req.</TableCell>
              <TableCell>CPU headroom</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            <CapacityRow
              name="All pools"
              summary={c}
              low={c.lowHeadroom}
              bold
            />
            {c.pools.map(p => (
              <CapacityRow
                key={p.pool}
                name={`${p.pool} (${p.kind})`}
                summary={p}
                low={
                  p.headroomPercent !== undefined &&
                  p.headroomPercent < LOW_HEADROOM_PERCENT
                }
              />
            ))}
          </TableBody>
        </Table>
      </Box>
    </Box>
  );
}

/** EKS capacity per cluster and node pool: provisioned vs requested and the headroom. */
export function CapacitySection(props: {
  fleet: FleetResponse;
  environment?: string;
}) {
  const { fleet } = props;
  const low = fleet.clusters.filter(c => c.lowHeadroom).length;
  return (
    <SectionCard
      title="EKS capacity"
      subheader={`${fleet.clusters.length} clusters · ${
        fleet.fleet.nodes
      } nodes · ${formatVcpu(fleet.fleet.vcpu)}${
        low ? ` · ${low} with low headroom` : ''
      }`}
    >
      <SourceWarnings sources={failedSources(fleet.sources, 'capacity')} />
      {fleet.clusters.length === 0 ? (
        <EmptySection what="EKS clusters" environment={props.environment} />
      ) : (
        fleet.clusters.map(c => <ClusterCapacityView key={c.arn} cluster={c} />)
      )}
    </SectionCard>
  );
}
