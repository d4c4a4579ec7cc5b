import {
  Box,
  Cell,
  Column,
  Flex,
  Row,
  TableBody,
  TableHeader,
  Text,
} from '@backstage/ui';
import {
  DatabaseHealth,
  FleetResponse,
} from '@platform-portal/plugin-aws-insights-common';
import { formatDateTime, formatPercent, formatSeconds } from '../../format';
import { unhealthyDatabases } from '../../viewModel/kpis';
import { failedSources } from '../../viewModel/sources';
import { ReportTable, reportCell } from '../common/ReportTable';
import { SectionCard } from '../common/SectionCard';
import { EmptySection, SourceWarnings } from '../common/StatusAlerts';
import { recentEvents, sortDatabases, storageText } from './databaseView';
import { VerdictBadge } from './VerdictBadge';
import styles from './DatabaseSection.module.css';

const yesNo = (value: boolean) =>
  value ? (
    'Yes'
  ) : (
    <Text color="warning" weight="bold">
      No
    </Text>
  );

/** What the verdict rests on, as a list under it. */
export function VerdictReasons(props: { reasons: string[] }) {
  if (props.reasons.length === 0) return null;
  return (
    <ul className={styles.reasons}>
      {props.reasons.map(reason => (
        <li key={reason}>{reason}</li>
      ))}
    </ul>
  );
}

export function DatabaseRow({ database }: { database: DatabaseHealth }) {
  const { record: r, verdict, reasons } = database;
  return (
    <Row id={r.arn}>
      <Cell className={reportCell.top}>
        <Text as="div" weight="bold" className={reportCell.nowrap}>
          {r.identifier}
        </Text>
        <Text as="div" variant="body-small" color="secondary">
          {r.kind === 'aurora-cluster'
            ? `Aurora cluster · ${r.members.length} instances`
            : 'RDS instance'}
          {r.instanceClass ? ` · ${r.instanceClass}` : ''} · {r.region}
        </Text>
      </Cell>
      <Cell className={reportCell.nowrap}>{r.status}</Cell>
      <Cell>
        {r.engine} {r.engineVersion}
      </Cell>
      <Cell>{yesNo(r.multiAz)}</Cell>
      <Cell>{yesNo(r.storageEncrypted)}</Cell>
      <Cell className={reportCell.numeric}>
        {r.backupRetentionDays} {r.backupRetentionDays === 1 ? 'day' : 'days'}
      </Cell>
      <Cell className={reportCell.numeric}>
        {formatPercent(r.metrics.cpuPercent, 0)}
      </Cell>
      <Cell className={reportCell.numeric}>{r.metrics.connections ?? '—'}</Cell>
      <Cell className={reportCell.numeric}>
        {formatSeconds(r.metrics.replicaLagSeconds)}
      </Cell>
      <Cell>{storageText(r)}</Cell>
      <Cell>
        <VerdictBadge verdict={verdict} />
        <VerdictReasons reasons={reasons} />
      </Cell>
    </Row>
  );
}

export function DatabaseTable(props: { databases: DatabaseHealth[] }) {
  return (
    <ReportTable label="Databases">
      <TableHeader>
        <Column isRowHeader>Database</Column>
        <Column>Status</Column>
        <Column>Engine</Column>
        <Column>Multi-AZ</Column>
        <Column>Encrypted</Column>
        <Column className={reportCell.numeric}>Backups</Column>
        <Column className={reportCell.numeric}>CPU</Column>
        <Column className={reportCell.numeric}>Connections</Column>
        <Column className={reportCell.numeric}>Replica lag</Column>
        <Column>Storage</Column>
        <Column>Verdict</Column>
      </TableHeader>
      <TableBody>
        {sortDatabases(props.databases).map(d => (
          <DatabaseRow key={d.record.arn} database={d} />
        ))}
      </TableBody>
    </ReportTable>
  );
}

export function DatabaseEvents(props: { databases: DatabaseHealth[] }) {
  const events = recentEvents(props.databases);
  if (events.length === 0) return null;
  return (
    <Flex
      direction="column"
      gap="2"
      mt="4"
      role="region"
      aria-label="Recent database events"
    >
      <Text as="h3" variant="body-medium" weight="bold">
        Recent events
      </Text>
      <ReportTable label="Recent events">
        <TableHeader>
          <Column>When</Column>
          <Column isRowHeader>Database</Column>
          <Column>Event</Column>
        </TableHeader>
        <TableBody>
          {events.map(e => {
            const id = `${e.identifier}/${e.at}/${e.message}`;
            return (
              <Row key={id} id={id}>
                <Cell className={reportCell.nowrap}>
                  <Text color="secondary">{formatDateTime(e.at)}</Text>
                </Cell>
                <Cell className={reportCell.nowrap}>
                  <Text weight="bold">{e.identifier}</Text>
                </Cell>
                <Cell>{e.message}</Cell>
              </Row>
            );
          })}
        </TableBody>
      </ReportTable>
    </Flex>
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
        <Box>
          <DatabaseTable databases={databases} />
          <DatabaseEvents databases={databases} />
        </Box>
      )}
    </SectionCard>
  );
}
