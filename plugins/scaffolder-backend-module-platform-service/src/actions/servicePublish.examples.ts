import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Create the repository of a new service from the workspace',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'platform:service:publish',
          name: 'Publish',
          input: {
            repoUrl: 'github.com?owner=acme&repo=orders',
            description: 'Order intake API and back-office UI',
          },
        },
      ],
    }),
  },
];
