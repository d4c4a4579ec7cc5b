import { ResponseError } from '@backstage/errors';
import {
  AwsInsightsApi,
  ClusterResponse,
  DatabaseResponse,
  FleetFilter,
  FleetResponse,
  HistoryResponse,
  WebAclResponse,
} from '../api';

/** The parts of Backstage's DiscoveryApi / FetchApi the client needs (frontend or backend). */
export interface AwsInsightsClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi: { fetch: typeof fetch };
}

/** Typed client of the AWS insights API; every error is a ResponseError with the server's message. */
export class AwsInsightsClient implements AwsInsightsApi {
  constructor(private readonly options: AwsInsightsClientOptions) {}

  getFleet(filter: FleetFilter = {}) {
    const query = new URLSearchParams();
    for (const key of ['accountId', 'region', 'environment'] as const) {
      const value = filter[key];
      if (value) query.set(key, value);
    }
    const suffix = query.toString() ? `?${query}` : '';
    return this.get<FleetResponse>(`/fleet${suffix}`);
  }

  getEnvironment(name: string) {
    return this.get<FleetResponse>(`/environments/${encodeURIComponent(name)}`);
  }

  getCluster(name: string) {
    return this.get<ClusterResponse>(`/clusters/${encodeURIComponent(name)}`);
  }

  getDatabase(identifier: string) {
    return this.get<DatabaseResponse>(
      `/databases/${encodeURIComponent(identifier)}`,
    );
  }

  getWebAcl(name: string, hours: 1 | 24 | 168 = 24) {
    return this.get<WebAclResponse>(
      `/web-acls/${encodeURIComponent(name)}?hours=${hours}`,
    );
  }

  getHistory(scope: string, days = 7) {
    const query = new URLSearchParams({ scope, days: String(days) });
    return this.get<HistoryResponse>(`/history?${query}`);
  }

  private async get<T>(path: string): Promise<T> {
    const base = await this.options.discoveryApi.getBaseUrl('aws-insights');
    const response = await this.options.fetchApi.fetch(`${base}${path}`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
