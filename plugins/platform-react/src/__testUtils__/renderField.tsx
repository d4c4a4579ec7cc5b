import { renderInTestApp, TestApiPair } from '@backstage/frontend-test-utils';
import { SWRConfig } from 'swr';

/**
 * renderInTestApp with a cache of its own for `usePermission` (SWR keeps decisions in a
 * module-wide cache, which would carry one test's decision into the next).
 */
export function renderField(
  element: JSX.Element,
  apis: readonly TestApiPair<any>[],
) {
  return renderInTestApp(
    <SWRConfig value={{ provider: () => new Map() }}>{element}</SWRConfig>,
    { apis },
  );
}
