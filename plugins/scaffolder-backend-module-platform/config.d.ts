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
      /** Name of the aws-account entity whose S3 bucket holds Terraform state. Defaults to shared-account. */
      stateAccount?: string;
      /** Terraform state bucket name pattern; `{accountId}` and `{region}` are replaced. */
      stateBucketPattern?: string;
      /** Organisation-wide pool that VPC blocks are allocated from. Defaults to 10.0.0.0/8. */
      cidrPool?: string;
    };
    services?: {
      /**
       * GitHub organisations the flask-react-service template may create repositories in (checked
       * on the server; the template's RepoUrlPicker allowedOwners should list the same). Defaults to
       * ['acme'].
       */
      allowedGithubOrgs?: string[];
      /**
       * Folder of the bare repositories created when no GitHub integration with credentials exists
       * for the picked host. Defaults to <PORTAL_DATA_DIR>/git/services.
       */
      localRepositoriesDir?: string;
      /** aws-account entity whose ECR registry receives the images. Defaults to shared-account. */
      registryAccount?: string;
    };
    /** Account bootstrap (platform:aws:bootstrap-account, templates/aws-account-bootstrap). */
    bootstrap?: {
      /** IAM principal the portal runs as; it may assume each account's platform-portal-read role. */
      portalPrincipalArn?: string;
      /**
       * External id the portal presents when it assumes platform-portal-read (use the same value
       * as `aws.accounts[].externalId` for the insights backend).
       * @visibility secret
       */
      externalId?: string;
      /** GitHub <org>/<repo> whose workflows may assume terraform-deploy. Defaults to platform.iac.repositoryUrl. */
      githubRepository?: string;
      /** ARN of an existing token.actions.githubusercontent.com OIDC provider (all accounts); empty creates one per account. */
      existingOidcProviderArn?: string;
      /** Managed policy for what Terraform builds. Default arn:aws:iam::aws:policy/PowerUserAccess. */
      deployRoleManagedPolicyArn?: string;
      /**
       * Role the portal assumes from `aws.mainAccount` in the target account to deploy the stack,
       * e.g. OrganizationAccountAccessRole. Unset: the credentials of `aws.accounts` are used.
       */
      roleName?: string;
      /**
       * External id for roleName, if its trust policy requires one.
       * @visibility secret
       */
      roleExternalId?: string;
      /** Endpoint overrides for AWS-compatible endpoints (moto, LocalStack). */
      endpoints?: {
        cloudformation?: string;
      };
      /** Between stack status polls. Default 5000. */
      pollIntervalMs?: number;
      /** Longest wait for one stack operation. Default 30. */
      timeoutMinutes?: number;
      /** Attempts per AWS call (throttling is retried with backoff). Default 5. */
      maxAttempts?: number;
      /** SDK retry mode. Default adaptive. */
      retryMode?: 'standard' | 'adaptive';
    };
  };
}
