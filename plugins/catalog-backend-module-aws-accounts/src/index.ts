/**
 * Catalog backend module that fills aws-account entities from app-config.
 *
 * @packageDocumentation
 */
export { catalogModuleAwsAccounts as default } from './module';
export {
  applyAwsAccountOverride,
  readAwsAccountOverrides,
} from './accountOverrides';
export { AwsAccountConfigProcessor } from './AwsAccountConfigProcessor';
export { applyBootstrapRecord } from './bootstrapRecord';
export { AwsAccountBootstrapProcessor } from './AwsAccountBootstrapProcessor';
export { RepositoryBootstrapRecordReader } from './bootstrapRecordReader';
export type { BootstrapRecordReader } from './bootstrapRecordReader';
