/** What every response carries about its refresh. */
export interface RefreshTimes {
  generatedAt: string;
  staleAfter: string;
}

/**
 * The age and staleness of a response at `now`. The backend sends fixed times (so a body
 * never changes between refreshes); the age is the client's to compute.
 */
export function freshnessAt(
  times: RefreshTimes,
  now: number,
): { ageSeconds: number; stale: boolean } {
  return {
    ageSeconds: Math.max(
      0,
      Math.round((now - Date.parse(times.generatedAt)) / 1000),
    ),
    stale: now > Date.parse(times.staleAfter),
  };
}
