import { ServiceUnavailableError } from '@backstage/errors';

/** No refresh has finished anywhere yet; retry after `retryAfterSeconds`. */
export class FleetNotReadyError extends ServiceUnavailableError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      `The first refresh of AWS data has not finished yet; retry in ${retryAfterSeconds} s`,
    );
  }
}
