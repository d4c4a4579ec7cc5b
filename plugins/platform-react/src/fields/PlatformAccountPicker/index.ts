export { PlatformAccountPicker } from './PlatformAccountPicker';
export type { PlatformAccountPickerUiOptions } from './PlatformAccountPicker';
export { platformAccountPickerField, validatePlatformAccount } from './field';
