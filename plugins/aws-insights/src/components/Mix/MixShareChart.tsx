import {
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { MixRow, mixShareBars } from '../../viewModel/mix';
import { useChartTheme, useMixFills } from '../charts/chartTheme';

/** Share of each Spot/On-Demand x arm64/x86 cell, by nodes, vCPU and $/hour (100 % bars). */
export function MixShareChart(props: { rows: MixRow[] }) {
  const chart = useChartTheme();
  const { defs, fill } = useMixFills();
  const data = mixShareBars(props.rows);
  return (
    <ResponsiveContainer width="100%" height={170}>
      <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
        {defs}
        <CartesianGrid stroke={chart.grid} horizontal={false} />
        <XAxis
          type="number"
          domain={[0, 100]}
          tick={chart.tick}
          stroke={chart.grid}
          tickFormatter={(v: number) => `${v} %`}
        />
        <YAxis
          type="category"
          dataKey="basis"
          tick={chart.tick}
          stroke={chart.grid}
          width={56}
        />
        <Tooltip
          {...chart.tooltip}
          formatter={(value, name) => [`${Number(value).toFixed(1)} %`, name]}
        />
        {props.rows.map(row => (
          <Bar
            key={row.key}
            dataKey={row.key}
            name={row.label}
            stackId="share"
            fill={fill(row.key)}
            stroke={row.color}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
