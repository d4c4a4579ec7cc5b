import { Chip, makeStyles } from '@material-ui/core';
import CheckCircle from '@material-ui/icons/CheckCircle';
import Error from '@material-ui/icons/Error';
import Warning from '@material-ui/icons/Warning';
import { successText } from '../charts/chartTheme';
import { HealthVerdict } from '@platform-portal/plugin-aws-insights-common';

const useStyles = makeStyles(theme => ({
  healthy: {
    color: successText(theme),
    borderColor: theme.palette.success.main,
  },
  warning: {
    color: theme.palette.warning.main,
    borderColor: theme.palette.warning.main,
  },
  critical: {
    color: theme.palette.error.main,
    borderColor: theme.palette.error.main,
  },
}));

const ICONS = { healthy: CheckCircle, warning: Warning, critical: Error };

/** The verdict with an icon and a word, never colour alone. */
export function VerdictChip(props: { verdict: HealthVerdict }) {
  const classes = useStyles();
  const Icon = ICONS[props.verdict];
  return (
    <Chip
      size="small"
      variant="outlined"
      className={classes[props.verdict]}
      icon={<Icon className={classes[props.verdict]} fontSize="small" />}
      label={props.verdict}
    />
  );
}
