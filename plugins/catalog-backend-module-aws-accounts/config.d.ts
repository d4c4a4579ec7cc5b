export interface Config {
  platform?: {
    catalog?: {
      /**
       * URL prefixes of the organisation's own catalog locations (e.g.
       * https://github.com/acme/portal-config/blob/main/), besides the file locations shipped with
       * the portal: only these may declare `aws-account` resources. Use full prefixes ending in a
       * slash so a look-alike repository name cannot match.
       */
      trustedLocationPrefixes?: string[];
    };
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
