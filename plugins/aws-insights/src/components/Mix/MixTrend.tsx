import { useState } from 'react';
import {
  Flex,
  Grid,
  Skeleton,
  Text,
  ToggleButton,
  ToggleButtonGroup,
} from '@backstage/ui';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { awsInsightsApiRef } from '../../api';
import { formatDateTime, formatUsd } from '../../format';
import { useAsync } from '../../hooks/useAsync';
import { MIX_CELLS, trendSeries } from '../../viewModel/mix';
import {
  dayTicks,
  timeTick,
  useChartTheme,
  useMixFills,
} from '../charts/chartTheme';
import { SectionError } from '../common/StatusAlerts';

const dollars = (v: number) => `$${Math.round(v).toLocaleString('en-US')}`;

const PERIODS = [
  { days: 7, label: '7d', name: '7 days' },
  { days: 30, label: '30d', name: '30 days' },
] as const;
type Days = (typeof PERIODS)[number]['days'];

/** vCPU by mix cell and monthly cost vs all On-Demand x86 over 7 or 30 days (history API). */
export function MixTrend(props: { scope: string; note?: string }) {
  const api = useApi(awsInsightsApiRef);
  const chart = useChartTheme();
  const { defs, fill } = useMixFills();
  const [days, setDays] = useState<Days>(7);
  const history = useAsync(
    () => api.getHistory(props.scope, days),
    [api, props.scope, days],
  );
  const points = history.value ? trendSeries(history.value.points) : [];
  const tick = timeTick(days * 24);
  const ticks = dayTicks(points, days === 7 ? 7 : 6);

  let body;
  if (history.error) {
    body = (
      <SectionError
        what="the Spot/Graviton trend (history API)"
        error={history.error}
        onRetry={history.retry}
      />
    );
  } else if (history.loading && !history.value) {
    body = <Skeleton width="100%" height={200} data-testid="trend-skeleton" />;
  } else if (points.length < 2) {
    body = (
      <Text as="p" color="secondary">
        Not enough history yet: the trend fills in with every refresh.
      </Text>
    );
  } else {
    body = (
      <Grid.Root columns={{ initial: '1', md: '2' }} gap="4">
        <Grid.Item>
          <Text as="div" variant="body-small" color="secondary">
            vCPU by lifecycle and architecture
          </Text>
          <ResponsiveContainer width="100%" height={200}>
            <AreaChart data={points} margin={{ right: 8 }}>
              {defs}
              <CartesianGrid stroke={chart.grid} vertical={false} />
              <XAxis
                dataKey="at"
                type="number"
                scale="time"
                domain={['dataMin', 'dataMax']}
                ticks={ticks}
                tickFormatter={tick}
                tick={chart.tick}
                stroke={chart.grid}
              />
              <YAxis tick={chart.tick} stroke={chart.grid} width={40} />
              <Tooltip
                {...chart.tooltip}
                labelFormatter={at =>
                  formatDateTime(new Date(Number(at)).toISOString())
                }
              />
              {MIX_CELLS.map(c => (
                <Area
                  key={c.key}
                  dataKey={c.key}
                  name={c.label}
                  stackId="vcpu"
                  type="monotone"
                  stroke={c.color}
                  fill={fill(c.key)}
                  fillOpacity={0.85}
                  isAnimationActive={false}
                />
              ))}
            </AreaChart>
          </ResponsiveContainer>
        </Grid.Item>
        <Grid.Item>
          <Text as="div" variant="body-small" color="secondary">
            Compute $/month vs all On-Demand x86
          </Text>
          <ResponsiveContainer width="100%" height={200}>
            <LineChart data={points} margin={{ right: 8 }}>
              <CartesianGrid stroke={chart.grid} vertical={false} />
              <XAxis
                dataKey="at"
                type="number"
                scale="time"
                domain={['dataMin', 'dataMax']}
                ticks={ticks}
                tickFormatter={tick}
                tick={chart.tick}
                stroke={chart.grid}
              />
              <YAxis
                tick={chart.tick}
                stroke={chart.grid}
                width={64}
                tickFormatter={dollars}
              />
              <Tooltip
                {...chart.tooltip}
                labelFormatter={at =>
                  formatDateTime(new Date(Number(at)).toISOString())
                }
                formatter={(v, name) => [formatUsd(Number(v)), name]}
              />
              <Legend wrapperStyle={{ fontSize: 12, color: chart.text }} />
              <Line
                dataKey="usdPerMonth"
                name="Actual"
                stroke={chart.cost}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
              <Line
                dataKey="allOnDemandX86UsdPerMonth"
                name="All On-Demand x86"
                stroke={chart.reference}
                strokeDasharray="5 4"
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </Grid.Item>
      </Grid.Root>
    );
  }

  return (
    <Flex
      direction="column"
      gap="2"
      aria-label="Spot/Graviton trend"
      role="region"
    >
      <Flex align="center" justify="between" gap="2">
        <Text as="h3" variant="body-medium" weight="bold">
          Trend{props.note ? ` (${props.note})` : ''}
        </Text>
        <ToggleButtonGroup
          selectionMode="single"
          disallowEmptySelection
          selectedKeys={[String(days)]}
          onSelectionChange={keys => {
            const picked = PERIODS.find(p => keys.has(String(p.days)));
            if (picked) setDays(picked.days);
          }}
          aria-label="Trend period"
        >
          {PERIODS.map(p => (
            <ToggleButton key={p.days} id={String(p.days)} aria-label={p.name}>
              {p.label}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </Flex>
      {body}
    </Flex>
  );
}
