import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import {
  AWS_ACCOUNT_ID_PATTERN,
  AWS_REGION_PATTERN,
} from '@platform-portal/platform-common';
import { DEFAULT_REFRESH_FREQUENCY_MS } from '../aggregation';
import { DEFAULT_STACK_PREFIXES } from '../collectors';

/** The first refresh runs this long after start-up (the Retry-After of the 503s before it). */
export const REFRESH_INITIAL_DELAY: HumanDuration = { seconds: 3 };

/** `awsInsights.*` of app-config, read once with its defaults (see config.d.ts). */
export interface InsightsSettings {
  accounts: Array<{ accountId: string; name?: string; regions: string[] }>;
  endpoints: Record<string, string>;
  refreshFrequency: HumanDuration;
  requestTimeoutMs: number;
  maxAttempts: number;
  historyRetentionDays: number;
  lowHeadroomPercent: number;
  stackNamePrefixes: string[];
}

function check(value: string, pattern: RegExp, key: string, rule: string) {
  if (!pattern.test(value)) {
    throw new InputError(`${key} ${rule}, got '${value}'`);
  }
  return value;
}

export function readInsightsSettings(config: Config): InsightsSettings {
  const c = config.getOptionalConfig('awsInsights');
  return {
    accounts: (c?.getOptionalConfigArray('accounts') ?? []).map((a, i) => ({
      accountId: check(
        a.getString('accountId'),
        AWS_ACCOUNT_ID_PATTERN,
        `awsInsights.accounts[${i}].accountId`,
        'must be 12 digits (quote it in YAML)',
      ),
      name: a.getOptionalString('name'),
      regions: a
        .getStringArray('regions')
        .map((region, j) =>
          check(
            region,
            AWS_REGION_PATTERN,
            `awsInsights.accounts[${i}].regions[${j}]`,
            'must be a region code such as eu-west-1',
          ),
        ),
    })),
    endpoints: c?.getOptional<Record<string, string>>('endpoints') ?? {},
    refreshFrequency: c?.has('refreshFrequency')
      ? readDurationFromConfig(c, { key: 'refreshFrequency' })
      : { milliseconds: DEFAULT_REFRESH_FREQUENCY_MS },
    requestTimeoutMs: c?.getOptionalNumber('requestTimeoutMs') ?? 10_000,
    maxAttempts: c?.getOptionalNumber('maxAttempts') ?? 4,
    historyRetentionDays: c?.getOptionalNumber('historyRetentionDays') ?? 30,
    lowHeadroomPercent: c?.getOptionalNumber('lowHeadroomPercent') ?? 15,
    stackNamePrefixes: c?.getOptionalStringArray('stackNamePrefixes') ?? [
      ...DEFAULT_STACK_PREFIXES,
    ],
  };
}

export const refreshFrequencyMs = (settings: InsightsSettings) =>
  durationToMilliseconds(settings.refreshFrequency);
