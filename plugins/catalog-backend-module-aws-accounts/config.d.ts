export interface Config {
  platform?: {
    /**
     * Real AWS account ids and default regions for the `aws-account` Resource entities, keyed by
     * entity name (org-root, shared, dev, staging, prod). Values here replace the placeholder
     * annotations of the catalog files, so real ids never need to be committed.
     */
    awsAccounts?: {
      [entityName: string]: {
        /** The 12-digit AWS account id. */
        accountId?: string;
        /** The account's default region, e.g. eu-west-1. */
        region?: string;
      };
    };
  };
}
