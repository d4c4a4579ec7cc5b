import { AWS_ACCOUNT_ID_PATTERN } from './patterns';

/**
 * The record of a bootstrapped account that goes to the infrastructure repository as
 * `accounts/<entity name>.json`: written by platform:aws:record-bootstrap, read back by the
 * aws-accounts catalog module, which puts the ARNs on the account entity. One definition for
 * both sides.
 */
export interface BootstrapRecord {
  account: string;
  accountId: string;
  region: string;
  stackName: string;
  stackId: string;
  outputs: Record<string, string>;
}

export function bootstrapRecordPath(accountName: string): string {
  return `accounts/${accountName}.json`;
}

/** Stable text (sorted outputs, no timestamps), so an unchanged account renders identically. */
export function renderBootstrapRecord(record: BootstrapRecord): string {
  const outputs = Object.fromEntries(
    Object.entries(record.outputs).sort(([a], [b]) => a.localeCompare(b)),
  );
  return `${JSON.stringify(
    {
      account: record.account,
      accountId: record.accountId,
      region: record.region,
      stackName: record.stackName,
      stackId: record.stackId,
      outputs,
    },
    null,
    2,
  )}\n`;
}

const ARN = /^arn:aws[a-z-]*:/;

/** Parses and checks a record; the error says which file (`source`) and which field is wrong. */
export function parseBootstrapRecord(
  text: string,
  source: string,
): BootstrapRecord {
  let data: any;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source} is not valid JSON: ${(error as Error).message}`);
  }
  const fail = (rule: string) => {
    throw new Error(`${source}: ${rule}`);
  };
  if (!data || typeof data !== 'object') fail('must hold a JSON object');
  for (const key of [
    'account',
    'accountId',
    'region',
    'stackName',
    'stackId',
  ]) {
    if (typeof data[key] !== 'string' || !data[key])
      fail(`${key} must be a non-empty string`);
  }
  if (!AWS_ACCOUNT_ID_PATTERN.test(data.accountId))
    fail('accountId must be 12 digits');
  if (!ARN.test(data.stackId)) fail('stackId must be an ARN');
  if (!data.outputs || typeof data.outputs !== 'object')
    fail('outputs must be an object');
  for (const [key, value] of Object.entries(data.outputs)) {
    if (typeof value !== 'string') fail(`outputs.${key} must be a string`);
  }
  return data as BootstrapRecord;
}
