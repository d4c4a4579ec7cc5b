import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Commit what the plan step rendered to the infrastructure repository as one commit on env/qa and open a pull request',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'platform:iac:publish',
          name: 'Publish',
          input: {
            environment: 'qa',
            planToken: '${{ steps.plan.output.planToken }}',
            update: false,
            description: '${{ steps.plan.output.summaryMarkdown }}',
          },
        },
      ],
    }),
  },
];
