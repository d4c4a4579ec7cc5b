import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { ScaffolderField } from '@backstage/plugin-scaffolder-react/alpha';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Autocomplete from '@material-ui/lab/Autocomplete';
import useAsync from 'react-use/esm/useAsync';
import { accountUnavailableReason } from '../../rules';

/** `ui:options` of the account picker. */
export interface PlatformAccountPickerUiOptions {
  /** The form field holding the environment's tier; `tier` when left out. */
  tierField?: string;
}

/** The fields the picker reads; the annotations carry the production-account mark. */
const ACCOUNT_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.type',
];

// A disabled option keeps full opacity so its reason stays legible; only the title is greyed.
const useStyles = makeStyles(theme => ({
  option: { '&[aria-disabled="true"]': { opacity: 1 } },
  unavailableTitle: { color: theme.palette.text.disabled },
}));

export const accountTitle = (account: Entity) =>
  account.metadata.title ?? account.metadata.name;

/** The tier the form holds right now, read from the field `ui:options.tierField` names. */
export function chosenTier(
  formData: unknown,
  tierField: string | undefined,
): string | undefined {
  const tier = (formData as Record<string, unknown> | undefined)?.[
    tierField ?? 'tier'
  ];
  return typeof tier === 'string' && tier ? tier : undefined;
}

/**
 * The target AWS account of an environment: every `aws-account` Resource in the catalog, the
 * ones the chosen tier may not use disabled with the reason (see accountUnavailableReason).
 * The value is the entity reference, as the environment actions take it.
 */
export function PlatformAccountPicker(
  props: FieldExtensionComponentProps<string, PlatformAccountPickerUiOptions>,
) {
  const {
    schema,
    uiSchema,
    formData,
    formContext,
    onChange,
    required,
    disabled,
    rawErrors = [],
    idSchema,
  } = props;
  const classes = useStyles();
  const catalogApi = useApi(catalogApiRef);
  const accounts = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Resource', 'spec.type': 'aws-account' },
      fields: ACCOUNT_FIELDS,
    });
    return [...items].sort((a, b) =>
      accountTitle(a).localeCompare(accountTitle(b)),
    );
  }, [catalogApi]);

  const tier = chosenTier(
    formContext?.formData,
    uiSchema['ui:options']?.tierField,
  );
  const options = accounts.value ?? [];
  const selected =
    options.find(account => stringifyEntityRef(account) === formData) ?? null;
  const selectedReason = selected
    ? accountUnavailableReason(tier, selected)
    : undefined;
  const helperText = accounts.error
    ? `Could not load the AWS accounts: ${accounts.error.message}`
    : selectedReason;

  return (
    <ScaffolderField
      rawErrors={rawErrors}
      rawDescription={uiSchema['ui:description'] ?? schema.description}
      required={required}
      disabled={disabled}
    >
      <Autocomplete
        id={idSchema?.$id}
        options={options}
        value={selected}
        loading={accounts.loading}
        disabled={disabled}
        onChange={(_event, account) => {
          // A disabled option is only styled unclickable; never report it.
          if (account && accountUnavailableReason(tier, account)) return;
          onChange(account ? stringifyEntityRef(account) : undefined);
        }}
        getOptionLabel={accountTitle}
        getOptionSelected={(option, value) =>
          stringifyEntityRef(option) === stringifyEntityRef(value)
        }
        getOptionDisabled={account =>
          Boolean(accountUnavailableReason(tier, account))
        }
        classes={{ option: classes.option }}
        renderOption={account => {
          const reason = accountUnavailableReason(tier, account);
          return (
            <div>
              <Typography
                variant="body2"
                className={reason ? classes.unavailableTitle : undefined}
              >
                {accountTitle(account)}
              </Typography>
              {reason && (
                <Typography variant="caption" color="textSecondary">
                  {reason}
                </Typography>
              )}
            </div>
          );
        }}
        renderInput={params => (
          <TextField
            {...params}
            label={schema.title ?? 'AWS account'}
            margin="dense"
            variant="outlined"
            required={required}
            error={rawErrors.length > 0 || Boolean(helperText)}
            helperText={helperText}
          />
        )}
      />
    </ScaffolderField>
  );
}
