import { HistoryPoint } from '@platform-portal/plugin-aws-insights-common';

const HOUR_MS = 3_600_000;

/** Share of today's Graviton vCPU that already ran on arm64 `daysAgo` days ago (migration story). */
function gravitonProgress(daysAgo: number, days: number): number {
  return 0.55 + 0.45 * (1 - daysAgo / days);
}

/** Karpenter follows load: more nodes in (UTC) business hours, fewer at night and at weekends. */
function loadFactor(at: Date): number {
  const hour = at.getUTCHours() + at.getUTCMinutes() / 60;
  const daily = Math.sin(((hour - 8) / 24) * 2 * Math.PI); // peak mid-afternoon
  const weekend = [0, 6].includes(at.getUTCDay()) ? 0.82 : 1;
  return (1 + 0.18 * daily) * weekend;
}

/**
 * A labelled trend for the sample fleet: points every `stepHours` for `days` days before the
 * first real refresh, derived from that refresh's rows, so the 7/30-day charts have a story to
 * tell (Graviton migration, daily scaling) without waiting for a month of refreshes. Pure and
 * deterministic: the same rows and time give the same history.
 */
export function sampleHistoryRows(
  current: HistoryPoint[],
  now: Date,
  options: { days?: number; stepHours?: number } = {},
): HistoryPoint[] {
  const days = options.days ?? 30;
  const stepHours = options.stepHours ?? 6;
  // Strictly inside the window, so the retention pruning never eats the oldest point.
  const steps = Math.ceil((days * 24) / stepHours) - 1;
  const base = loadFactor(now);
  const rows: HistoryPoint[] = [];
  for (let step = steps; step >= 1; step--) {
    const at = new Date(now.getTime() - step * stepHours * HOUR_MS);
    const daysAgo = (step * stepHours) / 24;
    const scale = loadFactor(at) / base;
    const arm = gravitonProgress(daysAgo, days);
    for (const p of current) {
      // vCPU that ran on x86_64 instead of arm64 back then; x86 costs about 20 % more.
      const movedSpot = p.spotArm64Vcpu * (1 - arm);
      const movedOnDemand = p.onDemandArm64Vcpu * (1 - arm);
      const armVcpu = p.spotArm64Vcpu + p.onDemandArm64Vcpu;
      const costShift = p.vcpu > 0 ? (0.2 * (armVcpu * (1 - arm))) / p.vcpu : 0;
      const round = (v: number) => Math.round(v * scale);
      rows.push({
        takenAt: at.toISOString(),
        scope: p.scope,
        sample: true,
        nodes: Math.max(1, round(p.nodes)),
        vcpu: round(p.vcpu),
        requestedVcpu:
          p.requestedVcpu === undefined ? undefined : round(p.requestedVcpu),
        spotArm64Vcpu: round(p.spotArm64Vcpu - movedSpot),
        spotX8664Vcpu: round(p.spotX8664Vcpu + movedSpot),
        onDemandArm64Vcpu: round(p.onDemandArm64Vcpu - movedOnDemand),
        onDemandX8664Vcpu: round(p.onDemandX8664Vcpu + movedOnDemand),
        usdPerHour: +(p.usdPerHour * scale * (1 + costShift)).toFixed(4),
        onDemandX86UsdPerHour: +(p.onDemandX86UsdPerHour * scale).toFixed(4),
      });
    }
  }
  return rows;
}
