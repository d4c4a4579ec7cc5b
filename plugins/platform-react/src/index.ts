/**
 * Scaffolder form fields of the Platform Portal for the new frontend system: the tier and AWS
 * account pickers, which offer only what the server will accept from the user.
 *
 * @packageDocumentation
 */
export { platformScaffolderModule as default } from './module';
export {
  platformAccountPickerFormField,
  platformTierPickerFormField,
} from './module';
export {
  PlatformTierPicker,
  platformTierPickerField,
} from './fields/PlatformTierPicker';
export {
  PlatformAccountPicker,
  platformAccountPickerField,
} from './fields/PlatformAccountPicker';
export type { PlatformAccountPickerUiOptions } from './fields/PlatformAccountPicker';
export * from './rules';
