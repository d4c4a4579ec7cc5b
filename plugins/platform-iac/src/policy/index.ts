export {
  checkEnvironmentPolicies,
  policyErrors,
} from './checkEnvironmentPolicies';
export { FILE_CHECK_IDS } from './fileChecks';
