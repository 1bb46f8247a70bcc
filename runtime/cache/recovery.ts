/**
 * Recovery of the survivable cache after an engine failure (why it runs this way:
 * ../../docs/design/0005-cache-survival.md):
 *
 * 1. fence: compare-and-swap the owner epoch e → e+1 and mark the cache RECOVERING; storage
 *    refuses redo of older epochs from now on, so a zombie engine cannot land a write;
 * 2. get R, the consistent LSN, from storage (which drops every record above R, so LSNs issued
 *    after the crash start above everything before it);
 * 3. scan the headers: reset every lock; invalidate a slot that is not VALID, has an odd seqlock,
 *    an intent LSN, or a page id another slot also claims; eager mode also invalidates pages newer
 *    than R and pages whose checksum fails, lazy mode leaves those two checks to the first access;
 * 4. rebuild the page→slot index from the surviving headers, mark the cache RUNNING, serve.
 *
 * No page is read from storage. Running it twice — a crash in the middle, then again — keeps the
 * same set (recovery is idempotent): every step only ever invalidates, and the second run sees the
 * first run's invalidations plus the same tests.
 */
import { slotCrc } from "./cache-engine";
import { type CacheMemory, OwnerState, SlotState } from "./layout";

export type InvalidationReason =
  | "not-valid"
  | "odd-seqlock"
  | "intent"
  | "duplicate"
  | "newer-than-recovery-point"
  | "checksum"
  | "torn-mirror"
  | "lost-write";

export interface RecoveryOptions {
  readonly mode: "eager" | "lazy";
  /**
   * Storage's side of recovery: fence older epochs, drop redo above R; returns R and the highest
   * LSN ever issued, above which the new engine numbers (the superblock may have been lost).
   */
  readonly recoverStorage: (epoch: number, highestIssuedLsn: number) => { readonly recoveryLsn: number; readonly highestIssued: number };
  /** Called before each slot is scanned; throw to crash the recovery there (idempotence tests). */
  readonly step?: (slot: number) => void;
  /**
   * Set when the cache was reloaded from its file after a power loss: storage's version (LSN) of a
   * page at R. The file holds what was durably written, so a slot may hold an older, self-consistent
   * version of its page (a lost write) or torn bytes: every slot is then checked eagerly, in both
   * modes — its checksum, and its page LSN against this version.
   */
  readonly pageVersion?: (pageId: number) => number;
  /**
   * The newest epoch storage has fenced to. A superblock reloaded from a file may predate the last
   * fence; the new epoch must still be above it, or storage would refuse the new engine's redo.
   * @default 0 - the superblock's owner epoch is trusted
   */
  readonly epochFloor?: number;
}

export interface RecoveryOutcome {
  readonly epoch: number;
  /** The recovery point R. */
  readonly recoveryLsn: number;
  /** Slots holding a page that is served (eager: verified; lazy: checked on first access). */
  readonly kept: number;
  readonly invalidated: number;
  readonly reasons: Readonly<Record<InvalidationReason, number>>;
  /** The page→slot index for the new engine. */
  readonly index: Map<number, number>;
  /** Page ids of the kept slots, sorted (what the idempotence tests compare). */
  readonly keptPages: readonly number[];
}

export class FenceLostError extends Error {
  constructor(expected: number) {
    super(`another engine took the cache while epoch ${expected} was being fenced`);
    this.name = "FenceLostError";
  }
}

export function recoverCache(m: CacheMemory, o: RecoveryOptions): RecoveryOutcome {
  const stale = m.ownerEpoch;
  if (o.epochFloor !== undefined && o.epochFloor > stale && !m.casOwnerEpoch(stale, o.epochFloor)) throw new FenceLostError(stale);
  const previous = m.ownerEpoch;
  const epoch = previous + 1;
  if (!m.casOwnerEpoch(previous, epoch)) throw new FenceLostError(previous);
  m.ownerState = OwnerState.RECOVERING;
  const { recoveryLsn: r, highestIssued } = o.recoverStorage(epoch, m.nextLsnFloor);
  m.lastRecoveryLsn = r;
  m.recordRecoveryPoint(epoch, r);
  m.nextLsnFloor = Math.max(m.nextLsnFloor, highestIssued);

  const reasons: Record<InvalidationReason, number> = {
    "not-valid": 0,
    "odd-seqlock": 0,
    intent: 0,
    duplicate: 0,
    "newer-than-recovery-point": 0,
    checksum: 0,
    "torn-mirror": 0,
    "lost-write": 0,
  };
  const owner = new Map<number, number>();
  const invalidate = (slot: number, why: InvalidationReason) => {
    m.setState(slot, SlotState.INVALID);
    reasons[why] += 1;
  };
  for (let slot = 0; slot < m.slotCount; slot++) {
    o.step?.(slot);
    m.unlock(slot);
    const state = m.state(slot);
    // A write-through copy interrupted mid-slot: whatever it holds is not one version.
    if (m.mirrorFlag(slot) !== 0) {
      m.setMirrorFlag(slot, 0);
      if (m.seq(slot) % 2 === 1) m.bumpSeq(slot);
      invalidate(slot, "torn-mirror");
      continue;
    }
    // A seqlock left odd is made even again, so the slot can be refilled later.
    const odd = m.seq(slot) % 2 === 1;
    if (odd) m.bumpSeq(slot);
    if (state === SlotState.FREE || state === SlotState.INVALID) continue;
    if (m.intentLsn(slot) !== 0) {
      invalidate(slot, "intent");
      continue;
    }
    if (state !== SlotState.VALID) {
      invalidate(slot, "not-valid");
      continue;
    }
    if (odd) {
      invalidate(slot, "odd-seqlock");
      continue;
    }
    if (o.pageVersion) {
      if (m.crc(slot) !== slotCrc(m.pageId(slot), m.pageLsn(slot), m.page(slot))) {
        invalidate(slot, "checksum");
        continue;
      }
      if (m.pageLsn(slot) > r) {
        invalidate(slot, "newer-than-recovery-point");
        continue;
      }
      if (m.pageLsn(slot) !== o.pageVersion(m.pageId(slot))) {
        invalidate(slot, "lost-write");
        continue;
      }
      m.setCheckedEpoch(slot, epoch);
    } else if (o.mode === "eager") {
      if (m.pageLsn(slot) > r) {
        invalidate(slot, "newer-than-recovery-point");
        continue;
      }
      if (m.crc(slot) !== slotCrc(m.pageId(slot), m.pageLsn(slot), m.page(slot))) {
        invalidate(slot, "checksum");
        continue;
      }
      m.setCheckedEpoch(slot, epoch);
    }
    const page = m.pageId(slot);
    const other = owner.get(page);
    if (other !== undefined) {
      // Which copy is right is unknowable from the headers alone: neither is served.
      invalidate(slot, "duplicate");
      if (other >= 0) invalidate(other, "duplicate");
      owner.set(page, -1);
      continue;
    }
    owner.set(page, slot);
  }
  const index = new Map<number, number>();
  for (const [page, slot] of owner) if (slot >= 0) index.set(page, slot);
  m.ownerState = OwnerState.RUNNING;
  const invalidated = Object.values(reasons).reduce((a, b) => a + b, 0);
  return {
    epoch,
    recoveryLsn: r,
    kept: index.size,
    invalidated,
    reasons,
    index,
    keptPages: [...index.keys()].sort((a, b) => a - b),
  };
}
