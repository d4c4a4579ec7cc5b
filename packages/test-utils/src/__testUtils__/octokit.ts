import { Octokit } from 'octokit';
import { FakeGitHub } from '../fakeGitHub';

export const TOKEN = 'ghp_portal';
export const READ_TOKEN = 'ghp_reader';

/**
 * The `octokit` package's Octokit. Its client-side throttle (writes 1/s, pull requests and
 * comments 1/3s) and retries (409, 405, 5xx) are off so each call answers at once; the
 * Backstage test uses the default client as the portal builds it.
 */
export function octokitFor(fake: FakeGitHub, token = TOKEN): Octokit {
  return new Octokit({
    auth: token,
    baseUrl: fake.apiBaseUrl,
    retry: { enabled: false },
    throttle: { enabled: false },
  });
}

/** The status and GitHub message of a call that must fail. */
export async function statusOf(
  promise: Promise<unknown>,
): Promise<{ status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as {
      status: number;
      response?: { data?: { message?: string } };
    };
    return { status: e.status, message: e.response?.data?.message ?? '' };
  }
  throw new Error('expected the call to fail');
}
