import { Box, Button, Flex, Select } from '@backstage/ui';
import { FleetFilter } from '@platform-portal/plugin-aws-insights-common';
import { FilterOptions } from '../../viewModel/filter';

/** The option that clears one field (a Select needs a key for "no filter"). */
const ALL = '*';

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
  const active = Object.values(props.filter).some(Boolean);
  const optionLabel = (field: keyof FleetFilter, value: string) =>
    field === 'accountId' && props.accountLabels?.[value]
      ? `${props.accountLabels[value]} (${value})`
      : value;
  return (
    <Box bg="neutral" px="4" py="3" mb="4" role="search" aria-label="Filter">
      <Flex align="end" gap="4" style={{ flexWrap: 'wrap' }}>
        {FIELDS.map(field => (
          <Select
            key={field.key}
            id={`aws-insights-filter-${field.key}`}
            label={field.label}
            selectionMode="single"
            style={{ minWidth: 220 }}
            options={[
              { id: ALL, label: field.all },
              ...props.options[field.options].map(value => ({
                id: value,
                label: optionLabel(field.key, value),
              })),
            ]}
            value={props.filter[field.key] ?? ALL}
            onChange={key =>
              props.onChange({
                ...props.filter,
                [field.key]:
                  key === ALL || key === null ? undefined : String(key),
              })
            }
          />
        ))}
        {active && (
          <Button variant="secondary" onPress={() => props.onChange({})}>
            Clear filters
          </Button>
        )}
      </Flex>
    </Box>
  );
}
