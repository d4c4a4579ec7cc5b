import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Fetch the CloudFormation template, then bootstrap the dev account (stack platform-bootstrap)',
    example: yaml.stringify({
      steps: [
        {
          id: 'cloudformation',
          action: 'fetch:plain',
          name: 'Fetch the CloudFormation template',
          input: { url: './cloudformation', targetPath: 'cloudformation' },
        },
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
            accountRole: 'shared',
            repository: 'acme/infrastructure',
            existingOidcProviderArn:
              'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
          },
        },
      ],
    }),
  },
];
