import { mockCredentials, TestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';

/** Test-only: GET a path of the aws-insights API on a test backend as a signed-in user. */
export function getInsights(backend: TestBackend, path: string) {
  return request(backend.server)
    .get(`/api/aws-insights${path}`)
    .set('Authorization', mockCredentials.user.header());
}

/** Polls GET /fleet until the first refresh has landed (200), or fails after `timeoutMs`. */
export async function waitForFleet(
  backend: TestBackend,
  timeoutMs = 30_000,
): Promise<request.Response> {
  const deadline = Date.now() + timeoutMs;
  let last: request.Response | undefined;
  while (Date.now() < deadline) {
    last = await getInsights(backend, '/fleet');
    if (last.status === 200) return last;
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  throw new Error(
    `GET /fleet did not answer 200 within ${timeoutMs} ms (last: ${
      last?.status
    } ${JSON.stringify(last?.body)})`,
  );
}
