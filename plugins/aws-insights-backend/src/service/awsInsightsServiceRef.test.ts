import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { awsInsightsServiceRef } from './awsInsightsServiceRef';

describe('awsInsightsServiceRef', () => {
  it('refuses a plugin other than aws-insights, naming the client to use instead', async () => {
    const other = createBackendPlugin({
      pluginId: 'other',
      register(env) {
        env.registerInit({
          deps: { insights: awsInsightsServiceRef },
          async init() {},
        });
      },
    });
    await expect(
      startTestBackend({
        features: [other, mockServices.rootConfig.factory({ data: {} })],
      }),
    ).rejects.toThrow(
      /scoped to the aws-insights plugin, but plugin 'other' asked for it; other plugins use AwsInsightsClient/,
    );
  });
});
