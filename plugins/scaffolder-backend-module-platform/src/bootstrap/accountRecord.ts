/**
 * The record of a bootstrapped account that goes to the infrastructure repository as
 * `accounts/<entity name>.json`. The catalog module aws-accounts reads it back and puts the ARNs
 * on the account entity; keep both sides in step (the backend integration test covers the pair).
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
