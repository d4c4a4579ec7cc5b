/**
 * Catalog backend module that fills aws-account entities from app-config.
 *
 * @packageDocumentation
 */
export { catalogModuleAwsAccounts as default } from './module';
export {
  AWS_ACCOUNT_ID_ANNOTATION,
  AWS_REGION_ANNOTATION,
  applyAwsAccountOverride,
  readAwsAccountOverrides,
} from './accountOverrides';
export { AwsAccountConfigProcessor } from './AwsAccountConfigProcessor';
export {
  BOOTSTRAP_RECORD_ANNOTATION,
  BOOTSTRAP_STACK_ID_ANNOTATION,
  DEPLOY_ROLE_ARN_ANNOTATION,
  OIDC_PROVIDER_ARN_ANNOTATION,
  PORTAL_READ_ROLE_ARN_ANNOTATION,
  STATE_BUCKET_ANNOTATION,
  applyBootstrapRecord,
  parseBootstrapRecord,
} from './bootstrapRecord';
export type { BootstrapRecord } from './bootstrapRecord';
export { AwsAccountBootstrapProcessor } from './AwsAccountBootstrapProcessor';
