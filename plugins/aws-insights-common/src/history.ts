/** One point of a trend: a scope's capacity and Spot/Graviton mix at one refresh. */
export interface HistoryPoint {
  takenAt: string;
  scope: string;
  sample: boolean;
  nodes: number;
  vcpu: number;
  requestedVcpu?: number;
  spotArm64Vcpu: number;
  spotX8664Vcpu: number;
  onDemandArm64Vcpu: number;
  onDemandX8664Vcpu: number;
  usdPerHour: number;
  onDemandX86UsdPerHour: number;
}
