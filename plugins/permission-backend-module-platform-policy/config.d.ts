export interface Config {
  platform?: {
    permissions?: {
      /**
       * Group entity ref whose members may create production environments and bootstrap
       * accounts. Defaults to group:default/platform-team.
       */
      platformTeam?: string;
    };
  };
}
