import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { resolve as resolvePath } from 'node:path';
import request from 'supertest';
import { catalogModuleAwsAccounts } from './module';
import {
  AWS_ACCOUNT_ID_ANNOTATION,
  AWS_REGION_ANNOTATION,
} from './accountOverrides';

// Runs the real catalog backend on the repository's own catalog files and checks that the
// module rewrites the configured account while the others keep their sample ids.
describe('catalogModuleAwsAccounts', () => {
  it('applies platform.awsAccounts to the repository catalog', async () => {
    const catalogFile = resolvePath(
      __dirname,
      '../../../catalog/aws-accounts.yaml',
    );
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
              awsAccounts: {
                prod: { accountId: '123456789012', region: 'us-east-2' },
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

    const prod = await fetchAccount('prod');
    expect(prod.metadata.annotations[AWS_ACCOUNT_ID_ANNOTATION]).toBe(
      '123456789012',
    );
    expect(prod.metadata.annotations[AWS_REGION_ANNOTATION]).toBe('us-east-2');

    const dev = await fetchAccount('dev');
    expect(dev.metadata.annotations[AWS_ACCOUNT_ID_ANNOTATION]).toBe(
      '000000000003',
    );
  });
});
