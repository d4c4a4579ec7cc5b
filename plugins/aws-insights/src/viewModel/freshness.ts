/** What every response carries about the age of its data. */
export interface RefreshTimes {
  /** When the refresh ran. */
  generatedAt: string;
  /** When the oldest data in the body was read (a failed source's last good read). */
  dataAsOf: string;
  /** Some data is carried over from an earlier refresh because its source failed. */
  stale: boolean;
  staleAfter: string;
}

/**
 * The age and staleness of a response at `now`: as old as its oldest data, stale when some of
 * it is carried over or when refreshes stopped. The backend sends fixed times (so a body never
 * changes between refreshes); the age is the client's to compute.
 */
export function freshnessAt(
  times: RefreshTimes,
  now: number,
): { ageSeconds: number; stale: boolean } {
  return {
    ageSeconds: Math.max(
      0,
      Math.round((now - Date.parse(times.dataAsOf)) / 1000),
    ),
    stale: times.stale || now > Date.parse(times.staleAfter),
  };
}
