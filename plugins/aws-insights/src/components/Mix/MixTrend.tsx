import { useState } from 'react';
import { Box, Grid, Typography } from '@material-ui/core';
import Skeleton from '@material-ui/lab/Skeleton';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
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

/** vCPU by mix cell and monthly cost vs all On-Demand x86 over 7 or 30 days (history API). */
export function MixTrend(props: { scope: string; note?: string }) {
  const api = useApi(awsInsightsApiRef);
  const chart = useChartTheme();
  const { defs, fill } = useMixFills();
  const [days, setDays] = useState<7 | 30>(7);
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
    body = (
      <Skeleton variant="rect" height={200} data-testid="trend-skeleton" />
    );
  } else if (points.length < 2) {
    body = (
      <Typography variant="body2" color="textSecondary">
        Not enough history yet: the trend fills in with every refresh.
      </Typography>
    );
  } else {
    body = (
      <Grid container spacing={2}>
        <Grid item xs={12} md={6}>
          <Typography variant="caption" color="textSecondary">
            vCPU by lifecycle and architecture
          </Typography>
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
        </Grid>
        <Grid item xs={12} md={6}>
          <Typography variant="caption" color="textSecondary">
            Compute $/month vs all On-Demand x86
          </Typography>
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
        </Grid>
      </Grid>
    );
  }

  return (
    <Box aria-label="Spot/Graviton trend" role="region">
      <Box
        display="flex"
        alignItems="center"
        justifyContent="space-between"
        mb={1}
      >
        <Typography variant="subtitle2" component="h3">
          Trend{props.note ? ` (${props.note})` : ''}
        </Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={days}
          onChange={(_e, value) => value && setDays(value)}
          aria-label="Trend period"
        >
          <ToggleButton
            value={7}
            aria-label="7 days"
            style={{ textTransform: 'none' }}
          >
            7d
          </ToggleButton>
          <ToggleButton
            value={30}
            aria-label="30 days"
            style={{ textTransform: 'none' }}
          >
            30d
          </ToggleButton>
        </ToggleButtonGroup>
      </Box>
      {body}
    </Box>
  );
}
