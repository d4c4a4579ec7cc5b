export interface Config {
  platform?: {
    iac?: {
      /**
       * The infrastructure repository that environments are published to, as a URL such as
       * https://github.com/acme/infrastructure. Used when an `integrations.github` entry with
       * credentials (token or GitHub App) exists for its host; otherwise the portal commits to
       * the local bare repository below.
       */
      repositoryUrl?: string;
      /** Base branch of the infrastructure repository. Defaults to main. */
      baseBranch?: string;
      /**
       * Bare git repository used when no GitHub integration is configured. Created on first use.
       * Defaults to <PORTAL_DATA_DIR>/git/infrastructure.git.
       */
      localRepositoryDir?: string;
      /** Name of the aws-account entity whose S3 bucket holds Terraform state. Defaults to shared. */
      stateAccount?: string;
      /** Terraform state bucket name pattern; `{accountId}` and `{region}` are replaced. */
      stateBucketPattern?: string;
      /** Organisation-wide pool that VPC blocks are allocated from. Defaults to 10.0.0.0/8. */
      cidrPool?: string;
    };
  };
}
