// Billing: Σ Tᵢ·Pᵢ in integer micro-dollars
export { type BillingInterval, bill, microsPerHour } from "./billing";
// Checkers of seed 001's invariants (fed by the manager's `contingency` trace lines and the pools)
export {
  bidRule,
  billing,
  boundedRecovery,
  type DeterminismChecker,
  determinism,
  durability,
  fencing,
  type LeasedInstanceView,
  noDoubleCount,
  noticeBeforeReclaim,
  reservationsHonoured,
  revocable,
  separation,
  sharing,
  singleWriter,
  type ZoneRoom,
} from "./checkers";
export {
  type CapacityTiming,
  ContingencyManager,
  type FailoverPhase,
  type ManagedService,
  type RecoveryBound,
} from "./contingency-manager";
// The pure models: designated slots and leases, the spot market, the notice policy
export {
  ContingencyPool,
  type ContingencySlotState,
  type Designation,
  type Lease,
  type LeaseEndReason,
  type LeaseRefusal,
  type LeaseResult,
  type PoolOptions,
  type Reclaim,
} from "./contingency-pool";
export { HeadVolume, type WriteResult } from "./head-volume";
// The run's bill (I14): intervals per account and item, closed when the item ends
export { type ContingencyPricing, DEFAULT_PRICING, designationMicrosPerHour, Ledger, type LedgerEntry } from "./ledger";
export { describeNotice, NOTICE, type NoticePolicy, noticeMs } from "./notice-policy";
export { DEFAULT_PRICE_MODEL, type PriceModel, SpotMarket } from "./spot-market";
