import {
  coreServices,
  createBackendModule,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { resolve as resolvePath } from 'node:path';
import { AwsAccountBootstrapProcessor } from './AwsAccountBootstrapProcessor';
import { AwsAccountConfigProcessor } from './AwsAccountConfigProcessor';
import {
  BootstrapRecordReader,
  LocalRepoBootstrapRecordReader,
  UrlBootstrapRecordReader,
} from './bootstrapRecordReaders';

/**
 * Catalog module for the aws-account entities: applies `platform.awsAccounts` (real ids and
 * regions), then the account bootstrap's record from the infrastructure repository (role ARNs).
 */
export const catalogModuleAwsAccounts = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'aws-accounts',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        catalog: catalogProcessingExtensionPoint,
        urlReader: coreServices.urlReader,
        logger: coreServices.logger,
      },
      async init({ config, catalog, urlReader, logger }) {
        // Order matters: the record is matched against the account id the config sets.
        catalog.addProcessor(AwsAccountConfigProcessor.fromConfig(config));
        catalog.addProcessor(
          new AwsAccountBootstrapProcessor(
            bootstrapRecordReader(config, urlReader),
            logger,
          ),
        );
      },
    });
  },
});

/**
 * The repository the scaffolder's publisher writes to: GitHub when `platform.iac.repositoryUrl`
 * names a host with a GitHub integration that has credentials, the local bare repository else.
 */
export function bootstrapRecordReader(
  config: Config,
  urlReader: UrlReaderService,
): BootstrapRecordReader {
  const baseBranch =
    config.getOptionalString('platform.iac.baseBranch') ?? 'main';
  const repositoryUrl = config.getOptionalString('platform.iac.repositoryUrl');
  if (repositoryUrl && hasGitHubCredentials(config, repositoryUrl)) {
    return new UrlBootstrapRecordReader(urlReader, repositoryUrl, baseBranch);
  }
  const repoDir =
    config.getOptionalString('platform.iac.localRepositoryDir') ??
    resolvePath(
      process.env.PORTAL_DATA_DIR ?? '../../data',
      'git',
      'infrastructure.git',
    );
  return new LocalRepoBootstrapRecordReader(resolvePath(repoDir), baseBranch);
}

function hasGitHubCredentials(config: Config, repositoryUrl: string): boolean {
  const host = new URL(repositoryUrl).host;
  return (config.getOptionalConfigArray('integrations.github') ?? []).some(
    github =>
      (github.getOptionalString('host') ?? 'github.com') === host &&
      (github.has('token') || github.has('apps')),
  );
}
