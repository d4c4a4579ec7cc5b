/** How often one replica refreshes unless `awsInsights.refreshFrequency` says otherwise. */
export const DEFAULT_REFRESH_FREQUENCY_MS = 5 * 60_000;

/**
 * When the data of a refresh made at `generatedAt` counts as stale: after two missed refreshes
 * and a minute's grace. A fixed time, so a served body never changes between refreshes; the
 * client compares it with its clock.
 */
export function staleAfter(
  generatedAt: string,
  refreshFrequencyMs = DEFAULT_REFRESH_FREQUENCY_MS,
): string {
  return new Date(
    Date.parse(generatedAt) + 2 * refreshFrequencyMs + 60_000,
  ).toISOString();
}
