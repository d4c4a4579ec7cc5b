import { useEffect, useState } from 'react';
import { freshnessAt, RefreshTimes } from '../viewModel/freshness';

/** How often displayed ages move on. */
const TICK_MS = 30_000;

/** The age and staleness of a response, recomputed every 30 s while shown. */
export function useFreshness(times: RefreshTimes) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return freshnessAt(times, now);
}
