/**
 * Architecture equivalence tables: which instance type does the same job on the other CPU
 * architecture, size for size (same vCPU count and memory ratio).
 *
 * A type maps only when its family is in a table and the target family offers the same size;
 * otherwise the functions return undefined and callers fall back (see mix.ts, graviton.ts).
 */

const GRAVITON_SIZES = [
  'medium',
  'large',
  'xlarge',
  '2xlarge',
  '4xlarge',
  '8xlarge',
  '12xlarge',
  '16xlarge',
  'metal',
];
const INTEL_7_SIZES = [
  'large',
  'xlarge',
  '2xlarge',
  '4xlarge',
  '8xlarge',
  '12xlarge',
  '16xlarge',
  '24xlarge',
  '48xlarge',
];
const INTEL_6_SIZES = [
  'large',
  'xlarge',
  '2xlarge',
  '4xlarge',
  '8xlarge',
  '12xlarge',
  '16xlarge',
  '24xlarge',
  '32xlarge',
  'metal',
];
const BURSTABLE_SIZES = [
  'nano',
  'micro',
  'small',
  'medium',
  'large',
  'xlarge',
  '2xlarge',
];

/** Sizes each family offers: a mapped type must exist (m7i has no .medium, m7g no .24xlarge). */
const FAMILY_SIZES: Record<string, readonly string[]> = {
  m7g: GRAVITON_SIZES,
  c7g: GRAVITON_SIZES,
  r7g: GRAVITON_SIZES,
  m6g: GRAVITON_SIZES,
  c6g: GRAVITON_SIZES,
  r6g: GRAVITON_SIZES,
  t4g: BURSTABLE_SIZES,
  m7i: INTEL_7_SIZES,
  c7i: INTEL_7_SIZES,
  r7i: INTEL_7_SIZES,
  m6i: INTEL_6_SIZES,
  c6i: INTEL_6_SIZES,
  r6i: INTEL_6_SIZES,
  t3: BURSTABLE_SIZES,
};

/**
 * Graviton family -> x86_64 family of the same generation and shape (general purpose m,
 * compute c, memory r, burstable t).
 */
export const X86_EQUIVALENT_FAMILY: Readonly<Record<string, string>> = {
  m7g: 'm7i',
  c7g: 'c7i',
  r7g: 'r7i',
  m6g: 'm6i',
  c6g: 'c6i',
  r6g: 'r6i',
  t4g: 't3',
};

/**
 * x86_64 family -> Graviton family to migrate to: always the current generation (m7g, c7g,
 * r7g, t4g), since nobody should move to an older Graviton.
 */
export const ARM_EQUIVALENT_FAMILY: Readonly<Record<string, string>> = {
  m5: 'm7g',
  m5a: 'm7g',
  m6i: 'm7g',
  m6a: 'm7g',
  m7i: 'm7g',
  m7a: 'm7g',
  c5: 'c7g',
  c5a: 'c7g',
  c6i: 'c7g',
  c6a: 'c7g',
  c7i: 'c7g',
  c7a: 'c7g',
  r5: 'r7g',
  r5a: 'r7g',
  r6i: 'r7g',
  r6a: 'r7g',
  r7i: 'r7g',
  r7a: 'r7g',
  t3: 't4g',
  t3a: 't4g',
};

/** Splits 'm7g.large' into family 'm7g' and size 'large'; undefined for malformed names. */
export function splitInstanceType(
  instanceType: string,
): { family: string; size: string } | undefined {
  const dot = instanceType.indexOf('.');
  if (dot <= 0 || dot === instanceType.length - 1) return undefined;
  return {
    family: instanceType.slice(0, dot),
    size: instanceType.slice(dot + 1),
  };
}

function mapFamily(
  instanceType: string,
  table: Readonly<Record<string, string>>,
): string | undefined {
  const parts = splitInstanceType(instanceType);
  if (!parts) return undefined;
  const target = table[parts.family];
  if (!target) return undefined;
  const sizes = FAMILY_SIZES[target];
  if (sizes && !sizes.includes(parts.size)) return undefined;
  return `${target}.${parts.size}`;
}

/**
 * The x86_64 type that matches an instance type size for size: m7g.large -> m7i.large,
 * c6g.xlarge -> c6i.xlarge, t4g.medium -> t3.medium. An x86_64 type in a known family maps to
 * itself. Undefined when unknown or when the x86_64 family lacks the size (m7g.medium).
 */
export function x86Equivalent(instanceType: string): string | undefined {
  const parts = splitInstanceType(instanceType);
  if (!parts) return undefined;
  if (ARM_EQUIVALENT_FAMILY[parts.family]) return instanceType;
  return mapFamily(instanceType, X86_EQUIVALENT_FAMILY);
}

/**
 * The Graviton (arm64) type to migrate an x86_64 type to: m5/m6i/m7i -> m7g, c5/c6i/c7i -> c7g,
 * r5/r6i/r7i -> r7g, t3 -> t4g (AMD 'a' variants alike). Undefined when unknown or when
 * the Graviton family lacks the size (m7i.24xlarge).
 */
export function armEquivalent(instanceType: string): string | undefined {
  return mapFamily(instanceType, ARM_EQUIVALENT_FAMILY);
}
