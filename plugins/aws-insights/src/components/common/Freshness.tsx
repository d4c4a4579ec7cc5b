import { Tooltip, Typography } from '@material-ui/core';
import { formatFreshness } from '../../format';
import { useFreshness } from '../../hooks/useFreshness';
import { RefreshTimes } from '../../viewModel/freshness';

/** "data from 09:00, 12 min old", with the exact time on hover. */
export function FreshnessStamp(
  props: RefreshTimes & { color?: 'inherit' | 'textSecondary' },
) {
  const { ageSeconds, stale } = useFreshness(props);
  return (
    <Tooltip title={new Date(props.generatedAt).toLocaleString()}>
      <Typography
        variant="body2"
        component="span"
        color={props.color ?? 'inherit'}
        aria-label="Data freshness"
      >
        {formatFreshness(props.generatedAt, ageSeconds)}
        {stale ? ' (stale)' : ''}
      </Typography>
    </Tooltip>
  );
}
