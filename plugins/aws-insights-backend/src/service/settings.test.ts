import { ConfigReader } from '@backstage/config';
import { readInsightsSettings } from './settings';

describe('readInsightsSettings', () => {
  it('applies the defaults when awsInsights is absent', () => {
    expect(readInsightsSettings(new ConfigReader({}))).toEqual({
      accounts: [],
      endpoints: {},
      refreshFrequency: { milliseconds: 300_000 },
      requestTimeoutMs: 10_000,
      maxAttempts: 4,
      historyRetentionDays: 30,
      lowHeadroomPercent: 15,
      stackNamePrefixes: ['platform-', 'eksctl-'],
    });
  });

  it('reads accounts and a refresh frequency', () => {
    const settings = readInsightsSettings(
      new ConfigReader({
        awsInsights: {
          accounts: [
            { accountId: '000000000005', name: 'prod', regions: ['eu-west-1'] },
          ],
          refreshFrequency: { minutes: 2 },
        },
      }),
    );
    expect(settings.accounts).toEqual([
      { accountId: '000000000005', name: 'prod', regions: ['eu-west-1'] },
    ]);
    expect(settings.refreshFrequency).toEqual({ minutes: 2 });
  });

  it.each([
    [
      { accountId: '5', regions: ['eu-west-1'] },
      "awsInsights.accounts[0].accountId must be 12 digits (quote it in YAML), got '5'",
    ],
    [
      { accountId: '000000000005', regions: ['eu-west-1', 'Ireland'] },
      "awsInsights.accounts[0].regions[1] must be a region code such as eu-west-1, got 'Ireland'",
    ],
  ])('refuses %j naming the key and the rule', (account, message) => {
    expect(() =>
      readInsightsSettings(
        new ConfigReader({ awsInsights: { accounts: [account] } }),
      ),
    ).toThrow(message);
  });
});
