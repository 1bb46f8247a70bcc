/**
 * Relative capacity of RDS/Aurora instance classes, so rules can say whether a standby can
 * carry the writer's load. The unit is GiB of memory, the resource a database feels first when
 * it lands on a smaller instance. Figures follow the published class tables: a `large` has
 * 2 vCPUs, each size step doubles, and the family fixes memory per vCPU.
 */

const GIB_PER_VCPU: Readonly<Record<string, number>> = {
  r: 8, // memory optimized (db.r5, r6g, r6i, r7g, r8g)
  x: 16, // db.x2g: 16 GiB per vCPU
  z: 8, // db.z1d
  m: 4, // general purpose
  t: 4, // burstable: db.t4g.large = 2 vCPU, 8 GiB; smaller sizes below
  c: 2, // compute optimized
};

const VCPUS_BY_SIZE: Readonly<Record<string, number>> = {
  micro: 2,
  small: 2,
  medium: 2,
  large: 2,
  xlarge: 4,
};

/** Burstable sizes below `large` share 2 vCPUs but not memory. */
const BURSTABLE_SMALL_GIB: Readonly<Record<string, number>> = { micro: 1, small: 2, medium: 4 };

/**
 * Memory in GiB of a provisioned class, or `undefined` for classes we cannot size
 * (serverless, unknown families, unresolved tokens): rules then skip the comparison.
 */
export function instanceMemoryGib(instanceClass: string): number | undefined {
  const m = /^db\.([a-z]+)\d+[a-z]*(?:-[a-z0-9]+)?\.([0-9]*)(micro|small|medium|large|xlarge)$/.exec(instanceClass);
  if (!m) return undefined;
  const [, family = "", multiplier, size = ""] = m;
  const perVcpu = GIB_PER_VCPU[family.charAt(0)];
  const base = VCPUS_BY_SIZE[size];
  if (perVcpu === undefined || base === undefined) return undefined;
  const vcpus = multiplier ? base * Number(multiplier) : base;
  const burstableSmall = family.startsWith("t") && !multiplier ? BURSTABLE_SMALL_GIB[size] : undefined;
  return burstableSmall ?? vcpus * perVcpu;
}
