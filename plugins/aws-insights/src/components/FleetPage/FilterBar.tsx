import {
  Button,
  makeStyles,
  MenuItem,
  Paper,
  TextField,
} from '@material-ui/core';
import { FleetFilter } from '@platform-portal/plugin-aws-insights-common';
import { FilterOptions } from '../../viewModel/filter';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    padding: theme.spacing(1.5, 2),
    marginBottom: theme.spacing(2),
  },
  field: { minWidth: 200 },
}));

const FIELDS: Array<{
  key: keyof FleetFilter;
  label: string;
  all: string;
  options: keyof FilterOptions;
}> = [
  {
    key: 'accountId',
    label: 'Account',
    all: 'All accounts',
    options: 'accounts',
  },
  {
    key: 'environment',
    label: 'Environment',
    all: 'All environments',
    options: 'environments',
  },
  { key: 'region', label: 'Region', all: 'All regions', options: 'regions' },
];

/** Account, environment and region: every change is one GET /fleet with the filter. */
export function FilterBar(props: {
  filter: FleetFilter;
  options: FilterOptions;
  accountLabels?: Record<string, string>;
  onChange: (filter: FleetFilter) => void;
}) {
  const classes = useStyles();
  const active = Object.values(props.filter).some(Boolean);
  return (
    <Paper
      variant="outlined"
      className={classes.bar}
      role="search"
      aria-label="Filter"
    >
      {FIELDS.map(field => (
        <TextField
          key={field.key}
          select
          size="small"
          variant="outlined"
          className={classes.field}
          label={field.label}
          id={`aws-insights-filter-${field.key}`}
          value={props.filter[field.key] ?? ''}
          onChange={e =>
            props.onChange({
              ...props.filter,
              [field.key]: e.target.value || undefined,
            })
          }
          SelectProps={{ displayEmpty: true }}
          InputLabelProps={{ shrink: true }}
        >
          <MenuItem value="">{field.all}</MenuItem>
          {props.options[field.options].map(value => (
            <MenuItem key={value} value={value}>
              {field.key === 'accountId' && props.accountLabels?.[value]
                ? `${props.accountLabels[value]} (${value})`
                : value}
            </MenuItem>
          ))}
        </TextField>
      ))}
      {active && (
        <Button size="small" onClick={() => props.onChange({})}>
          Clear filters
        </Button>
      )}
    </Paper>
  );
}
