import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Plan a dev environment in the dev account with an allocated VPC block',
    example: yaml.stringify({
      steps: [
        {
          id: 'plan',
          action: 'platform:environment:plan',
          name: 'Plan the environment',
          input: {
            name: 'qa',
            tier: 'dev',
            account: 'resource:default/dev-account',
            region: 'eu-west-1',
            owner: 'group:default/team-orders',
            singleNatGateway: true,
            domain: 'qa.example.com',
          },
        },
      ],
    }),
  },
  {
    description:
      'Plan a production environment with an explicit CIDR and Aurora PostgreSQL',
    example: yaml.stringify({
      steps: [
        {
          id: 'plan',
          action: 'platform:environment:plan',
          name: 'Plan the environment',
          input: {
            name: 'prod-eu',
            tier: 'prod',
            account: 'resource:default/prod-account',
            region: 'eu-west-1',
            owner: 'group:default/platform-team',
            cidr: '10.40.0.0/16',
            karpenter: { allowSpot: true, allowGraviton: true, cpuLimit: 2000 },
            database: {
              engine: 'aurora-postgresql',
              instanceClass: 'db.r6g.large',
              backupRetentionDays: 30,
              readReplicas: 2,
              multiAz: true,
            },
            wafRateLimit: 2000,
            domain: 'app.example.com',
          },
        },
      ],
    }),
  },
];
