import { Tooltip, Typography } from '@material-ui/core';
import { formatFreshness } from '../../format';
import { useFreshness } from '../../hooks/useFreshness';
import { RefreshTimes } from '../../viewModel/freshness';

/** Hover text: when the oldest data was read and, if later, when the refresh ran. */
export function freshnessTitle(times: RefreshTimes) {
  const data = new Date(times.dataAsOf).toLocaleString();
  return times.dataAsOf === times.generatedAt
    ? data
    : `oldest data read ${data}; last refresh ${new Date(
        times.generatedAt,
      ).toLocaleString()}`;
}

/** "data from 09:00, 12 min old" (its oldest data), with the exact times on hover. */
export function FreshnessStamp(
  props: RefreshTimes & { color?: 'inherit' | 'textSecondary' },
) {
  const { ageSeconds, stale } = useFreshness(props);
  return (
    <Tooltip title={freshnessTitle(props)}>
      <Typography
        variant="body2"
        component="span"
        color={props.color ?? 'inherit'}
        aria-label="Data freshness"
      >
        {formatFreshness(props.dataAsOf, ageSeconds)}
        {stale ? ' (stale)' : ''}
      </Typography>
    </Tooltip>
  );
}
