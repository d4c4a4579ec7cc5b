/** What GET /api/info answers. */
export interface ServiceInfo {
  service: string;
  version: string;
  environment: string;
}

/** Errors from the API carry its JSON error body's message. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export async function getJson<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: { Accept: 'application/json', ...init?.headers },
  });
  const body = await response.json().catch(() => undefined);
  if (!response.ok) {
    throw new ApiError(
      response.status,
      body?.error?.message ?? `${response.status} ${response.statusText}`,
    );
  }
  return body as T;
}

export const fetchInfo = () => getJson<ServiceInfo>('/api/info');
