/**
 * Test-only faulty variants of the pair model (the spec's acceptance test 11): each switch plants
 * one known bug, so a test can show that a checker catches it. Production code paths never set
 * them; `emulate` does not expose them.
 */
export interface PairMutants {
  /** Promotion raises no fence and the storage accepts every epoch (a zombie's commits land). */
  readonly noFence?: boolean;
  /** Promote at the first missed probe, transforming the supporting cluster before the fence. */
  readonly promoteBeforeDetection?: boolean;
  /** Acknowledge a write before its commit is durable (the commit follows a tick later). */
  readonly ackBeforeCommit?: boolean;
  /** Never repoint the endpoint after a promotion. */
  readonly proxyLeftOnOld?: boolean;
  /** Never copy a config change to the supporting cluster. */
  readonly skipSync?: boolean;
  /**
   * The orphan check removed: a remote plan's result is taken as it comes back, whatever the
   * executor's epoch, membership, reach or the version its copy had reached.
   */
  readonly noOrphanCheck?: boolean;
  /** Pairing overwrites the standby's own shape with the writer's (blinds the capacity check to the plan). */
  readonly pairCopiesWriterShape?: boolean;
  /** Choose the supporting cluster among every replica, the writer's zone included. */
  readonly supportingAnyZone?: boolean;
  /** Retries take every request slot of a tick (clients with fresh work starve behind them). */
  readonly retriesFirst?: boolean;
}

export const NO_MUTANTS: PairMutants = {};
