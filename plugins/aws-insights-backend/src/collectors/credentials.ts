// One AWS credentials manager per root config for the whole backend: platform-node's factory.
export { credentialsForAccount } from '@platform-portal/platform-node';
