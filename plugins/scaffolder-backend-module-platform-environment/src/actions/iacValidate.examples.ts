import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Validate everything the plan step rendered into the workspace',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'platform:iac:validate',
          name: 'Validate',
          input: {},
        },
      ],
    }),
  },
];
