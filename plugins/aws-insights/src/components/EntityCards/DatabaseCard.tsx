import { Flex, Skeleton } from '@backstage/ui';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { DatabaseRecord } from '@platform-portal/plugin-aws-insights-common';
import { awsInsightsApiRef } from '../../api';
import { awsName } from '../../annotations';
import { formatBytes, formatPercent, formatSeconds } from '../../format';
import { useAsync } from '../../hooks/useAsync';
import { failedSources } from '../../viewModel/sources';
import { Fact, FactsTable } from '../common/FactsTable';
import { SectionCard } from '../common/SectionCard';
import { SectionError, SourceWarnings } from '../common/StatusAlerts';
import { storageText } from '../Databases/databaseView';
import { DatabaseEvents, VerdictReasons } from '../Databases/DatabaseSection';
import { VerdictBadge } from '../Databases/VerdictBadge';
import { CardStamp } from './CardStamp';

function facts(r: DatabaseRecord): Fact[] {
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
    body = <Skeleton width="100%" height={240} data-testid="card-skeleton" />;
  } else {
    const { record, verdict, reasons } = response.database;
    body = (
      <Flex direction="column" gap="3">
        <SourceWarnings
          sources={failedSources(response.sources, 'databases', [
            record.accountId,
          ])}
        />
        <div>
          <VerdictBadge verdict={verdict} />
          <VerdictReasons reasons={reasons} />
        </div>
        <FactsTable label={`Database ${name}`} facts={facts(record)} />
        <DatabaseEvents databases={[response.database]} />
      </Flex>
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
