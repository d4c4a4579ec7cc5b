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
