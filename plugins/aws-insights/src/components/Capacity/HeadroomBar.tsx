import { Box, makeStyles, Tooltip, Typography } from '@material-ui/core';
import { formatPercent, formatVcpu } from '../../format';

const useStyles = makeStyles(theme => ({
  track: {
    position: 'relative',
    height: 10,
    borderRadius: 5,
    background: theme.palette.action.hover,
    overflow: 'hidden',
    minWidth: 120,
  },
  fill: { height: '100%', borderRadius: 5 },
  ok: { background: theme.palette.success.main },
  low: { background: theme.palette.error.main },
  unknown: {
    height: '100%',
    background: `repeating-linear-gradient(45deg, ${theme.palette.action.disabled} 0 4px, transparent 4px 8px)`,
  },
  caption: { fontSize: '0.75rem', color: theme.palette.text.secondary },
}));

/**
 * Requested vs provisioned CPU: the filled part is what pods reserve, the rest is headroom.
 * Unknown requests (no Container Insights) show a hatched bar rather than a guess.
 */
export function HeadroomBar(props: {
  provisionedVcpu: number;
  requestedVcpu?: number;
  headroomPercent?: number;
  low: boolean;
}) {
  const classes = useStyles();
  const { provisionedVcpu, requestedVcpu, headroomPercent, low } = props;
  if (requestedVcpu === undefined || headroomPercent === undefined) {
    return (
      <Box>
        <div className={classes.track} aria-label="CPU requests unknown">
          <div className={classes.unknown} />
        </div>
        <Typography className={classes.caption}>requests unknown</Typography>
      </Box>
    );
  }
  const used = Math.min(100, Math.max(0, 100 - headroomPercent));
  return (
    <Tooltip
      title={`${formatVcpu(requestedVcpu)} requested of ${formatVcpu(
        provisionedVcpu,
      )}`}
    >
      <Box>
        <div
          className={classes.track}
          role="meter"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(used)}
          aria-label={`CPU requested ${formatPercent(used)}`}
        >
          <div
            className={`${classes.fill} ${low ? classes.low : classes.ok}`}
            style={{ width: `${used}%` }}
          />
        </div>
        <Typography className={classes.caption}>
          {formatPercent(headroomPercent)} headroom
        </Typography>
      </Box>
    </Tooltip>
  );
}
