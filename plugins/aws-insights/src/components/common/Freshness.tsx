import { Tooltip, Typography } from '@material-ui/core';
import { formatFreshness } from '../../format';

/** "data from 09:00, 12 min old", with the exact time on hover. */
export function FreshnessStamp(props: {
  generatedAt: string;
  ageSeconds: number;
  stale: boolean;
  color?: 'inherit' | 'textSecondary';
}) {
  return (
    <Tooltip title={new Date(props.generatedAt).toLocaleString()}>
      <Typography
        variant="body2"
        component="span"
        color={props.color ?? 'inherit'}
        aria-label="Data freshness"
      >
        {formatFreshness(props.generatedAt, props.ageSeconds)}
        {props.stale ? ' (stale)' : ''}
      </Typography>
    </Tooltip>
  );
}
