import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Bootstrap the dev account with the bundled template (stack platform-bootstrap); its role and the state account come from config',
    example: yaml.stringify({
      steps: [
        {
          id: 'bootstrap',
          action: 'platform:aws:bootstrap-account',
          name: 'Create or update the stack',
          input: { account: 'resource:default/dev-account' },
        },
      ],
    }),
  },
  {
    description:
      'Bootstrap the shared account for another repository, reusing its existing GitHub OIDC provider',
    example: yaml.stringify({
      steps: [
        {
          id: 'bootstrap',
          action: 'platform:aws:bootstrap-account',
          name: 'Create or update the stack',
          input: {
            account: 'resource:default/shared-account',
            repository: 'acme/infrastructure',
            existingOidcProviderArn:
              'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
          },
        },
      ],
    }),
  },
];
