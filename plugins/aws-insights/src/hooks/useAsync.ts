import { DependencyList, useCallback, useEffect, useState } from 'react';
import { AwsInsightsNotReadyError } from '@platform-portal/plugin-aws-insights-common';

export type AsyncState<T> =
  | { loading: true; value?: T; error?: undefined }
  | { loading: false; value: T; error?: undefined }
  | { loading: false; value?: undefined; error: Error };

/**
 * Runs `load` whenever `deps` change and tracks its state; a result that arrives after the
 * deps changed again is dropped. While reloading, the previous value stays available so a
 * filter change does not blank the page. While the backend's first refresh runs (503), it
 * loads again by itself after the Retry-After the backend named.
 */
export function useAsync<T>(
  load: () => Promise<T>,
  deps: DependencyList,
): AsyncState<T> & { retry: () => void } {
  const [state, setState] = useState<AsyncState<T>>({ loading: true });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt(a => a + 1), []);

  useEffect(() => {
    let current = true;
    setState(previous => ({ loading: true, value: previous.value }));
    load().then(
      value => current && setState({ loading: false, value }),
      error => current && setState({ loading: false, error: toError(error) }),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt]);

  const notReady = AwsInsightsNotReadyError.is(state.error)
    ? state.error
    : undefined;
  useEffect(() => {
    if (!notReady) return undefined;
    const timer = setTimeout(retry, notReady.retryAfterSeconds * 1000);
    return () => clearTimeout(timer);
  }, [notReady, retry]);

  return { ...state, retry };
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** True for the API's 404 (a ResponseError carrying statusCode 404). */
export function isNotFound(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { statusCode?: number }).statusCode === 404
  );
}
