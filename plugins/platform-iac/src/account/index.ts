export { renderAccountBaseline, BASELINE_PARTS } from './renderAccountBaseline';
export type {
  AccountBaselineOptions,
  BaselinePart,
} from './renderAccountBaseline';
export {
  renderOrganizationGuardrails,
  BOOTSTRAP_PROTECTED_ROLE_NAMES,
} from './renderOrganizationGuardrails';
export type {
  GuardrailAccount,
  OrganizationGuardrailsOptions,
} from './renderOrganizationGuardrails';
export {
  ACCOUNT_AWS_PROVIDER,
  ACCOUNT_MODULE_NAMES,
  ORGANIZATION_FOLDER,
  accountBaselineFolder,
} from './rootFiles';
export type { AccountModuleName, StateLocation } from './rootFiles';
