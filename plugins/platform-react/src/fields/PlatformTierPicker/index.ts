export { PlatformTierPicker } from './PlatformTierPicker';
export { platformTierPickerField, validatePlatformTier } from './field';
