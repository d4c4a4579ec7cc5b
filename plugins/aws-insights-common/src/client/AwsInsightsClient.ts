// openapi-fetch names its methods after the HTTP verbs (client.GET).
/* eslint-disable new-cap */
import { ResponseError } from '@backstage/errors';
import createClient, { Client, Middleware } from 'openapi-fetch';
import {
  AwsInsightsApi,
  FleetFilter,
  RequestOptions,
  WebAclHours,
} from '../api';
import { paths } from '../schema/openapi/generated';
import { AwsInsightsNotReadyError } from './AwsInsightsNotReadyError';

/** The plugin id the backend is discovered under (`info.title` of openapi.yaml). */
export const AWS_INSIGHTS_PLUGIN_ID = 'aws-insights';

/** The parts of Backstage's DiscoveryApi / FetchApi the client needs (frontend or backend). */
export interface AwsInsightsClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  /** The frontend's fetchApi (it adds the user's token); the global fetch otherwise. */
  fetchApi?: { fetch: typeof fetch };
}

/** Retry-After of a 503 in seconds (whole seconds or an HTTP date); 5 when absent. */
function retryAfterSeconds(header: string | null, now = Date.now()): number {
  if (header && /^\d+$/.test(header.trim())) return Number(header);
  const at = header ? Date.parse(header) : NaN;
  return Number.isNaN(at) ? 5 : Math.max(1, Math.ceil((at - now) / 1000));
}

/** Every non-2xx answer becomes an error before openapi-fetch reads the body. */
const throwOnErrorStatus: Middleware = {
  async onResponse({ response }) {
    if (response.ok) return undefined;
    const error = await ResponseError.fromResponse(response);
    if (response.status === 503) {
      throw new AwsInsightsNotReadyError(
        error.body?.error?.message ?? error.message,
        retryAfterSeconds(response.headers.get('Retry-After')),
      );
    }
    throw error;
  },
};

/** Query values as given, without the empty ones (a cleared filter field). */
function definedOnly<T extends Record<string, string | number | undefined>>(
  query: T,
): Partial<T> {
  return Object.fromEntries(
    Object.entries(query).filter(([, v]) => v !== undefined && v !== ''),
  ) as Partial<T>;
}

/**
 * The AWS insights API through openapi-fetch over the types generated from openapi.yaml: paths,
 * parameters and bodies are checked by the compiler. This facade adds what openapi-fetch does
 * not know: discovery of the backend, the caller's Backstage token, and Backstage's errors
 * (ResponseError with the server's message; AwsInsightsNotReadyError for 503).
 */
export class AwsInsightsClient implements AwsInsightsApi {
  private readonly client: Client<paths>;

  constructor(private readonly options: AwsInsightsClientOptions) {
    const fetchApi = options.fetchApi;
    this.client = createClient<paths>({
      fetch: request => (fetchApi ? fetchApi.fetch(request) : fetch(request)),
    });
    this.client.use(throwOnErrorStatus);
  }

  async getFleet(filter: FleetFilter = {}, options?: RequestOptions) {
    const { data } = await this.client.GET('/fleet', {
      ...(await this.init(options)),
      params: { query: definedOnly(filter) },
    });
    return data!;
  }

  async getEnvironment(name: string, options?: RequestOptions) {
    const { data } = await this.client.GET('/environments/{name}', {
      ...(await this.init(options)),
      params: { path: { name } },
    });
    return data!;
  }

  async getCluster(name: string, options?: RequestOptions) {
    const { data } = await this.client.GET('/clusters/{name}', {
      ...(await this.init(options)),
      params: { path: { name } },
    });
    return data!;
  }

  async getDatabase(identifier: string, options?: RequestOptions) {
    const { data } = await this.client.GET('/databases/{name}', {
      ...(await this.init(options)),
      params: { path: { name: identifier } },
    });
    return data!;
  }

  async getWebAcl(
    name: string,
    hours: WebAclHours = 24,
    options?: RequestOptions,
  ) {
    const { data } = await this.client.GET('/web-acls/{name}', {
      ...(await this.init(options)),
      params: { path: { name }, query: { hours } },
    });
    return data!;
  }

  async getHistory(scope: string, days = 7, options?: RequestOptions) {
    const { data } = await this.client.GET('/history', {
      ...(await this.init(options)),
      params: { query: { scope, days } },
    });
    return data!;
  }

  private async init(options?: RequestOptions) {
    return {
      baseUrl: await this.options.discoveryApi.getBaseUrl(
        AWS_INSIGHTS_PLUGIN_ID,
      ),
      headers: options?.token
        ? { Authorization: `Bearer ${options.token}` }
        : undefined,
      signal: options?.signal,
    };
  }
}
