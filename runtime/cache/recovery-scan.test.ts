/**
 * The recovery scan slot by slot, against the rules docs/design/0005-cache-survival.md states
 * (found by mutation testing, `npm run mutate:systems`): one hand-built slot per rule, so each
 * rule is pinned on its own instead of through a swarm's aggregate. A slot is served only if it is
 * VALID, its seqlock even, no intent LSN, no mirror copy interrupted, its page claimed by no other
 * slot, and — in eager mode — not newer than the recovery point R and with a checksum that matches.
 */
import { describe, expect, test } from "vitest";
import { slotCrc } from "./cache-engine";
import { CacheMemory, OwnerState, SlotState } from "./layout";
import { FenceLostError, recoverCache } from "./recovery";

const R = 100;

/** A VALID slot holding `pageId` at `lsn` with a correct checksum, unlocked and even. */
function fill(m: CacheMemory, slot: number, pageId: number, lsn: number): void {
  m.setState(slot, SlotState.VALID);
  m.setPageId(slot, pageId);
  m.setPageLsn(slot, lsn);
  m.page(slot).fill(pageId % 251);
  m.setCrc(slot, slotCrc(pageId, lsn, m.page(slot)));
}

/** Slots 0..10, one per rule; `expectedKept` are the pages a correct recovery serves. */
function scenario() {
  const m = CacheMemory.create({ pageSize: 512, slotCount: 12 });
  fill(m, 0, 10, 50); // kept
  fill(m, 1, 11, 50);
  m.setMirrorFlag(1, 1); // a write-through copy interrupted: torn-mirror
  fill(m, 2, 12, 50);
  m.bumpSeq(2); // odd seqlock on a VALID slot: odd-seqlock
  fill(m, 3, 13, 50);
  m.setIntentLsn(3, 60); // an intent LSN: intent
  fill(m, 4, 14, 50);
  m.setState(4, SlotState.WRITING); // neither VALID, FREE nor INVALID: not-valid
  fill(m, 5, 15, R + 1); // newer than R: eager invalidates, lazy keeps (checked on first access)
  fill(m, 6, 16, 50);
  m.setCrc(6, (m.crc(6) + 1) >>> 0); // checksum mismatch: eager invalidates, lazy keeps
  fill(m, 7, 17, 50);
  fill(m, 8, 17, 40); // page 17 claimed twice: neither copy is served
  fill(m, 9, 17, 30); // a third claim of page 17: still none served
  fill(m, 10, 20, R); // exactly at R: kept
  m.tryLock(10); // locks are reset by recovery
  // slot 11 FREE
  return m;
}

const recover = (m: CacheMemory, mode: "eager" | "lazy") => {
  const asked: [number, number][] = [];
  const out = recoverCache(m, {
    mode,
    recoverStorage: (epoch, highest) => {
      asked.push([epoch, highest]);
      return { recoveryLsn: R, highestIssued: 500 };
    },
  });
  return { out, asked };
};

describe("recoverCache", () => {
  test("eager: each rule invalidates its slot, and only clean slots at or below R are served", () => {
    const m = scenario();
    const { out } = recover(m, "eager");
    expect(out.keptPages).toEqual([10, 20]);
    expect([...out.index]).toEqual([
      [10, 0],
      [20, 10],
    ]);
    expect(out.kept).toBe(2);
    expect(out.reasons).toEqual({
      "not-valid": 1,
      "odd-seqlock": 1,
      intent: 1,
      duplicate: 3,
      "newer-than-recovery-point": 1,
      checksum: 1,
      "torn-mirror": 1,
      // Only a cache reloaded from its file is compared with storage's page versions.
      "lost-write": 0,
    });
    expect(out.invalidated).toBe(9);
    for (const slot of [1, 2, 3, 4, 5, 6, 7, 8, 9]) expect(m.state(slot), `slot ${slot}`).toBe(SlotState.INVALID);
    expect([m.state(0), m.state(10), m.state(11)]).toEqual([SlotState.VALID, SlotState.VALID, SlotState.FREE]);
    // Eager verified the kept slots in this epoch.
    expect([m.checkedEpoch(0), m.checkedEpoch(10)]).toEqual([out.epoch, out.epoch]);
  });

  test("lazy: pages newer than R and bad checksums are left to the first access, everything else as eager", () => {
    const m = scenario();
    const { out } = recover(m, "lazy");
    expect(out.keptPages).toEqual([10, 15, 16, 20]);
    expect(out.reasons["newer-than-recovery-point"] + out.reasons.checksum).toBe(0);
    expect(out.invalidated).toBe(7);
    expect(m.checkedEpoch(0)).toBe(0);
  });

  test("the fence: the epoch rises by one, storage is asked with it and the old LSN floor; R and the new floor are recorded", () => {
    const m = scenario();
    m.nextLsnFloor = 300;
    const { out, asked } = recover(m, "eager");
    expect(asked).toEqual([[1, 300]]);
    expect([out.epoch, m.ownerEpoch, out.recoveryLsn, m.lastRecoveryLsn, m.recoveryPointOf(1)]).toEqual([1, 1, R, R, R]);
    expect(m.nextLsnFloor).toBe(500);
    expect(m.ownerState).toBe(OwnerState.RUNNING);
    // A floor above what storage reports is kept: LSNs never go back.
    m.nextLsnFloor = 900;
    recover(m, "eager");
    expect(m.nextLsnFloor).toBe(900);
    expect(m.ownerEpoch).toBe(2);
  });

  // A cache reloaded from its file may carry an older superblock than storage has fenced: the new
  // epoch must rise above storage's fence too, or a writer holding the fenced epoch would pass it.
  test("a reloaded cache's epoch rises above storage's last fence, and a floor never lowers it", () => {
    const withFloor = (stale: number, epochFloor: number) => {
      const m = CacheMemory.create({ pageSize: 512, slotCount: 2 });
      for (let e = 0; e < stale; e++) m.casOwnerEpoch(e, e + 1);
      const asked: number[] = [];
      const out = recoverCache(m, {
        mode: "eager",
        epochFloor,
        recoverStorage: (epoch) => {
          asked.push(epoch);
          return { recoveryLsn: R, highestIssued: 0 };
        },
      });
      return [out.epoch, m.ownerEpoch, ...asked];
    };
    expect(withFloor(2, 7)).toEqual([8, 8, 8]); // storage fenced epoch 7: the reloaded cache takes 8
    expect(withFloor(5, 1)).toEqual([6, 6, 6]); // a floor below the cache's own epoch changes nothing
    expect(withFloor(5, 5)).toEqual([6, 6, 6]);
    // Another engine took the cache while this one raised its epoch to the floor: refused.
    const m = CacheMemory.create({ pageSize: 512, slotCount: 2 });
    const racing = Object.create(m, { casOwnerEpoch: { value: () => false } }) as CacheMemory;
    expect(() =>
      recoverCache(racing, { mode: "eager", epochFloor: 4, recoverStorage: () => ({ recoveryLsn: R, highestIssued: 0 }) }),
    ).toThrow(FenceLostError);
  });

  test("a torn write-through copy leaves its slot even and invalid; a slot already INVALID is not counted again", () => {
    const m = CacheMemory.create({ pageSize: 512, slotCount: 3 });
    fill(m, 0, 10, 50);
    m.setMirrorFlag(0, 1);
    m.bumpSeq(0); // interrupted mid-copy: the seqlock is odd too
    fill(m, 1, 11, 50);
    m.setState(1, SlotState.INVALID); // invalidated before the crash
    const { out } = recover(m, "eager");
    expect([m.seq(0) % 2, m.mirrorFlag(0), m.state(0)]).toEqual([0, 0, SlotState.INVALID]);
    expect([out.invalidated, out.reasons["torn-mirror"], out.reasons["not-valid"], out.kept]).toEqual([1, 1, 0, 0]);
  });

  test("slot 0 is a slot like any other: a page it shares with another slot is served from neither", () => {
    const m = CacheMemory.create({ pageSize: 512, slotCount: 2 });
    fill(m, 0, 7, 50);
    fill(m, 1, 7, 40);
    const { out } = recover(m, "eager");
    expect([m.state(0), m.state(1), out.kept, out.reasons.duplicate]).toEqual([SlotState.INVALID, SlotState.INVALID, 0, 2]);
  });

  test("kept pages are listed by page id, whatever slots hold them", () => {
    const m = CacheMemory.create({ pageSize: 512, slotCount: 3 });
    fill(m, 0, 30, 50);
    fill(m, 1, 5, 50);
    fill(m, 2, 100, 50);
    expect(recover(m, "eager").out.keptPages).toEqual([5, 30, 100]);
  });

  test("reloaded from its file: a page newer than R is refused even when its checksum and version agree", () => {
    const m = CacheMemory.create({ pageSize: 512, slotCount: 2 });
    fill(m, 0, 10, R + 5); // written after the recovery point: storage's version says R + 5 too
    fill(m, 1, 11, 50);
    const versions = new Map([
      [10, R + 5],
      [11, 50],
    ]);
    const out = recoverCache(m, {
      mode: "eager",
      pageVersion: (p) => versions.get(p) ?? 0,
      recoverStorage: () => ({ recoveryLsn: R, highestIssued: 0 }),
    });
    expect([m.state(0), out.reasons["newer-than-recovery-point"], out.keptPages]).toEqual([SlotState.INVALID, 1, [11]]);
  });

  test("locks are reset and odd seqlocks made even, so every slot can be refilled", () => {
    const m = scenario();
    recover(m, "eager");
    for (let slot = 0; slot < m.slotCount; slot++) {
      expect(m.tryLock(slot), `slot ${slot} lockable`).toBe(true);
      expect(m.seq(slot) % 2, `slot ${slot} seqlock even`).toBe(0);
    }
    expect(m.mirrorFlag(1)).toBe(0);
  });

  test("the cache is RECOVERING while storage is asked, and a lost fence refuses to recover", () => {
    const m = scenario();
    let during = -1;
    recoverCache(m, {
      mode: "eager",
      recoverStorage: () => {
        during = m.ownerState;
        return { recoveryLsn: R, highestIssued: 0 };
      },
    });
    expect(during).toBe(OwnerState.RECOVERING);
    // Another engine won epoch 2 between this one reading epoch 1 and its compare-and-swap.
    const stale = Object.create(m, { ownerEpoch: { get: () => 0 } }) as CacheMemory;
    expect(() =>
      recoverCache(stale, {
        mode: "eager",
        recoverStorage: () => {
          throw new Error("storage must not be asked");
        },
      }),
    ).toThrow(FenceLostError);
    expect(m.ownerEpoch).toBe(1);
    expect(new FenceLostError(3).message).toMatch(/epoch 3 was being fenced/);
  });

  test("recovering twice keeps the same pages (idempotent), a crash mid-scan included", () => {
    const once = scenario();
    const first = recover(once, "eager").out.keptPages;
    expect(recover(once, "eager").out.keptPages).toEqual(first);
    const crashed = scenario();
    expect(() =>
      recoverCache(crashed, {
        mode: "eager",
        recoverStorage: () => ({ recoveryLsn: R, highestIssued: 0 }),
        step: (slot) => {
          if (slot === 7) throw new Error("crash mid-scan");
        },
      }),
    ).toThrow(/crash mid-scan/);
    expect(recover(crashed, "eager").out.keptPages).toEqual(first);
  });
});
