/**
 * Number and time formatting of the dashboards: one place, pure, so every section writes
 * money, shares, capacity and ages the same way.
 */

const usd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** `$1,234.56` */
export function formatUsd(value: number): string {
  return usd.format(value);
}

/** `1,234` */
export function formatCount(value: number): string {
  return integer.format(value);
}

/** `12.3 %` from a percentage (0..100). */
export function formatPercent(value: number | undefined, digits = 1): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  return `${value.toFixed(digits)} %`;
}

/** `55.9 %` from a share (0..1). */
export function formatShare(value: number | undefined, digits = 1): string {
  return formatPercent(value === undefined ? undefined : value * 100, digits);
}

/** `128 vCPU`; fractional vCPU (requests) keep one decimal. */
export function formatVcpu(value: number | undefined): string {
  if (value === undefined) return '—';
  const text = Number.isInteger(value)
    ? integer.format(value)
    : value.toFixed(1);
  return `${text} vCPU`;
}

/** `1.5 GiB`, `700 GiB`, `1.2 TiB` from GiB. */
export function formatGiB(value: number | undefined): string {
  if (value === undefined) return '—';
  if (value >= 1024) return `${(value / 1024).toFixed(1)} TiB`;
  if (Number.isInteger(value)) return `${integer.format(value)} GiB`;
  return `${value.toFixed(1)} GiB`;
}

/** Storage and memory from bytes: `184.0 GiB`, `512.0 MiB`. */
export function formatBytes(value: number | undefined): string {
  if (value === undefined) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let unit = 0;
  let scaled = value;
  while (scaled >= 1024 && unit < units.length - 1) {
    scaled /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${scaled.toFixed(1)} ${units[unit]}`;
}

/** `45 s`, `2 min 5 s` for replica lag and the like. */
export function formatSeconds(value: number | undefined): string {
  if (value === undefined) return '—';
  if (value < 60) return `${Math.round(value)} s`;
  const minutes = Math.floor(value / 60);
  const seconds = Math.round(value % 60);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

/** `just now`, `12 min`, `3 h 5 min`, `2 d 4 h` from seconds. */
export function formatAge(seconds: number): string {
  if (seconds < 60) return 'just now';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    const rest = minutes % 60;
    return rest ? `${hours} h ${rest} min` : `${hours} h`;
  }
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest ? `${days} d ${rest} h` : `${days} d`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `09:00` in the browser's time zone. */
export function formatClock(iso: string): string {
  const date = new Date(iso);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** `2 Jun 09:00`: for events and points older than today. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  const month = date.toLocaleString('en-GB', { month: 'short' });
  return `${date.getDate()} ${month} ${formatClock(iso)}`;
}

/** `data from 09:00, 12 min old` (or `data from 09:00, just now`): when data was read. */
export function formatFreshness(readAt: string, ageSeconds: number): string {
  const age = formatAge(ageSeconds);
  return `data from ${formatClock(readAt)}, ${
    age === 'just now' ? age : `${age} old`
  }`;
}

/** Seconds from an ISO time to `now` (never negative). */
export function secondsSince(iso: string, now: number = Date.now()): number {
  return Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
}

/** Compact request counts for axes and tiles: `8.8k`, `2.8M`. */
export function formatCompact(value: number): string {
  if (Math.abs(value) >= 1_000_000) return `${(value / 1_000_000).toFixed(1)}M`;
  if (Math.abs(value) >= 10_000) return `${Math.round(value / 1000)}k`;
  if (Math.abs(value) >= 1_000) return `${(value / 1000).toFixed(1)}k`;
  return integer.format(value);
}
