import { createExtensionTester } from '@backstage/frontend-test-utils';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { platformAccountPickerField } from './fields/PlatformAccountPicker';
import { platformTierPickerField } from './fields/PlatformTierPicker';
import platformScaffolderModule, {
  platformAccountPickerFormField,
  platformTierPickerFormField,
} from './index';

describe('platformScaffolderModule', () => {
  it('is the package default export and extends the scaffolder plugin', () => {
    expect(platformScaffolderModule.pluginId).toBe('scaffolder');
  });

  it('loads the PlatformTierPicker field', async () => {
    const loader = createExtensionTester(platformTierPickerFormField).get(
      FormFieldBlueprint.dataRefs.formFieldLoader,
    );
    await expect(loader()).resolves.toBe(platformTierPickerField);
  });

  it('loads the PlatformAccountPicker field', async () => {
    const loader = createExtensionTester(platformAccountPickerFormField).get(
      FormFieldBlueprint.dataRefs.formFieldLoader,
    );
    await expect(loader()).resolves.toBe(platformAccountPickerField);
  });
});
