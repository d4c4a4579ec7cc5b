import {
  Alert,
  Badge,
  Cell,
  Column,
  Flex,
  Row,
  TableBody,
  TableHeader,
  Text,
} from '@backstage/ui';
import {
  CapacitySummary,
  ClusterCapacity,
  FleetResponse,
} from '@platform-portal/plugin-aws-insights-common';
import { formatGiB, formatVcpu } from '../../format';
import { failedSources } from '../../viewModel/sources';
import { ReportTable, reportCell } from '../common/ReportTable';
import { EmptySection, SourceWarnings } from '../common/StatusAlerts';
import { SectionCard } from '../common/SectionCard';
import { HeadroomBar } from './HeadroomBar';

/** Pools have no flag of their own: the backend's default threshold. */
const LOW_HEADROOM_PERCENT = 15;

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

function InstanceTypeBadges(props: { summary: CapacitySummary }) {
  return (
    <Flex
      gap="1"
      role="list"
      aria-label="Nodes by instance type"
      style={{ flexWrap: 'wrap' }}
    >
      {props.summary.byInstanceType.map(t => (
        <Badge key={t.instanceType} size="medium" role="listitem">
          {`${t.count} × ${t.instanceType}`}
        </Badge>
      ))}
    </Flex>
  );
}

function CapacityRow(props: {
  id: string;
  name: string;
  summary: CapacitySummary;
  low: boolean;
  bold?: boolean;
}) {
  const { summary } = props;
  return (
    <Row id={props.id}>
      <Cell>
        <Text
          as="div"
          variant="body-medium"
          weight={props.bold ? 'bold' : 'regular'}
          className={reportCell.nowrap}
        >
          {props.name}
        </Text>
        {!props.bold && (
          <Text as="div" variant="body-small" color="secondary">
            {instanceTypesText(summary)}
          </Text>
        )}
      </Cell>
      <Cell className={reportCell.numeric}>{summary.nodes}</Cell>
      <Cell className={reportCell.numeric}>
        {requested(summary.requestedVcpu, String(summary.vcpu))}
      </Cell>
      <Cell className={reportCell.numeric}>
        {summary.requestedMemoryGiB === undefined
          ? `${formatGiB(summary.memoryGiB)} / unknown`
          : `${formatGiB(summary.memoryGiB)} / ${formatGiB(
              summary.requestedMemoryGiB,
            )}`}
      </Cell>
      <Cell>
        <HeadroomBar
          provisionedVcpu={summary.vcpu}
          requestedVcpu={summary.requestedVcpu}
          headroomPercent={summary.headroomPercent}
          low={props.low}
        />
      </Cell>
    </Row>
  );
}

/** One cluster: its totals, then a row per node pool. */
export function ClusterCapacityView(props: { cluster: ClusterCapacity }) {
  const { cluster: c } = props;
  return (
    <Flex
      direction="column"
      gap="2"
      aria-label={`Cluster ${c.cluster}`}
      role="group"
    >
      <Flex align="center" gap="2" style={{ flexWrap: 'wrap' }}>
        <Text as="h3" variant="body-large" weight="bold">
          {c.cluster}
        </Text>
        {c.environment && <Badge size="medium">{c.environment}</Badge>}
        <Text variant="body-small" color="secondary">
          {c.region} · account {c.accountId} · Kubernetes {c.version} ·{' '}
          {c.status}
        </Text>
      </Flex>
      {c.lowHeadroom && (
        <Alert
          status="warning"
          icon
          title={`Low headroom: only ${c.headroomPercent?.toFixed(
            1,
          )} % of CPU is not requested. Add capacity or raise the node pool limits.`}
        />
      )}
      {!c.requestsKnown && (
        <Alert
          status="info"
          icon
          title={`Requests unknown: enable Container Insights on ${c.cluster} to see requested CPU and memory and the headroom.`}
        />
      )}
      {c.healthIssues.map(issue => (
        <Alert
          key={issue.code}
          status="danger"
          icon
          title={`${issue.code}: ${issue.message}`}
        />
      ))}
      <InstanceTypeBadges summary={c} />
      <ReportTable label={`Node pools of ${c.cluster}`}>
        <TableHeader>
          <Column isRowHeader>Node pool</Column>
          <Column className={reportCell.numeric}>Nodes</Column>
          <Column className={reportCell.numeric}>vCPU prov. / req.</Column>
          <Column className={reportCell.numeric}>Memory prov. / req.</Column>
          <Column>CPU headroom</Column>
        </TableHeader>
        <TableBody>
          <CapacityRow
            id="all"
            name="All pools"
            summary={c}
            low={c.lowHeadroom}
            bold
          />
          {c.pools.map(p => (
            <CapacityRow
              key={p.pool}
              id={`pool/${p.pool}`}
              name={`${p.pool} (${p.kind})`}
              summary={p}
              low={
                p.headroomPercent !== undefined &&
                p.headroomPercent < LOW_HEADROOM_PERCENT
              }
            />
          ))}
        </TableBody>
      </ReportTable>
    </Flex>
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
        <Flex direction="column" gap="6">
          {fleet.clusters.map(c => (
            <ClusterCapacityView key={c.arn} cluster={c} />
          ))}
        </Flex>
      )}
    </SectionCard>
  );
}
