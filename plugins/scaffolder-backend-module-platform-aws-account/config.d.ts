export interface Config {
  platform?: {
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
