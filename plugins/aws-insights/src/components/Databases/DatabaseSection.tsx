import {
  Box,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  DatabaseHealth,
  FleetResponse,
} from '@platform-portal/plugin-aws-insights-common';
import { formatDateTime, formatPercent, formatSeconds } from '../../format';
import { unhealthyDatabases } from '../../viewModel/kpis';
import { failedSources } from '../../viewModel/sources';
import { SectionCard } from '../common/SectionCard';
import { EmptySection, SourceWarnings } from '../common/StatusAlerts';
import { recentEvents, sortDatabases, storageText } from './databaseView';
import { VerdictChip } from './VerdictChip';

const useStyles = makeStyles(theme => ({
  numeric: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  nowrap: { whiteSpace: 'nowrap' },
  head: { '& th': { whiteSpace: 'nowrap' } },
  name: { fontWeight: 600, whiteSpace: 'nowrap' },
  verdict: { minWidth: 220 },
  sub: { color: theme.palette.text.secondary, fontSize: '0.75rem' },
  reasons: { margin: 0, paddingLeft: theme.spacing(2), fontSize: '0.8rem' },
  no: { color: theme.palette.warning.main, fontWeight: 600 },
  events: { marginTop: theme.spacing(2) },
  eventTime: {
    color: theme.palette.text.secondary,
    whiteSpace: 'nowrap',
    width: 120,
  },
}));

const yesNo = (value: boolean, classes: { no: string }) =>
  value ? 'Yes' : <span className={classes.no}>No</span>;

export function DatabaseRow({ database }: { database: DatabaseHealth }) {
  const classes = useStyles();
  const { record: r, verdict, reasons } = database;
  return (
    <TableRow>
      <TableCell>
        <div className={classes.name}>{r.identifier}</div>
        <div className={classes.sub}>
          {r.kind === 'aurora-cluster'
            ? `Aurora cluster · ${r.members.length} instances`
            : 'RDS instance'}
          {r.instanceClass ? ` · ${r.instanceClass}` : ''} · {r.region}
        </div>
      </TableCell>
      <TableCell className={classes.nowrap}>{r.status}</TableCell>
      <TableCell className={classes.nowrap}>
        {r.engine} {r.engineVersion}
      </TableCell>
      <TableCell>{yesNo(r.multiAz, classes)}</TableCell>
      <TableCell>{yesNo(r.storageEncrypted, classes)}</TableCell>
      <TableCell className={classes.numeric}>
        {r.backupRetentionDays} {r.backupRetentionDays === 1 ? 'day' : 'days'}
      </TableCell>
      <TableCell align="right" className={classes.numeric}>
        {formatPercent(r.metrics.cpuPercent, 0)}
      </TableCell>
      <TableCell align="right" className={classes.numeric}>
        {r.metrics.connections ?? '—'}
      </TableCell>
      <TableCell align="right" className={classes.numeric}>
        {formatSeconds(r.metrics.replicaLagSeconds)}
      </TableCell>
      <TableCell className={classes.numeric}>{storageText(r)}</TableCell>
      <TableCell className={classes.verdict}>
        <VerdictChip verdict={verdict} />
        {reasons.length > 0 && (
          <ul className={classes.reasons}>
            {reasons.map(reason => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        )}
      </TableCell>
    </TableRow>
  );
}

export function DatabaseTable(props: { databases: DatabaseHealth[] }) {
  const classes = useStyles();
  return (
    <Box overflow="auto">
      <Table size="small" aria-label="Databases">
        <TableHead>
          <TableRow className={classes.head}>
            <TableCell>Database</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Engine</TableCell>
            <TableCell>Multi-AZ</TableCell>
            <TableCell>Encrypted</TableCell>
            <TableCell>Backups</TableCell>
            <TableCell align="right">CPU</TableCell>
            <TableCell align="right">Connections</TableCell>
            <TableCell align="right">Replica lag</TableCell>
            <TableCell>Storage</TableCell>
            <TableCell>Verdict</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {sortDatabases(props.databases).map(d => (
            <DatabaseRow key={d.record.arn} database={d} />
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

export function DatabaseEvents(props: { databases: DatabaseHealth[] }) {
  const classes = useStyles();
  const events = recentEvents(props.databases);
  if (events.length === 0) return null;
  return (
    <Box
      className={classes.events}
      role="region"
      aria-label="Recent database events"
    >
      <Typography variant="subtitle2" component="h3">
        Recent events
      </Typography>
      <Table size="small">
        <TableBody>
          {events.map(e => (
            <TableRow key={`${e.identifier}/${e.at}/${e.message}`}>
              <TableCell className={classes.eventTime}>
                {formatDateTime(e.at)}
              </TableCell>
              <TableCell>
                <strong>{e.identifier}</strong>: {e.message}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

/** RDS and Aurora health: configuration, metrics, a verdict with its reasons, recent events. */
export function DatabaseSection(props: {
  fleet: FleetResponse;
  environment?: string;
}) {
  const { databases, sources } = props.fleet;
  const unhealthy = unhealthyDatabases(props.fleet).length;
  return (
    <SectionCard
      title="RDS health"
      subheader={`${databases.length} databases · ${unhealthy} need attention`}
    >
      <SourceWarnings sources={failedSources(sources, 'databases')} />
      {databases.length === 0 ? (
        <EmptySection what="RDS databases" environment={props.environment} />
      ) : (
        <>
          <DatabaseTable databases={databases} />
          <DatabaseEvents databases={databases} />
        </>
      )}
    </SectionCard>
  );
}
