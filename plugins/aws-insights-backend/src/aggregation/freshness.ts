import {
  Freshness,
  SourceStatus,
} from '@platform-portal/plugin-aws-insights-common';

/** How often one replica refreshes unless `awsInsights.refreshFrequency` says otherwise. */
export const DEFAULT_REFRESH_FREQUENCY_MS = 5 * 60_000;

/**
 * When data read at `dataAsOf` counts as stale: after two missed refreshes and a minute's
 * grace. A fixed time, so a served body never changes between refreshes; the client compares
 * it with its clock.
 */
export function staleAfter(
  dataAsOf: string,
  refreshFrequencyMs = DEFAULT_REFRESH_FREQUENCY_MS,
): string {
  return new Date(
    Date.parse(dataAsOf) + 2 * refreshFrequencyMs + 60_000,
  ).toISOString();
}

/**
 * The freshness of a body made at `generatedAt` from data of these sources: it is as old as its
 * oldest data (a failed source's last good read, `staleSince`), and stale as soon as any of it
 * is carried over from an earlier refresh.
 */
export function freshnessOf(
  sources: SourceStatus[],
  generatedAt: string,
  refreshFrequencyMs?: number,
): Pick<Freshness, 'generatedAt' | 'dataAsOf' | 'stale' | 'staleAfter'> {
  let dataAsOf = generatedAt;
  for (const { staleSince } of sources) {
    if (staleSince && Date.parse(staleSince) < Date.parse(dataAsOf)) {
      dataAsOf = staleSince;
    }
  }
  return {
    generatedAt,
    dataAsOf,
    stale: sources.some(s => s.staleSince !== undefined),
    staleAfter: staleAfter(dataAsOf, refreshFrequencyMs),
  };
}
