/*
 * The Platform Portal backend (Backstage new backend system).
 *
 * Every feature is a plugin or module added here; configuration decides how each one behaves
 * (embedded defaults in app-config.yaml, production in app-config.production.yaml).
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

// Serves the built frontend (production) and the config it needs.
backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Sign-in: guest by default, GitHub once auth.providers.github is configured.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));

// Catalog: the organisation, the AWS accounts and everything the templates register.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(
  import('@platform-portal/plugin-catalog-backend-module-aws-accounts'),
);
backend.add(
  import('@platform-portal/plugin-catalog-backend-module-infrastructure-repo'),
);

// Scaffolder: software templates and their actions.
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
// The portal's actions, one module per area: environments, services, AWS accounts.
backend.add(
  import(
    '@platform-portal/plugin-scaffolder-backend-module-platform-environment'
  ),
);
backend.add(
  import('@platform-portal/plugin-scaffolder-backend-module-platform-service'),
);
backend.add(
  import(
    '@platform-portal/plugin-scaffolder-backend-module-platform-aws-account'
  ),
);

// Permissions: platform-team-only actions (prod environments, account bootstrap); everything
// else is open to signed-in users.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@platform-portal/plugin-permission-backend-module-platform-policy'),
);

// Search: Lunr in memory on SQLite, PostgreSQL full-text search in production.
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

// AWS insights: EKS capacity, Spot/Graviton mix, RDS health, WAF blocks (sample fleet until
// awsInsights.accounts is configured).
backend.add(import('@platform-portal/plugin-aws-insights-backend'));
backend.add(
  import('@platform-portal/plugin-catalog-backend-module-aws-insights'),
);

backend.add(import('@backstage/plugin-techdocs-backend'));
backend.add(import('@backstage/plugin-kubernetes-backend'));
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
