import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { ScaffolderField } from '@backstage/plugin-scaffolder-react/alpha';
import { usePermission } from '@backstage/plugin-permission-react';
import { environmentCreateProdPermission } from '@platform-portal/platform-common';
import { tierUnavailableReason } from '../../rules';

// A disabled item keeps full opacity so its reason stays legible; only the tier name is greyed.
const useStyles = makeStyles(theme => ({
  unavailable: { '&.Mui-disabled': { opacity: 1 } },
  unavailableTier: { color: theme.palette.text.disabled },
  reason: { color: theme.palette.text.secondary },
}));

/** Used when the template's `enum` names no tiers. */
const DEFAULT_TIERS = ['dev', 'staging', 'prod'];

/**
 * The tier of an environment: the template's `enum`, with prod disabled and its reason shown
 * unless the permission policy grants environmentCreateProdPermission, the decision
 * platform:environment:plan and platform:iac:publish ask for as well.
 */
export function PlatformTierPicker(
  props: FieldExtensionComponentProps<string>,
) {
  const {
    schema,
    uiSchema,
    formData,
    onChange,
    required,
    disabled,
    rawErrors = [],
    idSchema,
  } = props;
  const classes = useStyles();
  const prodPermission = usePermission({
    permission: environmentCreateProdPermission,
  });
  const tiers = (schema.enum ?? DEFAULT_TIERS).filter(
    (tier): tier is string => typeof tier === 'string',
  );
  return (
    <ScaffolderField
      rawErrors={rawErrors}
      rawDescription={uiSchema['ui:description'] ?? schema.description}
      required={required}
      disabled={disabled}
    >
      <TextField
        select
        id={idSchema?.$id}
        label={schema.title ?? 'Tier'}
        value={formData ?? ''}
        onChange={event => {
          const tier = event.target.value as string;
          // A disabled item is only styled unclickable; never report it.
          if (!tierUnavailableReason(tier, prodPermission)) onChange(tier);
        }}
        required={required}
        disabled={disabled}
        error={rawErrors.length > 0}
        SelectProps={{ renderValue: value => String(value) }}
      >
        {tiers.map(tier => {
          const reason = tierUnavailableReason(tier, prodPermission);
          return (
            <MenuItem
              key={tier}
              value={tier}
              disabled={Boolean(reason)}
              className={reason ? classes.unavailable : undefined}
            >
              <ListItemText
                primary={tier}
                secondary={reason}
                classes={{
                  primary: reason ? classes.unavailableTier : undefined,
                  secondary: classes.reason,
                }}
              />
            </MenuItem>
          );
        })}
      </TextField>
    </ScaffolderField>
  );
}
