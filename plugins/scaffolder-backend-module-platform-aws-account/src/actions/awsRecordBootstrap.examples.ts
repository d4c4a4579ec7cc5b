import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Record the bootstrap step's outputs on the account (accounts/dev-account.json) and its account baseline root of the home region (accounts/dev-account/<region>/), with the account module library fetched first",
    example: yaml.stringify({
      steps: [
        {
          id: 'modules',
          action: 'fetch:plain',
          name: 'Fetch the account module library',
          input: { url: './terraform/modules', targetPath: 'modules' },
        },
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
  {
    description:
      'Also give the account baseline roots in eu-central-1 and us-east-1 (the home region always gets one; default: platform.bootstrap.baselineRegions)',
    example: yaml.stringify({
      steps: [
        {
          id: 'record',
          action: 'platform:aws:record-bootstrap',
          name: 'Record the role ARNs and three baseline roots',
          input: {
            account: 'resource:default/dev-account',
            stackId: '${{ steps.bootstrap.output.stackId }}',
            region: '${{ steps.bootstrap.output.region }}',
            outputs: '${{ steps.bootstrap.output.outputs }}',
            regions: ['eu-central-1', 'us-east-1'],
          },
        },
      ],
    }),
  },
];
