import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Validate the rendered repository before publishing it',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'platform:service:validate',
          name: 'Validate',
          input: { name: 'orders', owner: 'group:default/team-orders' },
        },
      ],
    }),
  },
];
