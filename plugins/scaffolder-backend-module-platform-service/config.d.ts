export interface Config {
  platform?: {
    /** The flask-react-service template (platform:service:*); read by readServicesConfig. */
    services?: {
      /**
       * GitHub organisations the flask-react-service template may create repositories in (checked
       * on the server; the template's RepoUrlPicker allowedOwners should list the same). Defaults to
       * ['acme'].
       */
      allowedGithubOrgs?: string[];
      /**
       * Folder of the bare repositories created when no `integrations.github` entry with
       * credentials exists for the picked host. Defaults to <PORTAL_DATA_DIR>/git/services.
       */
      localRepositoriesDir?: string;
      /** aws-account entity whose ECR registry receives the images. Defaults to shared-account. */
      registryAccount?: string;
    };
  };
}
