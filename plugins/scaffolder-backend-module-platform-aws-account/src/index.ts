/**
 * Scaffolder actions for AWS accounts (templates/aws-account-bootstrap): bootstrap, record.
 *
 * @packageDocumentation
 */
export { scaffolderModulePlatformAwsAccount as default } from './module';
export { createAwsBootstrapAccountAction } from './actions/awsBootstrapAccount';
export { createAwsRecordBootstrapAction } from './actions/awsRecordBootstrap';
