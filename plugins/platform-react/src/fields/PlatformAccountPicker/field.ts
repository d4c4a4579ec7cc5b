import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { accountUnavailableReason } from '../../rules';
import {
  chosenTier,
  PlatformAccountPicker,
  PlatformAccountPickerUiOptions,
} from './PlatformAccountPicker';

/**
 * Looks the account up again on "Next", so a tier changed after the account was picked (or a
 * value from `?formData=`) stops in the form; the scaffolder actions decide in the end.
 */
export const validatePlatformAccount: CustomFieldValidator<
  string | undefined,
  PlatformAccountPickerUiOptions
> = async (ref, validation, { apiHolder, formData, uiSchema }) => {
  if (!ref) return;
  const catalogApi = apiHolder.get(catalogApiRef);
  if (!catalogApi) return;
  const account = await catalogApi.getEntityByRef(ref);
  if (account?.kind !== 'Resource' || account.spec?.type !== 'aws-account') {
    validation.addError(`${ref} is not an aws-account in the catalog`);
    return;
  }
  const reason = accountUnavailableReason(
    chosenTier(formData, uiSchema?.['ui:options']?.tierField),
    account,
  );
  if (reason) validation.addError(reason);
};

/** `ui:field: PlatformAccountPicker` */
export const platformAccountPickerField = createFormField({
  name: 'PlatformAccountPicker',
  component: PlatformAccountPicker,
  validation: validatePlatformAccount,
});
