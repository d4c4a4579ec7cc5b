import { useId } from 'react';
import { useTheme } from '@material-ui/core';
import { MIX_CELLS } from '../../viewModel/mix';

/** Axis, grid and tooltip colours from the Backstage theme, so charts work light and dark. */
export function useChartTheme() {
  const theme = useTheme();
  return {
    text: theme.palette.text.secondary,
    grid: theme.palette.divider,
    tick: { fill: theme.palette.text.secondary, fontSize: 12 },
    tooltip: {
      contentStyle: {
        background: theme.palette.background.paper,
        border: `1px solid ${theme.palette.divider}`,
        color: theme.palette.text.primary,
        fontSize: 12,
      },
      labelStyle: { color: theme.palette.text.primary, fontWeight: 600 },
      itemStyle: { color: theme.palette.text.primary },
    },
    allowed: theme.palette.type === 'dark' ? '#56B4E9' : '#0072B2',
    blocked: '#D55E00',
    savings: '#009E73',
    cost: theme.palette.type === 'dark' ? '#F0E442' : '#0072B2',
    reference: theme.palette.text.secondary,
  };
}

/**
 * SVG patterns for the mix cells: hatched On-Demand fills so the split reads without colour.
 * Returns the defs element and a fill lookup (ids are unique per chart instance).
 */
export function useMixFills() {
  const prefix = useId().replace(/:/g, '');
  const defs = (
    <defs>
      {MIX_CELLS.filter(c => c.hatched).map(c => (
        <pattern
          key={c.key}
          id={`${prefix}-${c.key}`}
          patternUnits="userSpaceOnUse"
          width={6}
          height={6}
          patternTransform="rotate(45)"
        >
          <rect width={6} height={6} fill={c.color} />
          <line
            x1={0}
            y1={0}
            x2={0}
            y2={6}
            stroke="#000"
            strokeOpacity={0.35}
            strokeWidth={2}
          />
        </pattern>
      ))}
    </defs>
  );
  const fill = (key: string) => {
    const cell = MIX_CELLS.find(c => c.key === key)!;
    return cell.hatched ? `url(#${prefix}-${key})` : cell.color;
  };
  return { defs, fill };
}

/** Local midnights between the first and last point, at most `max` of them, evenly spaced. */
export function dayTicks(points: Array<{ at: number }>, max = 8): number[] {
  if (points.length === 0) return [];
  const first = new Date(points[0].at);
  const last = points[points.length - 1].at;
  const start = new Date(
    first.getFullYear(),
    first.getMonth(),
    first.getDate() + 1,
  );
  const days = Math.max(1, Math.round((last - start.getTime()) / 86_400_000));
  const step = Math.max(1, Math.ceil(days / max));
  const ticks: number[] = [];
  for (
    let d = new Date(start);
    d.getTime() <= last;
    d.setDate(d.getDate() + step)
  ) {
    ticks.push(d.getTime());
  }
  return ticks;
}

export function timeTick(hours: number) {
  return (at: number) => {
    const d = new Date(at);
    const hh = String(d.getHours()).padStart(2, '0');
    const mm = String(d.getMinutes()).padStart(2, '0');
    if (hours <= 24) return `${hh}:${mm}`;
    return `${d.getDate()} ${d.toLocaleString('en-GB', { month: 'short' })}`;
  };
}
