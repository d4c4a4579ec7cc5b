import { createAwsClients } from '../clients';
import { CollectorContext } from '../collectorSupport';

/** Test-only helpers shared by the collector unit tests (no test framework imports here). */
export const TEST_NOW = new Date('2025-06-02T12:00:00.000Z');
export const TEST_ACCOUNT = '111122223333';
export const TEST_REGION = 'eu-west-1';

export function testContext(
  overrides: Partial<CollectorContext> = {},
): CollectorContext {
  return {
    accountId: TEST_ACCOUNT,
    region: TEST_REGION,
    now: TEST_NOW,
    clock: () => TEST_NOW,
    clients: createAwsClients({
      region: overrides.region ?? TEST_REGION,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    }),
    ...overrides,
  };
}

/** An error shaped like the SDK's service exceptions. */
export function awsError(
  name: string,
  message = name,
  httpStatusCode = 400,
): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: 'client',
    $metadata: { httpStatusCode },
  });
}
