import {
  Area,
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatCompact, formatCount, formatDateTime } from '../../format';
import { WafHours, WafTrafficPoint } from '../../viewModel/waf';
import { timeTick, useChartTheme } from '../charts/chartTheme';

/** Allowed (left axis) vs blocked (right axis) requests: blocks are far fewer, so two scales. */
export function WafTrafficChart(props: {
  points: WafTrafficPoint[];
  hours: WafHours;
}) {
  const chart = useChartTheme();
  return (
    <ResponsiveContainer width="100%" height={220}>
      <ComposedChart data={props.points} margin={{ right: 8 }}>
        <CartesianGrid stroke={chart.grid} vertical={false} />
        <XAxis
          dataKey="at"
          type="number"
          scale="time"
          domain={['dataMin', 'dataMax']}
          tickFormatter={timeTick(props.hours)}
          tick={chart.tick}
          stroke={chart.grid}
        />
        <YAxis
          yAxisId="allowed"
          tick={chart.tick}
          stroke={chart.grid}
          width={48}
          tickFormatter={formatCompact}
        />
        <YAxis
          yAxisId="blocked"
          orientation="right"
          tick={chart.tick}
          stroke={chart.grid}
          width={48}
          tickFormatter={formatCompact}
        />
        <Tooltip
          {...chart.tooltip}
          labelFormatter={at =>
            formatDateTime(new Date(Number(at)).toISOString())
          }
          formatter={(v, name) => [formatCount(Number(v)), name]}
        />
        <Legend wrapperStyle={{ fontSize: 12, color: chart.text }} />
        <Area
          yAxisId="allowed"
          dataKey="allowed"
          name="Allowed (left axis)"
          type="monotone"
          stroke={chart.allowed}
          fill={chart.allowed}
          fillOpacity={0.2}
          isAnimationActive={false}
        />
        <Line
          yAxisId="blocked"
          dataKey="blocked"
          name="Blocked (right axis)"
          type="monotone"
          stroke={chart.blocked}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}

/** Blocked requests per rule over the window. */
export function WafRulesChart(props: {
  rules: Array<{ rule: string; blocked: number }>;
}) {
  const chart = useChartTheme();
  return (
    <ResponsiveContainer
      width="100%"
      height={Math.max(120, props.rules.length * 36 + 40)}
    >
      <BarChart
        data={props.rules}
        layout="vertical"
        margin={{ left: 8, right: 56 }}
      >
        <CartesianGrid stroke={chart.grid} horizontal={false} />
        <XAxis
          type="number"
          tick={chart.tick}
          stroke={chart.grid}
          tickFormatter={formatCompact}
        />
        <YAxis
          type="category"
          dataKey="rule"
          tick={chart.tick}
          stroke={chart.grid}
          width={200}
          tickFormatter={(r: string) =>
            r.replace(/^AWS-AWSManagedRules/, 'AWS ')
          }
        />
        <Tooltip
          {...chart.tooltip}
          formatter={v => [formatCount(Number(v)), 'Blocked']}
        />
        <Bar
          dataKey="blocked"
          name="Blocked"
          fill={chart.blocked}
          isAnimationActive={false}
          label={{
            position: 'right',
            fill: chart.text,
            fontSize: 12,
            formatter: (v: unknown) => formatCount(Number(v)),
          }}
        />
      </BarChart>
    </ResponsiveContainer>
  );
}
