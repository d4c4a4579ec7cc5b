import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Record the bootstrap step's outputs on the account (accounts/dev-account.json in the infrastructure repository)",
    example: yaml.stringify({
      steps: [
        {
          id: 'record',
          action: 'platform:aws:record-bootstrap',
          name: 'Record the role ARNs',
          input: {
            account: 'resource:default/dev-account',
            stackId: '${{ steps.bootstrap.output.stackId }}',
            region: '${{ steps.bootstrap.output.region }}',
            outputs: '${{ steps.bootstrap.output.outputs }}',
          },
        },
      ],
    }),
  },
];
