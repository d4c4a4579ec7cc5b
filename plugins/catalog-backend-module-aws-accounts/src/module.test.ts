import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { resolve as resolvePath } from 'node:path';
import request from 'supertest';
import { catalogModuleAwsAccounts } from './module';
import {
  AWS_ACCOUNT_ID_ANNOTATION,
  AWS_REGION_ANNOTATION,
  APPLY_ROLE_ARN_ANNOTATION,
} from '@platform-portal/platform-common';
import { bareRepoWith, devRecord } from './__testUtils__/bareRepo';

// Runs the real catalog backend on the repository's own catalog files and checks that the
// module rewrites the configured account while the others keep their sample ids, and puts the
// bootstrap record of the local infrastructure repository on the matching account.
describe('catalogModuleAwsAccounts', () => {
  it('applies platform.awsAccounts to the repository catalog', async () => {
    const catalogFile = resolvePath(
      __dirname,
      '../../../catalog/aws-accounts.yaml',
    );
    const repo = await bareRepoWith({
      'accounts/dev-account.json': devRecord('000000000003'),
      // Recorded for the placeholder id; the config gives prod another id, so it must not apply.
      'accounts/prod-account.json': devRecord('000000000005'),
    });
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleAwsAccounts,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['Resource'] }],
              locations: [{ type: 'file', target: catalogFile }],
              processingInterval: { seconds: 1 },
            },
            platform: {
              iac: { localRepositoryDir: repo },
              awsAccounts: {
                'prod-account': {
                  accountId: '123456789012',
                  region: 'us-east-2',
                },
              },
            },
          },
        }),
      ],
    });

    const fetchAccount = async (name: string) => {
      for (let attempt = 0; attempt < 100; attempt++) {
        const res = await request(server).get(
          `/api/catalog/entities/by-name/resource/default/${name}`,
        );
        if (res.status === 200) return res.body;
        await new Promise(r => setTimeout(r, 200));
      }
      throw new Error(`resource:default/${name} never appeared in the catalog`);
    };

    const prod = await fetchAccount('prod-account');
    expect(prod.metadata.annotations[AWS_ACCOUNT_ID_ANNOTATION]).toBe(
      '123456789012',
    );
    expect(prod.metadata.annotations[AWS_REGION_ANNOTATION]).toBe('us-east-2');

    const dev = await fetchAccount('dev-account');
    expect(dev.metadata.annotations[AWS_ACCOUNT_ID_ANNOTATION]).toBe(
      '000000000003',
    );
    expect(dev.metadata.annotations[APPLY_ROLE_ARN_ANNOTATION]).toBe(
      'arn:aws:iam::000000000003:role/terraform-apply',
    );
    expect(prod.metadata.annotations).not.toHaveProperty(
      APPLY_ROLE_ARN_ANNOTATION,
    );
  });
});
