import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { environmentCreateProdPermission } from '@platform-portal/platform-common';
import { PRODUCTION_TIER, PROD_TIER_DENIED_REASON } from '../../rules';
import { PlatformTierPicker } from './PlatformTierPicker';

/**
 * Asks the permission API again on "Next", so a prod tier that arrived without the picker
 * (e.g. `?formData=` in the URL) stops in the form too; the scaffolder actions decide in the end.
 */
export const validatePlatformTier: CustomFieldValidator<
  string | undefined
> = async (tier, validation, { apiHolder }) => {
  if (tier !== PRODUCTION_TIER) return;
  const permissionApi = apiHolder.get(permissionApiRef);
  if (!permissionApi) return;
  const { result } = await permissionApi.authorize({
    permission: environmentCreateProdPermission,
  });
  if (result !== AuthorizeResult.ALLOW) {
    validation.addError(PROD_TIER_DENIED_REASON);
  }
};

/** `ui:field: PlatformTierPicker` */
export const platformTierPickerField = createFormField({
  name: 'PlatformTierPicker',
  component: PlatformTierPicker,
  validation: validatePlatformTier,
});
