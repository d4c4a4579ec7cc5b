import {
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableRow,
} from '@material-ui/core';
import Skeleton from '@material-ui/lab/Skeleton';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { DatabaseRecord } from '@platform-portal/plugin-aws-insights-common';
import { awsInsightsApiRef } from '../../api';
import { awsName } from '../../annotations';
import { formatBytes, formatPercent, formatSeconds } from '../../format';
import { useAsync } from '../../hooks/useAsync';
import { failedSources } from '../../viewModel/sources';
import { SectionCard } from '../common/SectionCard';
import { SectionError, SourceWarnings } from '../common/StatusAlerts';
import { storageText } from '../Databases/databaseView';
import { DatabaseEvents } from '../Databases/DatabaseSection';
import { VerdictChip } from '../Databases/VerdictChip';
import { CardStamp } from './CardStamp';

const useStyles = makeStyles(theme => ({
  key: { color: theme.palette.text.secondary, width: '40%' },
  reasons: { margin: theme.spacing(1, 0, 0), paddingLeft: theme.spacing(2) },
}));

function facts(r: DatabaseRecord): Array<[string, string]> {
  return [
    ['Status', r.status],
    ['Engine', `${r.engine} ${r.engineVersion}`],
    [
      'Kind',
      r.kind === 'aurora-cluster'
        ? `Aurora cluster, ${r.members.length} instances`
        : 'RDS instance',
    ],
    ['Instance class', r.instanceClass ?? '—'],
    ['Multi-AZ', r.multiAz ? 'Yes' : 'No'],
    ['Encrypted', r.storageEncrypted ? 'Yes' : 'No'],
    ['Backup retention', `${r.backupRetentionDays} days`],
    ['Deletion protection', r.deletionProtection ? 'Yes' : 'No'],
    ['CPU', formatPercent(r.metrics.cpuPercent, 0)],
    [
      'Connections',
      r.metrics.connections === undefined ? '—' : String(r.metrics.connections),
    ],
    ['Replica lag', formatSeconds(r.metrics.replicaLagSeconds)],
    ['Freeable memory', formatBytes(r.metrics.freeableMemoryBytes)],
    ['Storage', storageText(r)],
    ['Pending modifications', r.pendingModifications.join(', ') || 'None'],
  ];
}

/** A database resource: configuration, metrics, verdict with reasons, recent events. */
export function DatabaseCard() {
  const classes = useStyles();
  const { entity } = useEntity();
  const api = useApi(awsInsightsApiRef);
  const name = awsName(entity);
  const state = useAsync(() => api.getDatabase(name), [api, name]);
  const response = state.value;

  let body;
  if (state.error) {
    body = (
      <SectionError
        what={`database ${name}`}
        error={state.error}
        onRetry={state.retry}
      />
    );
  } else if (!response) {
    body = <Skeleton variant="rect" height={240} data-testid="card-skeleton" />;
  } else {
    const { record, verdict, reasons } = response.database;
    body = (
      <>
        <SourceWarnings
          sources={failedSources(response.sources, 'databases', [
            record.accountId,
          ])}
        />
        <VerdictChip verdict={verdict} />
        {reasons.length > 0 && (
          <ul className={classes.reasons}>
            {reasons.map(r => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        )}
        <Table size="small" aria-label={`Database ${name}`}>
          <TableBody>
            {facts(record).map(([key, value]) => (
              <TableRow key={key}>
                <TableCell className={classes.key}>{key}</TableCell>
                <TableCell>{value}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <DatabaseEvents databases={[response.database]} />
      </>
    );
  }
  return (
    <SectionCard
      title="RDS health"
      subheader={response ? <CardStamp freshness={response} /> : undefined}
    >
      {body}
    </SectionCard>
  );
}
