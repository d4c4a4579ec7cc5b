import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';

// The fields load with the scaffolder's form, not with the app's main chunk.

/** `scaffolder-form-field:scaffolder/platform-tier-picker` */
export const platformTierPickerFormField = FormFieldBlueprint.make({
  name: 'platform-tier-picker',
  params: {
    field: () =>
      import('./fields/PlatformTierPicker').then(
        m => m.platformTierPickerField,
      ),
  },
});

/** `scaffolder-form-field:scaffolder/platform-account-picker` */
export const platformAccountPickerFormField = FormFieldBlueprint.make({
  name: 'platform-account-picker',
  params: {
    field: () =>
      import('./fields/PlatformAccountPicker').then(
        m => m.platformAccountPickerField,
      ),
  },
});

/** Adds the Platform Portal's form fields to the scaffolder plugin. */
export const platformScaffolderModule = createFrontendModule({
  pluginId: 'scaffolder',
  extensions: [platformTierPickerFormField, platformAccountPickerFormField],
});
