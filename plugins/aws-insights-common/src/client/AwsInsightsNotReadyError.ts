import { isError } from '@backstage/errors';

/**
 * The backend answered 503: its first refresh of AWS data has not finished yet anywhere. The UI
 * shows that and asks again after `retryAfterSeconds`; a backend plugin waits for the
 * aws-insights.refreshed event instead.
 */
export class AwsInsightsNotReadyError extends Error {
  readonly name = 'AwsInsightsNotReadyError' as const;
  readonly statusCode = 503;

  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }

  /** Works across copies of this package (checks the name, not the prototype). */
  static is(value: unknown): value is AwsInsightsNotReadyError {
    return isError(value) && value.name === 'AwsInsightsNotReadyError';
  }
}
