export interface Config {
  platform?: {
    /**
     * The infrastructure repository and the environments' Terraform state. Read once at start-up
     * by the InfrastructureRepository service (this package), which the environment and
     * aws-account scaffolder modules and the infrastructure-repo and aws-accounts catalog modules
     * share; defaults live in readIacConfig.
     */
    iac?: {
      /**
       * The infrastructure repository environments and bootstrap records are published to, as
       * https://<host>/<owner>/<repo> (e.g. https://github.com/acme/infrastructure). Needs an
       * `integrations.github` entry with a token or a GitHub App for that host: without one the
       * backend refuses to start. Unset: a local bare repository (localRepositoryDir).
       */
      repositoryUrl?: string;
      /** Base branch of the infrastructure repository. Defaults to main. */
      baseBranch?: string;
      /**
       * Bare git repository used when repositoryUrl is unset. Created on first use. Defaults to
       * <PORTAL_DATA_DIR>/git/infrastructure.git.
       */
      localRepositoryDir?: string;
      /** Name of the aws-account entity whose S3 bucket holds Terraform state. Defaults to shared-account. */
      stateAccount?: string;
      /**
       * Terraform state bucket name pattern; `{accountId}` and `{region}` are replaced. Defaults
       * to tfstate-{accountId}-{region}.
       */
      stateBucketPattern?: string;
      /** Organisation-wide pool that VPC blocks are allocated from. Defaults to 10.0.0.0/8. */
      cidrPool?: string;
      /**
       * Names of the aws-account entities that are production accounts. They take only
       * prod-tier environments, and prod-tier environments go only into them; accounts are
       * compared by account id. Defaults to [prod-account].
       */
      productionAccounts?: string[];
      /**
       * The Argo CD hub that delivers stage 2 of every environment (environments/<name>/cluster/
       * and gitops/): the EKS Argo CD capability on a management cluster in the shared account,
       * set up once by the platform team. Each environment's README describes that set-up.
       */
      gitops?: {
        /**
         * IAM role of the hub's Argo CD capability; stage 1 gives it an EKS access entry on each
         * new cluster. Defaults to arn:aws:iam::<state account>:role/argocd-hub-capability.
         */
        hubRoleArn?: string;
        /**
         * Repository URL the hub's Applications read, as the hub knows it. Defaults to
         * repositoryUrl; with a local repository, https://github.com/acme/infrastructure (a local
         * repository is for trying the portal: no hub reads it).
         */
        repoUrl?: string;
        /** Branch or tag the Applications track. Defaults to baseBranch. */
        revision?: string;
        /** Namespace of the capability on the hub. Defaults to argocd. */
        namespace?: string;
        /** Hub project of the root Application that syncs environments/<name>/gitops/. Defaults to platform. */
        project?: string;
      };
    };
  };
}
