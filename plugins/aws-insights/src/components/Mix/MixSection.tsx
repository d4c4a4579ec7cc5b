import {
  Alert,
  Box,
  Cell,
  Column,
  Flex,
  Grid,
  Row,
  TableBody,
  TableHeader,
  Text,
} from '@backstage/ui';
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
import { ReportTable, reportCell } from '../common/ReportTable';
import { SectionCard } from '../common/SectionCard';
import { EmptySection, SourceWarnings } from '../common/StatusAlerts';
import { MixShareChart } from './MixShareChart';
import { MixTrend } from './MixTrend';
import styles from './MixSection.module.css';

function MoneyFigure(props: {
  label: string;
  value: string;
  savings?: boolean;
}) {
  return (
    <div role="group" aria-label={props.label}>
      <Text as="div" variant="body-small" color="secondary">
        {props.label}
      </Text>
      <Text
        as="div"
        variant="title-x-small"
        weight="bold"
        color={props.savings ? 'success' : 'primary'}
        className={styles.figure}
      >
        {props.value}
      </Text>
    </div>
  );
}

export function MoneySummary({ mix }: { mix: MixSummary }) {
  return (
    <Grid.Root columns="3" gap="4" mb="4">
      <MoneyFigure label="Monthly cost" value={formatUsd(mix.usdPerMonth)} />
      <MoneyFigure
        label="All On-Demand x86"
        value={formatUsd(mix.onDemandX86UsdPerHour * HOURS_PER_MONTH)}
      />
      <MoneyFigure
        label="Savings per month"
        value={`${formatUsd(mix.savingsUsdPerMonth)} (${formatPercent(
          mix.savingsPercent,
        )})`}
        savings
      />
    </Grid.Root>
  );
}

export function MixTable({ mix }: { mix: MixSummary }) {
  return (
    <ReportTable label="Spot/Graviton mix">
      <TableHeader>
        <Column isRowHeader>Lifecycle · architecture</Column>
        <Column className={reportCell.numeric}>Nodes</Column>
        <Column className={reportCell.numeric}>vCPU</Column>
        <Column className={reportCell.numeric}>Share of vCPU</Column>
        <Column className={reportCell.numeric}>$/hour</Column>
        <Column className={reportCell.numeric}>$/month</Column>
      </TableHeader>
      <TableBody>
        {mixRows(mix).map(r => (
          <Row key={r.key} id={r.key}>
            <Cell className={reportCell.nowrap}>
              <Flex align="center" gap="2">
                <span
                  className={`${styles.swatch} ${
                    r.hatched ? styles.hatched : ''
                  }`}
                  style={{ backgroundColor: r.color }}
                  aria-hidden
                />
                {r.label}
              </Flex>
            </Cell>
            <Cell className={reportCell.numeric}>{formatCount(r.count)}</Cell>
            <Cell className={reportCell.numeric}>{formatCount(r.vcpu)}</Cell>
            <Cell className={reportCell.numeric}>
              {formatShare(r.vcpuShare)}
            </Cell>
            <Cell className={reportCell.numeric}>
              {formatUsd(r.usdPerHour)}
            </Cell>
            <Cell className={reportCell.numeric}>
              {formatUsd(r.usdPerMonth)}
            </Cell>
          </Row>
        ))}
      </TableBody>
    </ReportTable>
  );
}

export function GravitonCandidates(props: { candidates: GravitonCandidate[] }) {
  const total = props.candidates.reduce((s, c) => s + c.savingsUsdPerMonth, 0);
  if (props.candidates.length === 0) {
    return (
      <Text as="p" color="secondary">
        No Graviton candidates: every x86 pool either runs arm64 already or has
        no arm64 equivalent.
      </Text>
    );
  }
  return (
    <Flex
      direction="column"
      gap="2"
      role="region"
      aria-label="Graviton candidates"
    >
      <Text as="h3" variant="body-medium" weight="bold">
        Graviton candidates: save {formatUsd(total)}/month by moving these x86
        pools to arm64
      </Text>
      <ReportTable label="Graviton candidates table">
        <TableHeader>
          <Column isRowHeader>Cluster / pool</Column>
          <Column>Instance type</Column>
          <Column className={reportCell.numeric}>Nodes</Column>
          <Column className={reportCell.numeric}>Now $/month</Column>
          <Column className={reportCell.numeric}>arm64 $/month</Column>
          <Column className={reportCell.numeric}>Saving/month</Column>
        </TableHeader>
        <TableBody>
          {props.candidates.map(c => {
            const id = `${c.cluster}/${c.pool}/${c.instanceType}`;
            return (
              <Row key={id} id={id}>
                <Cell>
                  {c.cluster} / {c.pool}
                </Cell>
                <Cell>
                  {c.instanceType} → {c.armInstanceType}
                </Cell>
                <Cell className={reportCell.numeric}>{c.count}</Cell>
                <Cell className={reportCell.numeric}>
                  {formatUsd(c.currentUsdPerMonth)}
                </Cell>
                <Cell className={reportCell.numeric}>
                  {formatUsd(c.armUsdPerMonth)}
                </Cell>
                <Cell className={reportCell.numeric}>
                  <Text color="success">{formatUsd(c.savingsUsdPerMonth)}</Text>
                </Cell>
              </Row>
            );
          })}
        </TableBody>
      </ReportTable>
    </Flex>
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
        <Flex direction="column" gap="6">
          <Box>
            <MoneySummary mix={mix} />
            {mix.unpricedInstanceTypes.length > 0 && (
              <Alert
                status="warning"
                icon
                mb="2"
                title={`No price known for ${mix.unpricedInstanceTypes.join(
                  ', ',
                )}: left out of the cost.`}
              />
            )}
            <Grid.Root columns={{ initial: '1', lg: '12' }} gap="4">
              <Grid.Item colSpan={{ initial: '1', lg: '5' }}>
                <MixShareChart rows={mixRows(mix)} />
              </Grid.Item>
              <Grid.Item colSpan={{ initial: '1', lg: '7' }}>
                <MixTable mix={mix} />
              </Grid.Item>
            </Grid.Root>
          </Box>
          <MixTrend scope={props.historyScope} note={props.historyNote} />
          <GravitonCandidates candidates={props.fleet.gravitonCandidates} />
        </Flex>
      )}
    </SectionCard>
  );
}
