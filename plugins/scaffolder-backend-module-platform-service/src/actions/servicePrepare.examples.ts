import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Check a new service for the dev and staging environments',
    example: yaml.stringify({
      steps: [
        {
          id: 'prepare',
          action: 'platform:service:prepare',
          name: 'Check the request',
          input: {
            name: 'orders',
            description: 'Order intake API and back-office UI',
            owner: 'group:default/team-orders',
            environments: ['resource:default/dev', 'resource:default/staging'],
            scheduling: 'spot-ok',
            database: true,
            repoUrl: 'github.com?owner=acme&repo=orders',
          },
        },
      ],
    }),
  },
];
