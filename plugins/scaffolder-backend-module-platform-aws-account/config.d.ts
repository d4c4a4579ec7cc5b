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
      /**
       * GitHub <org>/<repo> whose workflows may assume terraform-plan (pull requests) and
       * terraform-apply (main, the account's GitHub environment). Defaults to platform.iac.repositoryUrl.
       */
      githubRepository?: string;
      /** ARN of an existing token.actions.githubusercontent.com OIDC provider (all accounts); empty creates one per account. */
      existingOidcProviderArn?: string;
      /**
       * Managed policy of terraform-apply: what Terraform builds. Default
       * arn:aws:iam::aws:policy/PowerUserAccess. Its IAM guardrails (boundary, role path,
       * protected roles, sts:AssumeRole) are explicit denies and hold whatever this allows.
       */
      deployRoleManagedPolicyArn?: string;
      /**
       * The aws-account entities (names, default namespace) Terraform deploys into from the
       * shared account: its terraform-plan / terraform-apply may assume theirs, and its
       * terraform-apply trusts their GitHub environments (named after the entities). Nothing
       * else; empty lets the shared account's roles assume no role. Bootstrap the shared account
       * again after changing it.
       */
      workloadAccounts?: string[];
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
      /**
       * Regions that get an account baseline root (accounts/<name>/<region>/) besides each
       * account's home region (its aws.amazon.com/region annotation, else the stack's region),
       * e.g. every region the organisation's allow-list admits. Default none.
       */
      baselineRegions?: string[];
      /**
       * The organisation guardrails root (organization/: SCPs and budgets), written with the
       * record of the account annotated platform-portal.io/account-role: management. Unset: none.
       */
      organization?: {
        /** Organisation root (r-...) and/or workload OUs (ou-...) the SCPs are attached to. */
        policyTargetIds: string[];
        /** Regions outside which everything but global services is denied. */
        allowedRegions: string[];
        /**
         * aws-account entity name -> monthly cost budget in USD; alerts (80% forecast, 100%
         * actual) go to `emails`, default the owning group's spec.profile.email.
         */
        budgets?: {
          [account: string]: { monthlyUsd: number; emails?: string[] };
        };
      };
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
