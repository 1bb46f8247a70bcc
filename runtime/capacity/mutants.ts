/**
 * Test-only faulty variants of the contingency manager: each switch plants one known bug, so a test
 * (or a campaign with `mutants`) can show an invariant catches it. Production paths never set them;
 * `emulate` reaches them only through `InternalEmulateOptions.mutants` (`contingency.<name>`).
 */
export interface ContingencyMutants {
  /** A failover claims the designated capacity but never revokes the leases on it before launching. */
  readonly skipRevoke?: boolean;
  /** The head volume's copies accept a write from any epoch (no fence). */
  readonly noVolumeFence?: boolean;
  /** A lease the spot price outbid is never revoked in the cloud: its tenant keeps running. */
  readonly noOutbidRevoke?: boolean;
  /** A lease is billed at the tenant's bid (the most it would pay), not at the spot price. */
  readonly leaseAtBid?: boolean;
  /** The roles swap stops the old primary but leaves the designated capacity where it was, beside the new primary. */
  readonly noRedesignate?: boolean;
}

export const NO_CONTINGENCY_MUTANTS: ContingencyMutants = {};

const NAMES = ["skipRevoke", "noVolumeFence", "noOutbidRevoke", "leaseAtBid", "noRedesignate"] as const;

/** The `contingency.*` switches of a run, as mutants (the empty set when none). */
export function contingencyMutants(names: ReadonlySet<string>): ContingencyMutants {
  const out: Record<string, boolean> = {};
  for (const n of NAMES) if (names.has(`contingency.${n}`)) out[n] = true;
  return out;
}
